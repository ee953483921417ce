package io.squall.escape.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding with Python's {@code quote}/{@code quote_plus} rules. */
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

  /** Decodes to bytes; malformed escapes are kept as their literal characters' bytes. */
  public static byte[] decode(String value, boolean plus) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < n && hex(value.charAt(i + 1)) >= 0 && hex(value.charAt(i + 2)) >= 0) {
        out.write((hex(value.charAt(i + 1)) << 4) | hex(value.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plus) {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        // Non-ASCII characters in the input stand for themselves, as UTF-8.
        int end = i + 1;
        if (Character.isHighSurrogate(c)
            && end < n
            && Character.isLowSurrogate(value.charAt(end))) {
          end++;
        }
        out.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return out.toByteArray();
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

  private static int hex(char c) {
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
}
