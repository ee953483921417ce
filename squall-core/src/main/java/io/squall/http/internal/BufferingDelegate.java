package io.squall.http.internal;

import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpRequestCallback;
import io.squall.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Collects a whole request body (the connection has already bounded it by {@code maxBodySize}),
 * parses form arguments, then calls a {@link HttpRequestCallback}.
 */
public final class BufferingDelegate implements HttpMessageDelegate {
  private static final HttpAccess.Requests REQUESTS = HttpAccess.requests();

  private final HttpRequestCallback callback;
  private HttpServerRequest request;
  private BodyCollector body;

  /** Wraps {@code callback}. */
  public BufferingDelegate(HttpRequestCallback callback) {
    this.callback = callback;
  }

  @Override
  public CompletionStage<?> headersReceived(HttpServerRequest request) {
    this.request = request;
    this.body = new BodyCollector(request.headers().get("Content-Length"));
    return null;
  }

  @Override
  public CompletionStage<?> dataReceived(ByteBuffer chunk) {
    body.append(chunk);
    return null;
  }

  @Override
  public void finish() {
    REQUESTS.setBody(request, body.toArray());
    body = null;
    REQUESTS.parseBody(request);
    callback.handle(request);
  }

  @Override
  public void onConnectionClose() {}
}
