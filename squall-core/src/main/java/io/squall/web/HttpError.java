package io.squall.web;

import io.squall.http.HttpStatus;

/**
 * Throw from a handler to answer with an HTTP error status (Tornado's {@code HTTPError}).
 *
 * <pre>{@code throw new HttpError(404); throw new HttpError(400, "bad id %s", id);}</pre>
 *
 * <p>The status and reason go to the client through {@link RequestHandler#writeError}; the log
 * message goes only to the log.
 */
public class HttpError extends RuntimeException {
  private final int status;
  private final String reason;
  private final String logMessage;

  /** An error with the standard reason phrase and no log message. */
  public HttpError(int status) {
    this(status, null, null, true);
  }

  /**
   * An error with a log message; {@code args} fill {@code %s} placeholders in it, as {@link
   * String#format}.
   */
  public HttpError(int status, String logMessage, Object... args) {
    this(status, null, logMessage == null ? null : format(logMessage, args), true);
  }

  /**
   * An error with a custom reason phrase (sent in the status line and the default error page) and a
   * log message.
   *
   * @throws IllegalArgumentException when the reason contains CR, LF or NUL
   */
  public static HttpError withReason(int status, String reason, String logMessage) {
    return new HttpError(status, reason, logMessage, true);
  }

  private HttpError(int status, String reason, String logMessage, boolean unused) {
    super(
        status
            + " "
            + (reason != null ? reason : HttpStatus.reason(status))
            + (logMessage != null ? " (" + logMessage + ")" : ""));
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("HTTP status must have three digits: " + status);
    }
    if (reason != null
        && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0 || reason.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException("reason phrase must not contain CR, LF or NUL");
    }
    this.status = status;
    this.reason = reason;
    this.logMessage = logMessage;
  }

  private static String format(String message, Object... args) {
    return args == null || args.length == 0 ? message : String.format(message, args);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The reason phrase: the custom one, or the standard phrase of {@link #status()}. */
  public String reason() {
    return reason != null ? reason : HttpStatus.reason(status);
  }

  /** The message for the log only, or null. */
  public String logMessage() {
    return logMessage;
  }
}
