package io.squall.bench.load.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * What the harness's own load clients say on the wire: an HTTP/1.1 GET read to the end of its body,
 * the WebSocket opening handshake, and masked text frames. Blocking calls, for setting up
 * connections; the echo load then runs them non-blocking.
 */
final class ClientWire {
  /** A fixed client key; the server's accept value is not checked (the 101 status is). */
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private ClientWire() {}

  /** Connects a blocking channel with TCP_NODELAY. */
  static SocketChannel connect(InetSocketAddress address) throws IOException {
    SocketChannel ch = SocketChannel.open(address);
    ch.socket().setTcpNoDelay(true);
    return ch;
  }

  /** Sends a keep-alive {@code GET path} and reads the whole response; returns its status. */
  static int get(SocketChannel ch, String host, String path, ByteBuffer buf) throws IOException {
    writeAll(ch, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    String head = readHead(ch, buf);
    int length = 0;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    // the body: what came with the head, then the rest
    int have = buf.remaining();
    buf.clear();
    while (have < length) {
      int n = ch.read(buf);
      if (n < 0) {
        throw new IOException("connection closed inside a response body");
      }
      have += n;
      buf.clear();
    }
    return status(head);
  }

  /** Sends the WebSocket opening handshake for {@code path}; returns the status (101 expected). */
  static int handshake(SocketChannel ch, String host, String path, ByteBuffer buf)
      throws IOException {
    writeAll(
        ch,
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + KEY
            + "\r\nSec-WebSocket-Version: 13\r\nOrigin: http://"
            + host
            + "\r\n\r\n");
    String head = readHead(ch, buf);
    if (buf.hasRemaining()) {
      throw new IOException("bytes after the 101 response before any message was sent");
    }
    return status(head);
  }

  /** A masked text frame carrying {@code payload} (under 126 bytes), with a fixed mask. */
  static byte[] textFrame(byte[] payload) {
    if (payload.length >= 126) {
      throw new IllegalArgumentException("payload must be under 126 bytes");
    }
    byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
    byte[] f = new byte[6 + payload.length];
    f[0] = (byte) 0x81;
    f[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, f, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      f[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return f;
  }

  static void writeAll(SocketChannel ch, String s) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    while (out.hasRemaining()) {
      ch.write(out);
    }
  }

  /**
   * Reads up to the end of a response head; returns the head, leaving {@code buf} positioned at the
   * bytes after it (flipped for reading).
   */
  static String readHead(SocketChannel ch, ByteBuffer buf) throws IOException {
    buf.clear();
    while (true) {
      if (ch.read(buf) < 0) {
        throw new IOException("connection closed before the end of a response head");
      }
      int end = endOfHead(buf);
      if (end >= 0) {
        String head = new String(buf.array(), 0, end, StandardCharsets.ISO_8859_1);
        buf.flip();
        buf.position(end + 4);
        return head;
      }
      if (!buf.hasRemaining()) {
        throw new IOException("response head longer than " + buf.capacity() + " bytes");
      }
    }
  }

  private static int endOfHead(ByteBuffer buf) {
    byte[] a = buf.array();
    for (int i = 0; i + 3 < buf.position(); i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int status(String head) {
    String[] parts = head.split(" ", 3);
    return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
  }
}
