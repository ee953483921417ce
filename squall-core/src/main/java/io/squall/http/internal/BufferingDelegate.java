package io.squall.http.internal;

import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpRequestCallback;
import io.squall.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * Collects a whole request body (the connection has already bounded it by {@code maxBodySize}),
 * parses form arguments, then calls a {@link HttpRequestCallback}.
 */
public final class BufferingDelegate implements HttpMessageDelegate {
  private static final int MAX_PREALLOCATE = 1 << 20;
  private final HttpRequestCallback callback;
  private HttpServerRequest request;
  private byte[] body = new byte[0];
  private int length;

  /** Wraps {@code callback}. */
  public BufferingDelegate(HttpRequestCallback callback) {
    this.callback = callback;
  }

  @Override
  public CompletionStage<?> headersReceived(HttpServerRequest request) {
    this.request = request;
    String cl = request.headers().get("Content-Length");
    if (cl != null) {
      try {
        body = new byte[(int) Math.min(Long.parseLong(cl.trim()), MAX_PREALLOCATE)];
      } catch (NumberFormatException e) {
        // the parser already rejected a bad Content-Length; keep the default
      }
    }
    return null;
  }

  @Override
  public CompletionStage<?> dataReceived(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (length + n > body.length) {
      body = Arrays.copyOf(body, Math.max(length + n, body.length * 2));
    }
    chunk.get(body, length, n);
    length += n;
    return null;
  }

  @Override
  public void finish() {
    request.setBody(length == body.length ? body : Arrays.copyOf(body, length));
    request.parseBody();
    callback.handle(request);
  }

  @Override
  public void onConnectionClose() {}
}
