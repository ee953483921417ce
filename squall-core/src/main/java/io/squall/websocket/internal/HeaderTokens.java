package io.squall.websocket.internal;

/** Small helpers for HTTP tokens and comma-separated header lists (RFC 9110 section 5.6). */
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

  /**
   * Whether a comma-separated header value lists {@code token}, ignoring case and surrounding
   * whitespace, e.g. {@code Connection: keep-alive, Upgrade}.
   *
   * @param value the header value, or null
   */
  public static boolean containsToken(String value, String token) {
    if (value == null) {
      return false;
    }
    int start = 0;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      if (trimmedEqualsIgnoreCase(value, start, end, token)) {
        return true;
      }
      if (comma < 0) {
        return false;
      }
      start = comma + 1;
    }
    return false;
  }

  private static boolean trimmedEqualsIgnoreCase(String s, int start, int end, String token) {
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return end - start == token.length() && s.regionMatches(true, start, token, 0, token.length());
  }

  /** Optional whitespace in HTTP: space or horizontal tab. */
  public static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}
