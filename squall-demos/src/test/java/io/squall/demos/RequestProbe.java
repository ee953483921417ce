package io.squall.demos;

import io.squall.http.HttpConnection;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps an application and tells the test when the server has a whole request for a path and is
 * about to run its handler, so a test can send a second request knowing the first is in flight.
 */
final class RequestProbe implements HttpServerConnectionDelegate {
  private final HttpServerConnectionDelegate app;
  private final Map<String, CompletableFuture<Void>> dispatched = new ConcurrentHashMap<>();

  RequestProbe(HttpServerConnectionDelegate app) {
    this.app = app;
  }

  /** Completes (on the loop) just before the handler of the first request for {@code path} runs. */
  CompletableFuture<Void> dispatched(String path) {
    return dispatched.computeIfAbsent(path, p -> new CompletableFuture<>());
  }

  @Override
  public HttpMessageDelegate startRequest(HttpConnection connection) {
    HttpMessageDelegate inner = app.startRequest(connection);
    return new HttpMessageDelegate() {
      private String path;

      @Override
      public CompletionStage<?> headersReceived(HttpServerRequest request) {
        path = request.path();
        return inner.headersReceived(request);
      }

      @Override
      public CompletionStage<?> dataReceived(ByteBuffer chunk) {
        return inner.dataReceived(chunk);
      }

      @Override
      public void finish() {
        dispatched(path).complete(null);
        inner.finish();
      }

      @Override
      public void onConnectionClose() {
        inner.onConnectionClose();
      }
    };
  }
}
