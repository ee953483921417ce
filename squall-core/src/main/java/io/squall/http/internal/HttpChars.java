package io.squall.http.internal;

/**
 * Character classes and tokens from RFC 9110 and RFC 9112 as lookup tables, so parsers and
 * validators in the HTTP, web and WebSocket layers check bytes and chars without regular
 * expressions. Parsing whole header values (lists, parameters) is {@link HeaderValues}'s job.
 *
 * <p>Methods taking an {@code int} accept a byte as an unsigned value (0-255) or a {@code char};
 * values outside the table are simply not members of the class.
 */
public final class HttpChars {
  private static final boolean[] TCHAR = new boolean[128];
  private static final boolean[] HOST = new boolean[128];
  private static final byte[] HEX = new byte[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
      HOST[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
      HOST[c] = true;
      HOST[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
    // RFC 3986 unreserved and sub-delims, plus ':' '[' ']' anywhere (IP literals and the port),
    // the way Tornado simplifies the host ABNF. '%' is checked separately (it needs two hex
    // digits).
    for (char c : "-._~!$&'()*+,;=:[]".toCharArray()) {
      HOST[c] = true;
    }
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX[c] = (byte) (c - 'a' + 10);
      HEX[c - 32] = (byte) (c - 'a' + 10);
    }
  }

  private HttpChars() {}

  /** Whether {@code c} is a {@code tchar}: a character allowed in a token (method, field name). */
  public static boolean isTchar(int c) {
    return c >= 0 && c < 128 && TCHAR[c];
  }

  /** Whether {@code s} is a non-empty RFC 9110 token. */
  public static boolean isToken(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code c} may appear inside a field value: HTAB, SP, VCHAR or obs-text (0x80-0xFF).
   * Everything else (NUL, CR, LF, other controls, DEL, chars above 0xFF) is refused.
   */
  public static boolean isFieldValueChar(int c) {
    return c >= 0x20 ? c != 0x7F && c <= 0xFF : c == '\t';
  }

  /** Whether {@code c} may appear in a request target: VCHAR or obs-text; no whitespace. */
  public static boolean isTargetChar(int c) {
    return c > 0x20 && c != 0x7F && c <= 0xFF;
  }

  /** Whether {@code c} is SP or HTAB (RFC 9110 OWS). */
  public static boolean isOws(int c) {
    return c == ' ' || c == '\t';
  }

  /** The value of hex digit {@code c}, or -1. */
  public static int hexValue(int c) {
    return c >= 0 && c < 128 ? HEX[c] : -1;
  }

  /** Whether {@code c} is allowed in a Host value (besides '%', which needs two hex digits). */
  static boolean isHostChar(int c) {
    return c >= 0 && c < 128 && HOST[c];
  }

  /** ASCII-only lower case; other chars unchanged. */
  public static int toLowerAscii(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
