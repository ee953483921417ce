package io.squall.httpclient;

/**
 * A timeout ran out (Tornado's {@code HTTPTimeoutError}): the message says which one, {@code
 * "Timeout while connecting"}, {@code "Timeout during request"} or {@code "Timeout in request
 * queue"}. Code {@value HttpClientError#NO_RESPONSE}.
 */
public class HttpTimeoutError extends HttpClientError {
  /** A timeout error with {@code message}. */
  public HttpTimeoutError(String message) {
    super(NO_RESPONSE, message);
  }
}
