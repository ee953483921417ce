package io.squall.web.internal;

import java.io.ByteArrayOutputStream;

/** Decodes {@code %XX} escapes (and optionally {@code +} as space) into raw bytes. */
public final class PercentDecoder {
  private PercentDecoder() {}

  /**
   * Decodes {@code s}; characters other than escapes are taken as UTF-8.
   *
   * @throws IllegalArgumentException for a {@code %} not followed by two hex digits
   */
  public static byte[] decode(String s, boolean plusAsSpace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated percent escape in " + s);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad percent escape in " + s);
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+' && plusAsSpace) {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    return out.toByteArray();
  }
}
