package io.squall.web;

import io.squall.http.HttpRequestCallback;

/**
 * Hands the request to a plain HTTP callback (Tornado's {@code FallbackHandler}), for mixing an
 * {@link io.squall.http.HttpServer}-style function into an application. The callback responds
 * through {@code request.connection()}.
 */
public class FallbackHandler extends RequestHandler {
  private final HttpRequestCallback fallback;

  /** Delegates to {@code fallback}. */
  public FallbackHandler(HttpRequestCallback fallback) {
    this.fallback = fallback;
  }

  /** Calls the fallback and takes this handler out of the way. */
  public void prepare() {
    fallback.handle(request());
    invoker().ended(false); // answered by the fallback itself: no access log line
  }
}
