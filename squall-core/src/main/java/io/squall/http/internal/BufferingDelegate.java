package io.squall.http.internal;

import io.squall.http.HttpInputException;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpRequestCallback;
import io.squall.http.HttpServerRequest;
import io.squall.http.MultipartLimits;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a whole request body (the connection has already bounded it by {@code maxBodySize}),
 * parses form arguments, then calls a {@link HttpRequestCallback}.
 */
public final class BufferingDelegate implements HttpMessageDelegate {
  private static final Logger LOG = LoggerFactory.getLogger(BufferingDelegate.class);
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
    try {
      REQUESTS.parseBody(request, MultipartLimits.DEFAULT);
    } catch (HttpInputException e) {
      // A raw callback answers for itself: it gets the body, with no arguments parsed from it.
      LOG.warn("Body of {} {} not parsed: {}", request.method(), request.path(), e.getMessage());
    }
    callback.handle(request);
  }

  @Override
  public void onConnectionClose() {}
}
