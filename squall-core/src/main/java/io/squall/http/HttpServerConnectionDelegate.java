package io.squall.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes a {@link HttpMessageDelegate} for each request on a connection (Tornado's {@code
 * HTTPServerConnectionDelegate}). {@code io.squall.web.Application} is one.
 */
@FunctionalInterface
public interface HttpServerConnectionDelegate {
  /** Returns the delegate for the next request on {@code connection}. Runs on its loop. */
  HttpMessageDelegate startRequest(HttpConnection connection);

  /**
   * Called once when the server begins a graceful shutdown, before it drains its connections: the
   * place to end what HTTP draining cannot see (upgraded WebSockets, waiting long-polls). The
   * server waits, within its grace period, for the returned stage. By default nothing.
   *
   * @return completes when that work is done
   */
  default CompletionStage<Void> shutdownStarted() {
    return CompletableFuture.completedFuture(null);
  }
}
