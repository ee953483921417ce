package io.squall.web.internal;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.escape.Json;
import io.squall.http.HttpConnection;
import io.squall.http.HttpDates;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.http.HttpStatus;
import io.squall.http.ResponseStartLine;
import io.squall.iostream.IOStream;
import io.squall.web.RequestHandler;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response of one handler as it is built and sent: status, headers, the buffered body, and
 * whether the headers went out, the response finished or the client left. Flushing applies the
 * output transform (gzip) and leaves the body out for HEAD; finishing applies the ETag, 304, 204
 * and {@code Content-Length} rules. Used on the loop thread only.
 */
public final class ResponseBuffer {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

  /** The {@code Content-Type} of a JSON body. */
  public static final String JSON_TYPE = "application/json; charset=UTF-8";

  private static final List<String> REPRESENTATION_HEADERS =
      List.of("Content-Encoding", "Content-Language", "Content-Type", "Content-Length");

  private HttpServerRequest request;
  private int status = 200;
  private String reason = "OK";
  private HttpHeaders headers;
  private final ArrayList<byte[]> chunks = new ArrayList<>();
  private long size; // long: a body of many chunks may pass 2 GiB
  private GzipTransform gzip;
  private boolean headersWritten;
  private boolean finished;
  private boolean connectionClosed;
  private boolean droppedWriteLogged;

  /** Binds the buffer to its request; {@code compress} turns on the gzip transform. */
  public void start(HttpServerRequest request, boolean compress) {
    this.request = request;
    if (compress) {
      gzip = GzipTransform.forRequest(request.headers().get("Accept-Encoding"));
    }
  }

  /** Starts the headers over from a copy of {@code defaults}. */
  public void resetHeaders(HttpHeaders defaults) {
    headers = new HttpHeaders(defaults);
  }

  /** Starts the body over empty, with status 200. */
  public void resetBodyAndStatus() {
    clearBody();
    status = 200;
    reason = "OK";
  }

  /**
   * Sets the status and a reason phrase (null for the standard one).
   *
   * @throws IllegalArgumentException for a status without three digits or a reason with CR, LF or
   *     NUL
   */
  public void setStatus(int status, String reason) {
    // validated now, where the mistake is, not when the headers go out
    ResponseStartLine checked =
        new ResponseStartLine(
            "HTTP/1.1", status, reason != null ? reason : HttpStatus.reason(status));
    this.status = status;
    this.reason = checked.reason();
  }

  /** The status. */
  public int status() {
    return status;
  }

  /** The reason phrase. */
  public String reason() {
    return reason;
  }

  /** The headers set so far. */
  public HttpHeaders headers() {
    return headers;
  }

  /** Sets a header, replacing earlier values; an {@link Instant} becomes an HTTP date. */
  public void setHeader(String name, Object value) {
    headers.set(name, headerValue(value));
  }

  /** Adds a header value, keeping earlier ones. */
  public void addHeader(String name, Object value) {
    headers.add(name, headerValue(value));
  }

  private static String headerValue(Object value) {
    if (value instanceof Instant t) {
      return HttpDates.format(t);
    }
    return String.valueOf(value);
  }

  /** Appends to the body. */
  public void write(byte[] chunk) {
    if (finished) {
      throw new IllegalStateException("Cannot write() after finish()");
    }
    chunks.add(chunk);
    size += chunk.length;
  }

  /**
   * {@code value} as JSON bytes (Jackson), to be sent with {@link #JSON_TYPE}. As Tornado's {@code
   * json_encode}, every {@code </} becomes {@code <\/} (the same string to a JSON parser), so JSON
   * embedded in a page cannot close its {@code <script>} element.
   *
   * @throws IllegalArgumentException when Jackson cannot serialize it
   */
  public static byte[] json(Object value) {
    byte[] b;
    try {
      b = Json.mapper().writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot write value as JSON: " + e.getOriginalMessage(), e);
    }
    return escapeClosingTags(b);
  }

  /**
   * {@code json} with a backslash inserted in every {@code </}; the same array when it has none.
   */
  static byte[] escapeClosingTags(byte[] json) {
    int count = 0;
    for (int i = 0; i + 1 < json.length; i++) {
      if (json[i] == '<' && json[i + 1] == '/') {
        count++;
      }
    }
    if (count == 0) {
      return json;
    }
    byte[] out = new byte[json.length + count];
    int o = 0;
    for (int i = 0; i < json.length; i++) {
      out[o++] = json[i];
      if (json[i] == '<' && i + 1 < json.length && json[i + 1] == '/') {
        out[o++] = '\\';
      }
    }
    return out;
  }

  /** Drops the buffered body. */
  public void clearBody() {
    chunks.clear();
    size = 0;
  }

  /** The strong ETag of the buffered body. */
  public String bodyEtag() {
    List<ByteBuffer> buffers = new ArrayList<>(chunks.size());
    for (byte[] b : chunks) {
      buffers.add(ByteBuffer.wrap(b));
    }
    return Etags.strong(buffers);
  }

  /** Whether the request's {@code If-None-Match} matches the response's {@code Etag}. */
  public boolean etagMatches() {
    String etag = headers.get("Etag");
    String inm = request.headers().get("If-None-Match");
    return etag != null && inm != null && Etags.ifNoneMatch(inm, etag);
  }

  /** Whether the headers have been sent. */
  public boolean headersWritten() {
    return headersWritten;
  }

  /** Whether the response is finished (sent, handed over, or given up). */
  public boolean finished() {
    return finished;
  }

  /** Marks the response finished. */
  public void markFinished() {
    finished = true;
  }

  /** Whether the handler heard that the client closed the connection. */
  public boolean connectionClosed() {
    return connectionClosed;
  }

  /** Records that the client closed the connection; false when that was already known. */
  public boolean markConnectionClosed() {
    if (connectionClosed) {
      return false;
    }
    connectionClosed = true;
    return true;
  }

  /** Whether the client's connection is gone (closed by the client, or after an error). */
  public boolean clientGone() {
    HttpConnection conn = request.connection();
    return connectionClosed || (conn != null && conn.isClosed());
  }

  /** Turns off the output transform, for bodies sent as file regions. */
  public void disableTransforms() {
    gzip = null;
  }

  /**
   * Sends the headers (the first time) and the buffered body; drops the body quietly when the
   * client is gone. The future completes when the bytes reach the socket.
   */
  public CompletableFuture<Void> flush(boolean finishing) {
    HttpConnection conn = request.connection();
    if (connectionClosed || conn == null || conn.isClosed()) {
      clearBody();
      if (!droppedWriteLogged) {
        droppedWriteLogged = true;
        log.debug("client went away; dropping output of {}", request);
      }
      return CompletableFuture.completedFuture(null);
    }
    if (size > MAX_JOINED && gzip == null) {
      return flushUnjoined();
    }
    byte[] chunk = joinBody();
    if (!headersWritten) {
      ResponseStartLine startLine = new ResponseStartLine("HTTP/1.1", status, reason);
      headersWritten = true;
      if (gzip != null) {
        chunk = gzip.transformFirstChunk(status, headers, chunk, finishing);
      }
      if (request.method().equals("HEAD")) {
        chunk = null;
      }
      return conn.writeHeaders(startLine, headers, chunk);
    }
    if (gzip != null) {
      chunk = gzip.transformChunk(chunk, finishing);
    }
    if (request.method().equals("HEAD")) {
      return CompletableFuture.completedFuture(null);
    }
    return conn.write(chunk);
  }

  /**
   * Sends a body too large for one array (over 2 GiB buffered) chunk by chunk; without gzip only
   * (the transform needs one array).
   */
  private CompletableFuture<Void> flushUnjoined() {
    HttpConnection conn = request.connection();
    List<byte[]> pieces = new ArrayList<>(chunks);
    clearBody();
    boolean head = request.method().equals("HEAD");
    CompletableFuture<Void> last;
    int i = 0;
    if (!headersWritten) {
      headersWritten = true;
      last =
          conn.writeHeaders(
              new ResponseStartLine("HTTP/1.1", status, reason),
              headers,
              head ? null : pieces.get(i++));
    } else {
      last = CompletableFuture.completedFuture(null);
    }
    if (head) {
      return last;
    }
    for (; i < pieces.size(); i++) {
      last = conn.write(pieces.get(i));
    }
    return last;
  }

  /** The largest body joined into one array (a little under the JVM's array limit). */
  private static final long MAX_JOINED = Integer.MAX_VALUE - 64;

  private byte[] joinBody() {
    byte[] out;
    if (chunks.size() == 1) {
      out = chunks.get(0);
    } else {
      if (size > MAX_JOINED) {
        throw new IllegalStateException(
            "a response body of "
                + size
                + " bytes is buffered, more than one array holds; flush() while writing");
      }
      out = new byte[(int) size];
      int at = 0;
      for (byte[] b : chunks) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
    }
    clearBody();
    return out;
  }

  /**
   * Ends the response of {@code handler}: before the headers went out, applies the ETag and 304
   * rules (through the handler's overridable ETag methods), refuses a body with 1xx, 204 or 304 and
   * sets {@code Content-Length}; then sends and lets the connection go on.
   */
  public CompletableFuture<Void> finish(RequestHandler handler) {
    if (finished) {
      throw new IllegalStateException("finish() called twice");
    }
    if (!headersWritten) {
      String method = request.method();
      if ((status == 200 || status == 304)
          && (method.equals("GET") || method.equals("HEAD"))
          && !headers.contains("Etag")) {
        handler.setEtagHeader();
        if (handler.checkEtagHeader()) {
          clearBody();
          handler.setStatus(304);
        }
      }
      if (status == 204 || status == 304 || status < 200) {
        if (size > 0) {
          throw new IllegalStateException("Cannot send a body with status " + status);
        }
        for (String h : REPRESENTATION_HEADERS) {
          headers.remove(h);
        }
      } else if (!headers.contains("Content-Length")) {
        handler.setHeader("Content-Length", Long.toString(size));
      }
    }
    CompletableFuture<Void> sent = flush(true);
    HttpConnection conn = request.connection();
    if (conn != null && !connectionClosed && !conn.isClosed()) {
      conn.finish();
    }
    finished = true;
    return sent;
  }

  /**
   * Sends the headers, then a region of {@code file} with zero-copy transfer. The future completes
   * when the region has gone to the socket.
   */
  public CompletableFuture<Void> writeFileRegion(FileChannel file, long position, long count) {
    CompletableFuture<Void> head = flush(false);
    HttpConnection conn = request.connection();
    if (connectionClosed || conn == null || conn.isClosed()) {
      return head;
    }
    return conn.writeFile(file, position, count);
  }

  /**
   * Sends the headers and takes the connection's stream away from HTTP; the response counts as
   * finished.
   */
  public IOStream detach() {
    if (finished) {
      throw new IllegalStateException("detach() after finish()");
    }
    flush(false);
    IOStream stream = request.connection().detach();
    finished = true;
    return stream;
  }
}
