package io.squall.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Builds client frames and parses server frames byte by byte, for tests over raw sockets. */
final class RawFrames {
  static final int CONTINUATION = 0;
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  private RawFrames() {}

  /** An upgrade request for {@code path} with the RFC 6455 sample key. */
  static String upgrade(int port, String path, String... extraHeaderLines) {
    StringBuilder sb = new StringBuilder();
    sb.append("GET ").append(path).append(" HTTP/1.1\r\n");
    sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
    sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    sb.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
    sb.append("Sec-WebSocket-Version: 13\r\n");
    for (String h : extraHeaderLines) {
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /** A client frame; masked unless {@code mask} is false. */
  static byte[] frame(boolean fin, int opcode, byte[] payload, boolean mask) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    int m = mask ? 0x80 : 0;
    int n = payload.length;
    if (n < 126) {
      out.write(m | n);
    } else if (n <= 0xFFFF) {
      out.write(m | 126);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(m | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) n >>> (8 * i)));
      }
    }
    byte[] key = new byte[4];
    if (mask) {
      ThreadLocalRandom.current().nextBytes(key);
      out.write(key, 0, 4);
    }
    for (int i = 0; i < n; i++) {
      out.write(payload[i] ^ (mask ? key[i & 3] : 0));
    }
    return out.toByteArray();
  }

  static byte[] text(String s) {
    return frame(true, TEXT, s.getBytes(StandardCharsets.UTF_8), true);
  }

  static byte[] close(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, r.length);
    return frame(true, CLOSE, p, true);
  }

  /** A server frame. */
  record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String closeReason() {
      return payload.length <= 2
          ? ""
          : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  /** Reads one server frame with a payload under 126 bytes (control frames, short messages). */
  static Frame readSmallFrame(io.squall.testing.RawConnection raw) {
    byte[] h = raw.readBytes(2);
    int len = h[1] & 0x7F;
    if (len >= 126) {
      throw new AssertionError("frame too long for readSmallFrame: " + len);
    }
    return new Frame((h[0] & 0x80) != 0, h[0] & 0x0F, (h[1] & 0x80) != 0, raw.readBytes(len));
  }

  /** Parses all complete frames in {@code data} (as read by RawConnection.readAll). */
  static List<Frame> parse(String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    List<Frame> frames = new ArrayList<>();
    int p = 0;
    while (p + 2 <= b.length) {
      boolean fin = (b[p] & 0x80) != 0;
      int opcode = b[p] & 0x0F;
      boolean masked = (b[p + 1] & 0x80) != 0;
      long len = b[p + 1] & 0x7F;
      p += 2;
      if (len == 126) {
        len = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        p += 2;
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | (b[p + i] & 0xFF);
        }
        p += 8;
      }
      if (masked) {
        p += 4; // servers never mask; a test asserts that
      }
      if (p + len > b.length) {
        break;
      }
      byte[] payload = new byte[(int) len];
      System.arraycopy(b, p, payload, 0, (int) len);
      p += (int) len;
      frames.add(new Frame(fin, opcode, masked, payload));
    }
    return frames;
  }
}
