package io.squall.http.internal;

import io.squall.http.DateHeaderCache;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.http.HttpStatus;
import io.squall.http.ResponseStartLine;
import io.squall.iostream.IOStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames one HTTP/1.x response at a time on a server connection: the status line and head (with
 * {@code Date}, {@code Transfer-Encoding: chunked} and {@code Connection} added where due), the
 * body as chunks or checked against its {@code Content-Length}, nothing for {@code HEAD}, 1xx, 204
 * and 304, and the plain-text answer to a request that cannot be served. Decides whether the
 * connection may be kept alive after the response. Bytes go to the {@link OutputBatcher}. Loop
 * thread only.
 */
final class ResponseFramer {
  private static final Logger log = LoggerFactory.getLogger("io.squall.http.connection");

  private final IOStream stream;
  private final OutputBatcher out;
  private final DateHeaderCache dates;
  private final ResponseWriter headWriter = new ResponseWriter();

  private boolean headersWritten;
  private boolean finished;
  private boolean keepAlive;
  private boolean chunked;
  private boolean headResponse;
  private long expectedLength = -1;
  private long writtenLength;

  ResponseFramer(IOStream stream, OutputBatcher out, DateHeaderCache dates) {
    this.stream = stream;
    this.out = out;
    this.dates = dates;
  }

  /** Gets ready for the response to the next request. */
  void reset() {
    headersWritten = false;
    finished = false;
    keepAlive = false;
    chunked = false;
    headResponse = false;
    expectedLength = -1;
    writtenLength = 0;
  }

  /** The response answers a HEAD request: it has a head but never a body. */
  void answerHeadRequest() {
    headResponse = true;
  }

  boolean headersWritten() {
    return headersWritten;
  }

  boolean finished() {
    return finished;
  }

  /** Whether the connection may serve another request after this response. */
  boolean keepAlive() {
    return keepAlive;
  }

  /** The response was sent before the request body was read: the connection closes after it. */
  void closeAfterResponse() {
    keepAlive = false;
  }

  /**
   * Writes the head, and {@code chunk} (may be null) as the first piece of the body.
   *
   * @param http11 whether the request was HTTP/1.1 (else 1.0)
   * @param mayKeepAlive whether the request and the connection allow keeping it open (the client
   *     asked for or did not refuse it, the server is not draining, the body was read); the
   *     response's own headers then decide
   */
  CompletableFuture<Void> writeHead(
      ResponseStartLine startLine,
      HttpHeaders headers,
      boolean http11,
      boolean mayKeepAlive,
      byte[] chunk) {
    if (headersWritten) {
      throw new IllegalStateException("response headers were already written");
    }
    headersWritten = true;
    int status = startLine.status();
    boolean bodyless = headResponse || status == 204 || status == 304 || status < 200;
    String contentLength = headers.get("Content-Length");
    expectedLength = contentLength == null ? -1 : parseLength(contentLength);
    chunked =
        http11 && !bodyless && contentLength == null && !headers.contains("Transfer-Encoding");
    keepAlive = keepAlive(mayKeepAlive, http11, headers, bodyless, contentLength != null);
    headWriter.reset();
    headWriter.statusLine(http11 ? "HTTP/1.1" : "HTTP/1.0", status, startLine.reason());
    for (var h : headers) {
      headWriter.header(h.getKey(), h.getValue());
    }
    if (!headers.contains("Date")) {
      headWriter.header("Date", dates.value());
    }
    if (chunked) {
      headWriter.header("Transfer-Encoding", "chunked");
    }
    if (http11
        && !keepAlive
        && status != 101
        && !"close".equalsIgnoreCase(headers.get("Connection"))) {
      headWriter.header("Connection", "close");
    } else if (!http11 && keepAlive && !headers.contains("Connection")) {
      headWriter.header("Connection", "keep-alive");
    }
    headWriter.endHead();
    CompletableFuture<Void> f = out.queue(ByteBuffer.wrap(headWriter.toBytes()));
    if (chunk != null && chunk.length > 0) {
      f = write(chunk);
    }
    return f;
  }

  /**
   * Whether the connection stays open after this response: where the request side allows it, the
   * response must not say {@code Connection: close}, and an HTTP/1.0 client must be able to find
   * the end of the body without the connection closing.
   */
  private static boolean keepAlive(
      boolean mayKeepAlive,
      boolean http11,
      HttpHeaders headers,
      boolean bodyless,
      boolean hasLength) {
    if (!mayKeepAlive) {
      return false;
    }
    String connection = headers.get("Connection");
    if (connection != null && connection.equalsIgnoreCase("close")) {
      return false;
    }
    return http11 || bodyless || hasLength;
  }

  private static long parseLength(String v) {
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new IllegalArgumentException("negative Content-Length: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Content-Length is not a number: " + v, e);
    }
  }

  /** Writes a piece of the body. */
  CompletableFuture<Void> write(byte[] chunk) {
    if (!headersWritten) {
      throw new IllegalStateException("write before writeHeaders");
    }
    if (finished) {
      throw new IllegalStateException("write after finish");
    }
    if (chunk.length == 0 || headResponse) {
      return out.pending();
    }
    writtenLength += chunk.length;
    if (expectedLength >= 0 && writtenLength > expectedLength) {
      IllegalStateException e =
          new IllegalStateException(
              "tried to write more data than Content-Length (" + expectedLength + ")");
      stream.close(e);
      throw e;
    }
    if (chunked) {
      out.queue(ByteBuffer.wrap(ResponseWriter.chunkHeader(chunk.length)));
      out.queue(ByteBuffer.wrap(chunk));
      return out.queue(ByteBuffer.wrap(ResponseWriter.CRLF));
    }
    return out.queue(ByteBuffer.wrap(chunk));
  }

  /** Sends a region of {@code file} as a piece of a body with a {@code Content-Length}. */
  CompletableFuture<Void> writeFile(FileChannel file, long position, long count) {
    if (!headersWritten || chunked) {
      throw new IllegalStateException(
          "writeFile needs headers with a Content-Length written first");
    }
    if (headResponse || count == 0) {
      return out.pending();
    }
    writtenLength += count;
    if (expectedLength >= 0 && writtenLength > expectedLength) {
      throw new IllegalStateException(
          "tried to write more data than Content-Length (" + expectedLength + ")");
    }
    out.flush(); // what is queued goes first
    return stream.transferFrom(file, position, count);
  }

  /**
   * Ends the body. Returns whether the response is now complete: false if it already was, or if the
   * bytes written differ from its {@code Content-Length} (then logged, and the stream closed).
   */
  boolean finish(HttpServerRequest request) {
    if (!headersWritten) {
      throw new IllegalStateException("finish before writeHeaders");
    }
    if (finished) {
      return false;
    }
    if (expectedLength >= 0 && writtenLength != expectedLength && !headResponse) {
      IllegalStateException e =
          new IllegalStateException(
              "response had Content-Length "
                  + expectedLength
                  + " but "
                  + writtenLength
                  + " bytes were written");
      log.error("{} for {}", e.getMessage(), request);
      stream.close(e);
      return false;
    }
    if (chunked) {
      out.queue(ByteBuffer.wrap(ResponseWriter.LAST_CHUNK));
    }
    finished = true;
    return true;
  }

  /**
   * Answers a request that cannot be served: {@code status} with {@code message} as a plain-text
   * body and {@code Connection: close}, if no head was written yet. Returns the future of the
   * answer's bytes (or of what was written so far), after which the connection closes.
   */
  CompletableFuture<Void> writeError(int status, String message) {
    if (headersWritten) {
      return out.pending();
    }
    byte[] body =
        (status + " " + HttpStatus.reason(status) + ": " + message + "\n")
            .getBytes(StandardCharsets.UTF_8);
    headWriter.reset();
    headWriter.statusLine("HTTP/1.1", status, HttpStatus.reason(status));
    headWriter.header("Content-Type", "text/plain; charset=utf-8");
    headWriter.header("Content-Length", Integer.toString(body.length));
    headWriter.header("Date", dates.value());
    headWriter.header("Connection", "close");
    headWriter.endHead();
    headersWritten = true;
    finished = true;
    out.queue(ByteBuffer.wrap(headWriter.toBytes()));
    return out.queue(ByteBuffer.wrap(body));
  }
}
