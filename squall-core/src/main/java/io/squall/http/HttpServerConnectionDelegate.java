package io.squall.http;

/**
 * Makes a {@link HttpMessageDelegate} for each request on a connection (Tornado's {@code
 * HTTPServerConnectionDelegate}). {@code io.squall.web.Application} is one.
 */
@FunctionalInterface
public interface HttpServerConnectionDelegate {
  /** Returns the delegate for the next request on {@code connection}. Runs on its loop. */
  HttpMessageDelegate startRequest(HttpConnection connection);
}
