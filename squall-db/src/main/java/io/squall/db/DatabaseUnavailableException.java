package io.squall.db;

/**
 * The database could not serve a call: no connection came free within the connection timeout (the
 * pool is exhausted, or the server is down or unreachable), the connection broke during the call,
 * or too many calls were already waiting. A web handler answers it with 503; the pool recovers by
 * itself when the database comes back.
 */
public class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error that says what failed.
   *
   * @param message what was unavailable and why
   * @param cause the driver's or the pool's exception, or null
   */
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
