package io.squall.httpclient;

/**
 * The response went over a limit of the request: its head over {@link HttpRequest#maxHeaderSize()},
 * or its body (as received or, for gzip, as inflated) over {@link HttpRequest#maxBodySize()}. The
 * connection is closed. Code {@value HttpClientError#NO_RESPONSE}.
 */
public class ResponseTooLargeError extends HttpClientError {
  /** An error with {@code message}. */
  public ResponseTooLargeError(String message) {
    super(NO_RESPONSE, message);
  }
}
