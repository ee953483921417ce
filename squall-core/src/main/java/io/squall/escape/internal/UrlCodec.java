package io.squall.escape.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Percent-encoding with Python's {@code quote}/{@code quote_plus} rules, and the one
 * percent-decoder of every layer (URL arguments, form bodies, route groups, static paths).
 */
public final class UrlCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlCodec() {}

  private static boolean unreserved(int b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == '.'
        || b == '-'
        || b == '~';
  }

  /** Encodes bytes; {@code plus} selects query-string rules, otherwise path rules. */
  public static String encode(byte[] value, boolean plus) {
    StringBuilder out = new StringBuilder(value.length + 16);
    for (byte raw : value) {
      int b = raw & 0xff;
      if (unreserved(b) || (!plus && b == '/')) {
        out.append((char) b);
      } else if (plus && b == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes to bytes; malformed escapes are kept as their literal characters' bytes, other
   * characters stand for their UTF-8 bytes.
   */
  public static byte[] decode(String value, boolean plus) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(bytes, decode(bytes, 0, bytes.length, plus, false, bytes, 0));
  }

  /**
   * Decodes a URL path component to bytes: {@code +} stays, other characters stand for their UTF-8
   * bytes.
   *
   * @throws IllegalArgumentException for a {@code %} not followed by two hex digits
   */
  public static byte[] decodeStrict(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(bytes, decode(bytes, 0, bytes.length, false, true, bytes, 0));
  }

  /**
   * Decodes the bytes {@code src[from, end)} into {@code dst} from {@code at} (which may be {@code
   * src} itself when {@code at <= from}: the output never overtakes the input). With {@code plus} a
   * {@code +} is a space. A malformed escape is kept as it is, or with {@code strict} refused.
   *
   * @return the index in {@code dst} after the last byte written
   * @throws IllegalArgumentException for a malformed escape when {@code strict}
   */
  public static int decode(
      byte[] src, int from, int end, boolean plus, boolean strict, byte[] dst, int at) {
    for (int i = from; i < end; i++) {
      byte b = src[i];
      int hi;
      int lo;
      if (b == '%' && i + 2 < end && (hi = hex(src[i + 1])) >= 0 && (lo = hex(src[i + 2])) >= 0) {
        dst[at++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (b == '%' && strict) {
        throw new IllegalArgumentException("malformed percent escape at " + (i - from));
      } else if (b == '+' && plus) {
        dst[at++] = ' ';
      } else {
        dst[at++] = b;
      }
    }
    return at;
  }

  /** Decodes and then reads the bytes in {@code charset}, replacing invalid sequences. */
  public static String decodeToString(String value, Charset charset, boolean plus) {
    if (value.indexOf('%') < 0 && (!plus || value.indexOf('+') < 0)) {
      return value;
    }
    byte[] bytes = decode(value, plus);
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("replacing decoder failed", e);
    }
  }

  private static int hex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * {@code url} with every non-ASCII character percent-encoded as UTF-8; ASCII, {@code %} escapes
   * included, is kept (control characters are left for the header check to refuse). The same string
   * when there is nothing to encode.
   */
  public static String encodeUnsafeUriChars(String url) {
    int i = 0;
    while (i < url.length() && url.charAt(i) < 0x80) {
      i++;
    }
    if (i == url.length()) {
      return url;
    }
    StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, i);
    byte[] bytes = url.substring(i).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 0x80) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
