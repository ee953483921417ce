package io.squall.http.internal;

import io.squall.escape.internal.UrlCodec;
import io.squall.http.HttpInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} decoding as Python's {@code parse_qs(...,
 * keep_blank_values=True)} does it: pairs split on {@code '&'} only, empty pairs skipped, a pair
 * without {@code '='} gives an empty value, {@code '+'} is a space, malformed {@code %} escapes are
 * kept literally. Unlike Python, bytes that are not valid in the charset are an error (400), never
 * silently replaced.
 */
public final class UrlEncoded {
  private UrlEncoded() {}

  /**
   * Adds the pairs of {@code a[from, end)} to {@code out}, names and values decoded with {@code
   * charset} (which must be ASCII-compatible).
   *
   * @throws HttpInputException (400) if a decoded name or value is not valid in {@code charset}
   */
  public static void parse(
      byte[] a, int from, int end, Charset charset, Map<String, List<String>> out) {
    int i = from;
    while (i < end) {
      int amp = i;
      int eq = -1;
      while (amp < end && a[amp] != '&') {
        if (eq < 0 && a[amp] == '=') {
          eq = amp;
        }
        amp++;
      }
      if (amp > i) {
        String name;
        String value;
        if (eq < 0) {
          name = decode(a, i, amp, charset);
          value = "";
        } else {
          name = decode(a, i, eq, charset);
          value = decode(a, eq + 1, amp, charset);
        }
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      i = amp + 1;
    }
  }

  /** Converts a string of byte-chars (ISO-8859-1, as in a request target) back to bytes. */
  public static byte[] latin1Bytes(String s, Charset charsetForWideChars) {
    int n = s.length();
    boolean narrow = true;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        narrow = false;
        break;
      }
    }
    if (narrow) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      if (cp <= 0xFF) {
        out.write(cp);
      } else {
        out.writeBytes(new String(Character.toChars(cp)).getBytes(charsetForWideChars));
      }
      i += Character.charCount(cp);
    }
    return out.toByteArray();
  }

  /** Percent-decodes {@code a[from, end)} ({@code '+'} as space) and decodes it strictly. */
  public static String decode(byte[] a, int from, int end, Charset charset) {
    boolean plain = true;
    for (int i = from; i < end; i++) {
      byte b = a[i];
      if (b == '%' || b == '+' || b < 0) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return new String(a, from, end - from, StandardCharsets.ISO_8859_1);
    }
    byte[] buf = new byte[end - from];
    int n = UrlCodec.decode(a, from, end, true, false, buf, 0);
    return decodeStrict(buf, 0, n, charset, "argument");
  }

  /**
   * Decodes bytes with {@code charset}, reporting malformed input as a 400.
   *
   * @param what what the bytes are, for the error message
   */
  public static String decodeStrict(byte[] a, int from, int len, Charset charset, String what) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(a, from, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpInputException(400, "Invalid " + charset.name() + " in " + what);
    }
  }
}
