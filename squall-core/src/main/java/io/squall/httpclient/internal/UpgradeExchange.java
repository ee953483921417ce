package io.squall.httpclient.internal;

import io.squall.http.HttpHeaders;
import io.squall.httpclient.HttpClientError;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.BaseIOStream;
import io.squall.iostream.IOStreamOptions;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * A request that asks to switch protocols (a WebSocket handshake), over the HTTP client's
 * connection code: connect through a {@link StreamConnector}, send the head, read the response with
 * the client's parser. A {@code 101} hands the stream over positioned right after the response head
 * (bytes the server sent after it stay buffered in the stream); any other status comes back with
 * its body (up to a bound) and the connection is closed. Not pooled. Loop thread.
 */
public final class UpgradeExchange implements ResponseReader.Handler {
  /**
   * The outcome.
   *
   * @param head the final response head
   * @param stream for a 101, the open stream now owned by the caller; else null
   * @param body for other statuses, the body (at most the bound given); else null
   */
  public record Result(ResponseHead head, BaseIOStream stream, byte[] body) {}

  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final int maxBody;
  private BaseIOStream stream;
  private ResponseHead head;
  private ByteArrayOutputStream body;
  private Timeout timer;

  private UpgradeExchange(int maxBody) {
    this.maxBody = maxBody;
  }

  /**
   * Connects to {@code key} and sends {@code requestHead} (a GET without a body).
   *
   * @param timeout for connecting and the whole response head; it fails the future with {@link
   *     TimeoutException}
   * @param maxHeaderSize the most bytes of response head
   * @param maxBody the most bytes of a refusal's body kept (more is dropped with the connection)
   */
  public static CompletableFuture<Result> start(
      IOLoop loop,
      StreamConnector connector,
      HostKey key,
      byte[] requestHead,
      Duration timeout,
      int maxHeaderSize,
      int maxBody) {
    return start(
        loop,
        connector,
        key,
        requestHead,
        timeout,
        maxHeaderSize,
        maxBody,
        new StreamConnector.TlsSettings(true, null));
  }

  /** As above, with the TLS settings for an {@code https} key. */
  public static CompletableFuture<Result> start(
      IOLoop loop,
      StreamConnector connector,
      HostKey key,
      byte[] requestHead,
      Duration timeout,
      int maxHeaderSize,
      int maxBody,
      StreamConnector.TlsSettings tls) {
    UpgradeExchange x = new UpgradeExchange(maxBody);
    x.timer =
        loop.callLater(
            timeout,
            () ->
                x.fail(
                    new TimeoutException(
                        "connecting to " + key + " and its handshake timed out after " + timeout)));
    CompletableFuture<BaseIOStream> connecting;
    try {
      connecting = connector.connect(key, timeout, IOStreamOptions.defaults(), tls);
    } catch (RuntimeException e) {
      x.fail(e);
      return x.result;
    }
    connecting.whenComplete(
        (s, e) -> {
          if (e != null) {
            x.fail(e);
          } else if (x.result.isDone()) {
            s.close();
          } else {
            x.stream = s;
            s.setNoDelay(true);
            s.write(requestHead);
            new ResponseReader(s, new Http1ResponseParser(maxHeaderSize), x, 16 * 1024)
                .start("GET");
          }
        });
    return x.result;
  }

  private void fail(Throwable e) {
    if (result.completeExceptionally(Futures.unwrap(e))) {
      timer.cancel();
      if (stream != null) {
        stream.close();
      }
    }
  }

  @Override
  public void interim(ResponseHead h) {}

  @Override
  public boolean head(ResponseHead h) throws HttpClientError {
    head = h;
    if (h.status() == 101) {
      timer.cancel();
      if (!result.complete(new Result(h, stream, null))) {
        stream.close();
      }
      return false;
    }
    body = new ByteArrayOutputStream();
    return true;
  }

  @Override
  public CompletionStage<?> body(byte[] chunk) {
    int room = maxBody - body.size();
    if (room <= 0) {
      complete(HttpHeaders.empty()); // enough to explain the refusal
      stream.close();
      return null;
    }
    body.write(chunk, 0, Math.min(room, chunk.length));
    return null;
  }

  @Override
  public void complete(HttpHeaders trailers) {
    timer.cancel();
    result.complete(new Result(head, null, body.toByteArray()));
    stream.close();
  }

  @Override
  public void failed(Throwable error) {
    fail(error);
  }
}
