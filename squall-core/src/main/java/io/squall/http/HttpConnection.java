package io.squall.http;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStream;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * The response side of one request on an HTTP/1.1 connection (Tornado's {@code HTTP1Connection} as
 * a handler sees it). Call it on the connection's loop.
 *
 * <p>The connection frames the body: with a {@code Content-Length} it checks the count; without one
 * it uses chunked encoding for HTTP/1.1 clients, and for HTTP/1.0 it closes the connection after
 * the response. It adds {@code Date}, and {@code Connection} headers as keep-alive requires.
 */
public interface HttpConnection {
  /**
   * Starts the response. {@code chunk} (may be null) is the first piece of the body.
   *
   * @return completes when the bytes are handed to the kernel, or fails with a {@link
   *     io.squall.iostream.StreamClosedError} if the client went away
   */
  CompletableFuture<Void> writeHeaders(
      ResponseStartLine startLine, HttpHeaders headers, byte[] chunk);

  /** Writes a piece of the body; see {@link #writeHeaders}. */
  CompletableFuture<Void> write(byte[] chunk);

  /**
   * Writes {@code count} bytes of {@code file} from {@code position} as body, with zero-copy {@code
   * FileChannel.transferTo} where the transport allows. Needs a {@code Content-Length} response;
   * the caller keeps ownership of the channel and closes it when the future completes.
   */
  CompletableFuture<Void> writeFile(FileChannel file, long position, long count);

  /** Ends the response. The next request on a keep-alive connection is read after this. */
  void finish();

  /**
   * Closes the connection without finishing the response, so the client sees it cut short (used
   * when an error happens after headers were sent).
   */
  void abort();

  /** Whether {@link #writeHeaders} was called for the current request. */
  boolean headersWritten();

  /** Whether the client's connection is closed. */
  boolean isClosed();

  /**
   * Runs {@code callback} on the loop when the connection closes (the client went away, or an
   * error). Replaces an earlier callback.
   */
  void setCloseCallback(Runnable callback);

  /**
   * Raises or lowers the body limit for the current request. Call it from {@link
   * HttpMessageDelegate#headersReceived}, before any body is read (streaming handlers do).
   */
  void setMaxBodySize(long bytes);

  /**
   * Takes the socket stream away from HTTP, for protocols that upgrade (WebSocket). After this the
   * connection reads and writes nothing; the caller owns the stream.
   */
  IOStream detach();

  /** The loop that owns this connection. */
  IOLoop loop();
}
