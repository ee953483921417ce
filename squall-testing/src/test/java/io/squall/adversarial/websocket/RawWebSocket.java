package io.squall.adversarial.websocket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client over a plain socket that sends whatever frames a test asks for, bad ones
 * included, and reads the server's frames one by one: the Autobahn TestSuite's fuzzing client in
 * miniature. Client frames are masked; {@code permessage-deflate} is done with the JDK's raw
 * deflate when negotiated.
 */
final class RawWebSocket implements AutoCloseable {
  /** One frame from the server. */
  record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Random random = new Random(6455);
  final String extensions;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);

  private RawWebSocket(Socket socket, String extensions) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.extensions = extensions;
  }

  /** Connects and completes the handshake, offering {@code offer} as extensions (or none). */
  static RawWebSocket connect(int port, String path, String offer) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(5000);
    s.setTcpNoDelay(true);
    byte[] key = new byte[16];
    new Random().nextBytes(key);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(key)
            + "\r\n"
            + (offer == null ? "" : "Sec-WebSocket-Extensions: " + offer + "\r\n")
            + "\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the handshake: " + head);
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    if (!h.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("handshake refused: " + h);
    }
    String ext = null;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions:")) {
        ext = line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return new RawWebSocket(s, ext);
  }

  boolean deflate() {
    return extensions != null && extensions.startsWith("permessage-deflate");
  }

  /** Sends one frame, masked, in one write (or in {@code chop}-byte writes if chop > 0). */
  void send(boolean fin, int rsv, int opcode, byte[] payload, int chop) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    int n = payload.length;
    if (n < 126) {
      f.write(0x80 | n);
    } else if (n < 65536) {
      f.write(0x80 | 126);
      f.write(n >> 8);
      f.write(n);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) n >> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    f.write(mask, 0, 4);
    byte[] masked = new byte[n];
    for (int i = 0; i < n; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    f.write(masked, 0, n);
    byte[] bytes = f.toByteArray();
    if (chop <= 0) {
      out.write(bytes);
    } else {
      for (int i = 0; i < bytes.length; i += chop) {
        out.write(bytes, i, Math.min(chop, bytes.length - i));
        out.flush();
      }
    }
    out.flush();
  }

  void send(boolean fin, int opcode, byte[] payload) throws IOException {
    send(fin, 0, opcode, payload, 0);
  }

  /** Sends a whole data message, compressed when permessage-deflate was negotiated. */
  void sendMessage(int opcode, byte[] payload, int fragmentSize) throws IOException {
    int rsv = 0;
    byte[] data = payload;
    if (deflate()) {
      data = compress(payload);
      rsv = 4;
    }
    if (fragmentSize <= 0 || data.length <= fragmentSize) {
      send(true, rsv, opcode, data, 0);
      return;
    }
    for (int i = 0; i < data.length; i += fragmentSize) {
      byte[] part = Arrays.copyOfRange(data, i, Math.min(data.length, i + fragmentSize));
      boolean last = i + fragmentSize >= data.length;
      send(last, i == 0 ? rsv : 0, i == 0 ? opcode : 0, part, 0);
    }
  }

  private byte[] compress(byte[] payload) {
    deflater.setInput(payload);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      z.write(buf, 0, n);
    } while (n == buf.length);
    byte[] all = z.toByteArray();
    if (extensions.contains("client_no_context_takeover")) {
      deflater.reset();
    }
    return Arrays.copyOf(all, all.length - 4); // without the 00 00 ff ff tail
  }

  /** Reads the next frame, or null if the server closed the TCP connection (or timed out). */
  Frame read() throws IOException {
    try {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = readByte();
      long n = b1 & 0x7F;
      if (n == 126) {
        n = (readByte() << 8) | readByte();
      } else if (n == 127) {
        n = 0;
        for (int i = 0; i < 8; i++) {
          n = (n << 8) | readByte();
        }
      }
      if ((b1 & 0x80) != 0) {
        throw new IOException("server frame is masked");
      }
      byte[] payload = in.readNBytes((int) n);
      if (payload.length != n) {
        return null;
      }
      return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, payload);
    } catch (SocketTimeoutException e) {
      return null;
    } catch (java.net.SocketException e) {
      return null; // reset
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  /**
   * Reads the next data message (reassembling fragments, inflating when compressed), answering
   * nothing; control frames in between are returned as they come.
   */
  Frame readMessage() throws IOException {
    Frame first = read();
    if (first == null || first.opcode() >= 8) {
      return first;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(first.payload());
    Frame f = first;
    while (!f.fin()) {
      f = read();
      if (f == null) {
        return null;
      }
      all.write(f.payload());
    }
    byte[] data = all.toByteArray();
    if ((first.rsv() & 4) != 0) {
      data = inflate(data);
    }
    return new Frame(true, 0, first.opcode(), data);
  }

  private byte[] inflate(byte[] data) throws IOException {
    byte[] input = Arrays.copyOf(data, data.length + 4);
    input[data.length + 2] = (byte) 0xFF;
    input[data.length + 3] = (byte) 0xFF;
    inflater.setInput(input);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = inflater.inflate(buf)) > 0) {
        o.write(buf, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IOException(e);
    }
    if (extensions.contains("server_no_context_takeover")) {
      inflater.reset();
    }
    return o.toByteArray();
  }

  /** Whether the server has closed the TCP connection (EOF within the timeout, no data). */
  boolean closedByServer() throws IOException {
    return read() == null;
  }

  @Override
  public void close() throws IOException {
    deflater.end();
    inflater.end();
    socket.close();
  }
}
