package io.squall.http.internal;

/** Looks for a token in a comma-separated header value, ignoring case and white space. */
public final class HeaderTokens {
  private HeaderTokens() {}

  /** Whether {@code value} (e.g. {@code "keep-alive, Upgrade"}) lists {@code token}. */
  public static boolean contains(String value, String token) {
    int n = value.length();
    int i = 0;
    while (i < n) {
      while (i < n
          && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && value.charAt(i) != ',') {
        i++;
      }
      int end = i;
      while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
        end--;
      }
      if (end - start == token.length()
          && value.regionMatches(true, start, token, 0, token.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code value} lists {@code token}, ignoring parameters such as {@code ;q=0.5}; a token
   * with {@code q=0} does not count.
   */
  public static boolean containsIgnoringParams(String value, String token) {
    for (String part : value.split(",")) {
      String p = part.trim();
      int semi = p.indexOf(';');
      String name = (semi >= 0 ? p.substring(0, semi) : p).trim();
      if (name.equalsIgnoreCase(token)) {
        if (semi >= 0) {
          String params = p.substring(semi + 1).trim();
          if (params.startsWith("q=") || params.startsWith("Q=")) {
            try {
              return Double.parseDouble(params.substring(2).trim()) > 0;
            } catch (NumberFormatException e) {
              return true;
            }
          }
        }
        return true;
      }
    }
    return false;
  }
}
