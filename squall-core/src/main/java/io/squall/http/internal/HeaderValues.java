package io.squall.http.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parsing header values (RFC 9110 section 5.6), for the HTTP, web and WebSocket layers: whether a
 * comma-separated list holds a token, and values with parameters such as {@code Content-Type} and
 * {@code Content-Disposition}. Character classes and tokens are in {@link HttpChars}.
 */
public final class HeaderValues {
  /**
   * A {@code Content-Type}- or {@code Content-Disposition}-like value: {@code value *( ";" name [
   * "=" ( token / quoted-string ) ] )} (Tornado's {@code _parse_header}).
   *
   * <p>Lenient and linear: semicolons inside quoted strings do not split, a quoted string keeps any
   * backslash that does not escape {@code '\\'} or {@code '"'} (so Windows paths survive), an
   * unterminated quote runs to the end, names are lower-cased, valueless parameters map to the
   * empty string, and a later repeat of a name wins. {@code name*} parameters in RFC 5987/8187 form
   * ({@code charset'lang'pct-encoded}, UTF-8 or ISO-8859-1) are decoded and stored under {@code
   * name}, replacing the plain one; an undecodable one is ignored.
   *
   * @param value the part before the first {@code ';'}, trimmed (e.g. {@code form-data})
   * @param params the parameters in order
   */
  public record Params(String value, Map<String, String> params) {
    /** The parameter {@code name} (lower case), or null. */
    public String param(String name) {
      return params.get(name);
    }
  }

  private HeaderValues() {}

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

  /**
   * Parses a parameterised value such as {@code form-data; name="a"} ({@link Params}). Never
   * throws.
   */
  public static Params params(String header) {
    int n = header.length();
    int i = header.indexOf(';');
    if (i < 0) {
      i = n;
    }
    String value = header.substring(0, i).strip();
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> extended = new LinkedHashMap<>();
    while (i < n) {
      i++; // past ';'
      int nameStart = i;
      while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
        i++;
      }
      String name = header.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
      String v = "";
      if (i < n && header.charAt(i) == '=') {
        i++;
        while (i < n && HttpChars.isOws(header.charAt(i))) {
          i++;
        }
        if (i < n && header.charAt(i) == '"') {
          StringBuilder sb = new StringBuilder();
          i++;
          while (i < n && header.charAt(i) != '"') {
            char c = header.charAt(i);
            if (c == '\\'
                && i + 1 < n
                && (header.charAt(i + 1) == '\\' || header.charAt(i + 1) == '"')) {
              sb.append(header.charAt(i + 1));
              i += 2;
            } else {
              sb.append(c);
              i++;
            }
          }
          v = sb.toString();
          while (i < n && header.charAt(i) != ';') {
            i++; // skip junk after the closing quote
          }
        } else {
          int s = i;
          while (i < n && header.charAt(i) != ';') {
            i++;
          }
          v = header.substring(s, i).strip();
        }
      }
      if (name.isEmpty()) {
        continue;
      }
      if (name.endsWith("*") && name.length() > 1) {
        String decoded = decodeExtended(v);
        if (decoded != null) {
          extended.put(name.substring(0, name.length() - 1), decoded);
        }
      } else {
        plain.put(name, v);
      }
    }
    plain.putAll(extended);
    return new Params(value, plain);
  }

  /** {@code charset'lang'pct-encoded} to a string, or null if malformed or undecodable. */
  static String decodeExtended(String v) {
    int q1 = v.indexOf('\'');
    int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
    if (q2 < 0) {
      return null;
    }
    String cs = v.substring(0, q1).strip();
    Charset charset;
    if (cs.equalsIgnoreCase("utf-8")) {
      charset = StandardCharsets.UTF_8;
    } else if (cs.equalsIgnoreCase("iso-8859-1")) {
      charset = StandardCharsets.ISO_8859_1;
    } else if (cs.equalsIgnoreCase("us-ascii")) {
      charset = StandardCharsets.US_ASCII;
    } else {
      return null;
    }
    String enc = v.substring(q2 + 1);
    byte[] out = new byte[enc.length()];
    int n = 0;
    for (int i = 0; i < enc.length(); i++) {
      char c = enc.charAt(i);
      if (c == '%'
          && i + 2 < enc.length()
          && HttpChars.hexValue(enc.charAt(i + 1)) >= 0
          && HttpChars.hexValue(enc.charAt(i + 2)) >= 0) {
        out[n++] =
            (byte)
                (HttpChars.hexValue(enc.charAt(i + 1)) << 4
                    | HttpChars.hexValue(enc.charAt(i + 2)));
        i += 2;
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        return null;
      }
    }
    try {
      return UrlEncoded.decodeStrict(out, 0, n, charset, "parameter");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
