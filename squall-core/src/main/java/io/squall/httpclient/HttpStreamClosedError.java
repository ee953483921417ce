package io.squall.httpclient;

/**
 * The connection closed before the response was complete (Tornado's {@code HTTPStreamClosedError}).
 * The cause, when there is one, is the stream's error. Code {@value HttpClientError#NO_RESPONSE}.
 */
public class HttpStreamClosedError extends HttpClientError {
  /** A closed-stream error with {@code message} and an optional cause. */
  public HttpStreamClosedError(String message, Throwable cause) {
    super(NO_RESPONSE, message, cause);
  }
}
