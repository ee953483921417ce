package io.squall.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain socket to the test server, for bad input and protocol details no ordinary client shows:
 * send raw bytes, read raw responses, see whether the server closed the connection.
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code host:port}. */
  public static RawConnection open(String host, int port) {
    try {
      return new RawConnection(new Socket(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
    }
  }

  /** Sends ISO-8859-1 text as it is (write CRLF yourself). */
  public RawConnection send(String raw) {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends bytes as they are. */
  public RawConnection send(byte[] raw) {
    try {
      out.write(raw);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Sets how long reads wait (default 10 s). */
  public RawConnection timeout(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A response read by {@link #readResponse()}. */
  public record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {
    /** A header by name (any case; repeated ones joined with ", "), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads one response: its head, then the body framed by Content-Length, chunked coding, or the
   * end of the connection. Interim 1xx responses are returned as they come.
   */
  public Response readResponse() {
    return readResponse(false);
  }

  /** As {@link #readResponse()}; for a HEAD request no body is read. */
  public Response readResponse(boolean head) {
    try {
      String statusLine = readLine();
      if (statusLine == null) {
        throw new IOException("connection closed before a response");
      }
      String[] parts = statusLine.split(" ", 3);
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      String line;
      while ((line = readLine()) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        String k = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String v = line.substring(colon + 1).trim();
        headers.merge(k, v, (a, b) -> a + ", " + b);
      }
      byte[] body;
      if (head || status < 200 || status == 204 || status == 304) {
        body = new byte[0];
      } else if (headers.containsKey("content-length")) {
        body = readN(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
          String size = readLine();
          int n = Integer.parseInt(size.split(";")[0].trim(), 16);
          if (n == 0) {
            while ((line = readLine()) != null && !line.isEmpty()) {
              // trailers
            }
            break;
          }
          b.write(readN(n));
          readLine();
        }
        body = b.toByteArray();
      } else {
        body = readToEnd();
      }
      return new Response(statusLine, status, headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads exactly {@code n} bytes (for protocols after an upgrade, such as WebSocket frames).
   *
   * @throws UncheckedIOException if the connection ends first or the read timeout passes
   */
  public byte[] readBytes(int n) {
    try {
      return readN(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the server closes the connection (or the timeout passes) and returns it all. */
  public String readAll() {
    try {
      return new String(readToEnd(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the bytes that have arrived, waiting up to the read timeout for at least one: for
   * watching a response that is still being produced. Empty when the server closed the connection
   * or nothing came in time.
   */
  public byte[] readSome() {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (pending.size() > 0) {
        pending.writeTo(b);
        pending.reset();
        return b.toByteArray();
      }
      byte[] buf = new byte[8192];
      int n = in.read(buf);
      if (n > 0) {
        b.write(buf, 0, n);
      }
      return b.toByteArray();
    } catch (SocketTimeoutException e) {
      return new byte[0];
    } catch (IOException e) {
      return new byte[0]; // reset
    }
  }

  /** Whether the server has closed the connection (waits up to the read timeout for the EOF). */
  public boolean isClosedByServer() {
    try {
      if (pending.size() > 0) {
        return false;
      }
      int b = in.read();
      if (b < 0) {
        return true;
      }
      pending.write(b);
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private int read() throws IOException {
    if (pending.size() > 0) {
      byte[] p = pending.toByteArray();
      pending.reset();
      pending.write(p, 1, p.length - 1);
      return p[0] & 0xff;
    }
    return in.read();
  }

  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = read()) >= 0) {
      if (c == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private byte[] readN(int n) throws IOException {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = read();
      if (c < 0) {
        throw new IOException("connection closed after " + i + " of " + n + " body bytes");
      }
      b[i] = (byte) c;
    }
    return b;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    try {
      while ((c = read()) >= 0) {
        b.write(c);
      }
    } catch (SocketTimeoutException e) {
      // what came so far
    } catch (IOException e) {
      // reset after the data
    }
    return b.toByteArray();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
