package io.squall.http;

/**
 * The simplest way to serve HTTP: a function called once per request with its whole body read and
 * its form arguments parsed (Tornado's {@code HTTPServer(request_callback)}). Respond through
 * {@link HttpServerRequest#connection()}.
 */
@FunctionalInterface
public interface HttpRequestCallback {
  /** Handles one request on the connection's loop. */
  void handle(HttpServerRequest request);
}
