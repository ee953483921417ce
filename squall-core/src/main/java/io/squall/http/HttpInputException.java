package io.squall.http;

/**
 * Malformed or unacceptable input from a client (Tornado's {@code HTTPInputError}), carrying the
 * HTTP status to answer with (400 unless said otherwise) and a message safe to show in the error
 * body: messages never echo the offending bytes.
 */
public class HttpInputException extends RuntimeException {
  /** The HTTP status to answer with. */
  private final int status;

  /** A 400 Bad Request with {@code message}. */
  public HttpInputException(String message) {
    this(400, message);
  }

  /**
   * An error answered with {@code status}.
   *
   * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx code
   */
  public HttpInputException(int status, String message) {
    this(status, message, true);
  }

  /** An error answered with {@code status}, with {@code cause}. */
  public HttpInputException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = checkStatus(status);
  }

  /**
   * For subclasses: {@code writableStackTrace = false} skips filling in the stack trace, for errors
   * that clients can provoke at will.
   */
  protected HttpInputException(int status, String message, boolean writableStackTrace) {
    super(message, null, false, writableStackTrace);
    this.status = checkStatus(status);
  }

  private static int checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    return status;
  }

  /** The HTTP status code to answer with (4xx or 5xx). */
  public int status() {
    return status;
  }
}
