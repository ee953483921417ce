package io.squall.web;

/**
 * Answers every request with one error status (Tornado's {@code ErrorHandler}); the default for
 * requests no route matches is {@code new ErrorHandler(404)}.
 */
public class ErrorHandler extends RequestHandler {
  private final int status;

  /** Answers with {@code status}. */
  public ErrorHandler(int status) {
    this.status = status;
  }

  /** Raises the error before any verb method. */
  public void prepare() {
    throw new HttpError(status);
  }

  /** POSTs to an error handler have no side effects: no XSRF check, as Tornado. */
  @Override
  public void checkXsrfCookie() {}

  /** Never reached: {@link #prepare()} raises. */
  public void get() {}

  /** Never reached: {@link #prepare()} raises. */
  public void post() {}
}
