package io.squall.httpclient;

/**
 * The server's response broke HTTP/1.1 (a malformed status line or header, bad chunked framing, a
 * body longer than its {@code Content-Length} on a keep-alive connection, ...). The connection is
 * closed; the message names the problem. Code {@value HttpClientError#NO_RESPONSE}.
 */
public class MalformedResponseError extends HttpClientError {
  /** An error with {@code message}. */
  public MalformedResponseError(String message) {
    super(NO_RESPONSE, message);
  }

  /** An error with {@code message} and {@code cause}. */
  public MalformedResponseError(String message, Throwable cause) {
    super(NO_RESPONSE, message, cause);
  }
}
