package io.squall.http.internal;

/**
 * HTTP tokens and comma-separated header lists (RFC 9110 section 5.6), for the HTTP and WebSocket
 * layers.
 */
public final class HeaderTokens {
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private HeaderTokens() {}

  /** Whether {@code c} may appear in a token. */
  public static boolean isTokenChar(char c) {
    return c < 128 && TCHAR[c];
  }

  /** Whether {@code s} is a non-empty token. */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Optional whitespace in HTTP: space or horizontal tab. */
  public static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Whether {@code value} (e.g. {@code "keep-alive, Upgrade"}, may be null) lists {@code token},
   * ignoring case and surrounding white space.
   */
  public static boolean contains(String value, String token) {
    if (value == null) {
      return false;
    }
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
