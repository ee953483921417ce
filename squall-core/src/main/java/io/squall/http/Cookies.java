package io.squall.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing of the {@code Cookie} request header the way browsers and Tornado's {@code parse_cookie}
 * do it, not by the RFCs (browsers don't follow them either).
 *
 * <p>The header is split on every {@code ';'} (even inside quotes); each piece is split at its
 * first {@code '='} (a piece without one is a value with an empty name); name and value are
 * trimmed; a piece whose name and value are both empty is skipped; a value in double quotes is
 * unquoted, with {@code \ooo} octal and {@code \x} escapes resolved. A repeated name keeps its
 * first position and takes the last value, as in Tornado. Nothing is ever refused.
 */
public final class Cookies {
  private Cookies() {}

  /**
   * Parses a {@code Cookie} header value into an ordered map from name to value; an empty map for
   * null or blank input. Never throws.
   */
  public static Map<String, String> parse(String cookieHeader) {
    Map<String, String> out = new LinkedHashMap<>();
    if (cookieHeader == null) {
      return out;
    }
    int n = cookieHeader.length();
    int i = 0;
    while (i <= n) {
      int semi = cookieHeader.indexOf(';', i);
      int end = semi < 0 ? n : semi;
      // look for '=' within this piece only: searching to the end of the header made a header of
      // many pieces without '=' quadratic (CVE-2024-52804)
      int eq = cookieHeader.indexOf('=', i, end);
      String key;
      String value;
      if (eq >= 0) {
        key = cookieHeader.substring(i, eq).strip();
        value = cookieHeader.substring(eq + 1, end).strip();
      } else {
        key = "";
        value = cookieHeader.substring(i, end).strip();
      }
      if (!key.isEmpty() || !value.isEmpty()) {
        out.put(key, unquote(value));
      }
      if (semi < 0) {
        break;
      }
      i = semi + 1;
    }
    return out;
  }

  /** Python's {@code http.cookies._unquote}: strips surrounding quotes and resolves escapes. */
  static String unquote(String s) {
    int n = s.length();
    if (n < 2 || s.charAt(0) != '"' || s.charAt(n - 1) != '"') {
      return s;
    }
    StringBuilder sb = new StringBuilder(n - 2);
    int end = n - 1;
    for (int i = 1; i < end; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= end || s.charAt(i + 1) == '\n') {
        sb.append(c);
        continue;
      }
      if (i + 3 < end
          && isOctal(s.charAt(i + 1), '3')
          && isOctal(s.charAt(i + 2), '7')
          && isOctal(s.charAt(i + 3), '7')) {
        sb.append(
            (char)
                ((s.charAt(i + 1) - '0') * 64
                    + (s.charAt(i + 2) - '0') * 8
                    + s.charAt(i + 3)
                    - '0'));
        i += 3;
      } else {
        sb.append(s.charAt(i + 1));
        i++;
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(char c, char max) {
    return c >= '0' && c <= max;
  }
}
