package io.squall.websocket.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Test helpers that build frames byte by byte, independently of {@link FrameWriter}, so tests can
 * also make frames the writer refuses to make.
 */
final class Wire {
  static final int KEY = 0x37FA213D; // the masking key of RFC 6455 section 5.7

  private Wire() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[\\s,]|0x", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** All remaining bytes of the buffers, concatenated, without moving them. */
  static byte[] concat(ByteBuffer... buffers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer b : buffers) {
      ByteBuffer d = b.duplicate();
      byte[] a = new byte[d.remaining()];
      d.get(a);
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  /** A frame: first byte as given, minimal length encoding, masked with {@link #KEY} if asked. */
  static byte[] frame(int firstByte, byte[] payload, boolean mask) {
    return frame(firstByte, payload, mask, -1);
  }

  /** A frame with a chosen length encoding: lengthBytes 0, 2 or 8, or -1 for the minimal one. */
  static byte[] frame(int firstByte, byte[] payload, boolean mask, int lengthBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(firstByte);
    int maskBit = mask ? 0x80 : 0;
    int n = payload.length;
    if (lengthBytes < 0) {
      lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
    }
    if (lengthBytes == 0) {
      out.write(maskBit | n);
    } else if (lengthBytes == 2) {
      out.write(maskBit | 126);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) n >>> (8 * i)));
      }
    }
    byte[] data = payload.clone();
    if (mask) {
      byte[] k = {(byte) (KEY >>> 24), (byte) (KEY >>> 16), (byte) (KEY >>> 8), (byte) KEY};
      out.write(k, 0, 4);
      for (int i = 0; i < n; i++) {
        data[i] ^= k[i & 3];
      }
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** A frame with FIN set and the given opcode. */
  static byte[] fin(int opcode, byte[] payload, boolean mask) {
    return frame(0x80 | opcode, payload, mask);
  }

  static byte[] closePayload(int code, byte[] reason) {
    return concat(bytes(code >>> 8, code), reason);
  }
}
