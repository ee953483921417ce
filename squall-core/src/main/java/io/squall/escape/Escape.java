package io.squall.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.squall.escape.internal.HtmlEntities;
import io.squall.escape.internal.Linkifier;
import io.squall.escape.internal.UrlCodec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Escaping and unescaping for HTML, URLs and JSON (Tornado's {@code tornado.escape}).
 *
 * <p>All methods are static, thread-safe and allocation-light; none compiles a pattern per call.
 */
public final class Escape {
  private Escape() {}

  // ---------------------------------------------------------------- HTML

  /**
   * Escapes a string so it is valid inside HTML or XML text and quoted attribute values: {@code &}
   * {@code <} {@code >} {@code "} and {@code '} become {@code &amp;} {@code &lt;} {@code &gt;}
   * {@code &quot;} and {@code &#x27;}, as in Tornado. {@code null} gives an empty string.
   */
  public static String xhtmlEscape(CharSequence value) {
    if (value == null) {
      return "";
    }
    int n = value.length();
    for (int i = 0; i < n; i++) {
      if (needsHtmlEscape(value.charAt(i))) {
        StringBuilder out = new StringBuilder(n + 16);
        out.append(value, 0, i);
        appendXhtmlEscaped(value, i, n, out);
        return out.toString();
      }
    }
    return value.toString();
  }

  /** {@link #xhtmlEscape(CharSequence)} for UTF-8 bytes, as Tornado accepts bytes. */
  public static String xhtmlEscape(byte[] utf8Value) {
    return utf8Value == null ? "" : xhtmlEscape(toUnicode(utf8Value));
  }

  /**
   * Appends {@code value} to {@code out}, HTML-escaped as by {@link #xhtmlEscape(CharSequence)},
   * without an intermediate string. {@code null} appends nothing.
   */
  public static void xhtmlEscape(CharSequence value, StringBuilder out) {
    if (value != null) {
      appendXhtmlEscaped(value, 0, value.length(), out);
    }
  }

  private static boolean needsHtmlEscape(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
  }

  private static void appendXhtmlEscaped(CharSequence s, int from, int to, StringBuilder out) {
    int start = from;
    for (int i = from; i < to; i++) {
      String rep =
          switch (s.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#x27;";
            default -> null;
          };
      if (rep != null) {
        out.append(s, start, i).append(rep);
        start = i + 1;
      }
    }
    out.append(s, start, to);
  }

  /**
   * Replaces HTML character references with the characters they stand for: decimal and hexadecimal
   * numeric references (following HTML 5's rules for invalid code points) and the named entities of
   * HTML 4 plus {@code &apos;}. Anything that is not a valid reference is left as it is.
   */
  public static String xhtmlUnescape(String value) {
    return value == null ? "" : HtmlEntities.unescape(value);
  }

  // ---------------------------------------------------------------- URLs

  /**
   * URL-encodes a string as UTF-8 for a query string: spaces become {@code +}, {@code /} is %2F.
   */
  public static String urlEscape(String value) {
    return urlEscape(value, true);
  }

  /**
   * URL-encodes {@code value} as UTF-8. Letters, digits and {@code _.-~} are kept. With {@code
   * plus} (query strings and forms) a space becomes {@code +} and {@code /} is escaped; without it
   * (URL paths) a space becomes {@code %20} and {@code /} is kept.
   */
  public static String urlEscape(String value, boolean plus) {
    return UrlCodec.encode(value.getBytes(StandardCharsets.UTF_8), plus);
  }

  /** {@link #urlEscape(String, boolean)} for raw bytes, which are encoded as they are. */
  public static String urlEscape(byte[] value, boolean plus) {
    return UrlCodec.encode(value, plus);
  }

  /** Decodes a query-string value: {@code +} is a space, percent escapes are UTF-8 bytes. */
  public static String urlUnescape(String value) {
    return urlUnescape(value, true);
  }

  /**
   * Decodes a URL-encoded value as UTF-8. With {@code plus}, {@code +} means a space (query strings
   * and forms); without it {@code +} stays (URL paths). Malformed percent escapes are kept
   * literally and invalid UTF-8 becomes U+FFFD, so this never fails.
   */
  public static String urlUnescape(String value, boolean plus) {
    return urlUnescape(value, StandardCharsets.UTF_8, plus);
  }

  /** {@link #urlUnescape(String, boolean)} decoding the bytes with another charset. */
  public static String urlUnescape(String value, Charset charset, boolean plus) {
    return UrlCodec.decodeToString(value, charset, plus);
  }

  /** Decodes a URL-encoded value to its raw bytes (Tornado's {@code encoding=None}). */
  public static byte[] urlUnescapeToBytes(String value, boolean plus) {
    return UrlCodec.decode(value, plus);
  }

  // ---------------------------------------------------------------- JSON

  /**
   * Serializes {@code value} to JSON with the shared {@link Json#mapper()}. The result never
   * contains {@code </} (it is written {@code <\/}), so it is safe inside an HTML {@code <script>}
   * element.
   *
   * @throws IllegalArgumentException if Jackson cannot serialize the value
   */
  public static String jsonEncode(Object value) {
    String json;
    try {
      json = Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
    }
    return json.indexOf("</") < 0 ? json : json.replace("</", "<\\/");
  }

  /**
   * Parses JSON text into plain Java values: {@code Map}, {@code List}, {@code String}, {@code
   * Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean} or {@code null}.
   *
   * @throws IllegalArgumentException if the text is not valid JSON
   */
  public static Object jsonDecode(String json) {
    return jsonDecode(json, Object.class);
  }

  /** {@link #jsonDecode(String)} for UTF-8 (or UTF-16/32, detected) bytes. */
  public static Object jsonDecode(byte[] json) {
    try {
      return Json.mapper().readValue(json, Object.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text into an instance of {@code type} with the shared mapper.
   *
   * @throws IllegalArgumentException if the text is not valid JSON or does not fit the type
   */
  public static <T> T jsonDecode(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  // ---------------------------------------------------------------- text

  /**
   * Replaces every run of control characters and spaces (U+0000–U+0020) with one space and trims.
   */
  public static String squeeze(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean inRun = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ') {
        inRun = true;
      } else {
        if (inRun && !out.isEmpty()) {
          out.append(' ');
        }
        inRun = false;
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /**
   * Converts plain text into HTML with links, with the default options: {@code http} and {@code
   * https} URLs and bare {@code www.} hosts become {@code <a href>} links, and all text is
   * HTML-escaped first.
   */
  public static String linkify(String text) {
    return Linkifier.linkify(text, LinkifyOptions.defaults());
  }

  /** Converts plain text into HTML with links; see {@link LinkifyOptions} for the choices. */
  public static String linkify(String text, LinkifyOptions options) {
    return Linkifier.linkify(text, options);
  }

  // ---------------------------------------------------------------- UTF-8

  /** Encodes a string as UTF-8; {@code null} stays {@code null}. */
  public static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the bytes unchanged (Tornado's {@code utf8} accepts bytes too). */
  public static byte[] utf8(byte[] value) {
    return value;
  }

  /** Decodes UTF-8 bytes (invalid sequences become U+FFFD); {@code null} stays {@code null}. */
  public static String toUnicode(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** Returns the string unchanged (Tornado's {@code to_unicode} accepts str too). */
  public static String toUnicode(String value) {
    return value;
  }
}
