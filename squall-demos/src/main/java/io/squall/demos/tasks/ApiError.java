package io.squall.demos.tasks;

import io.squall.web.HttpError;

/**
 * An API error whose message for the client (in the JSON error body) differs from the one for the
 * log: a 503 tells the client to retry and the log why the database failed.
 */
public final class ApiError extends HttpError {
  private static final long serialVersionUID = 1L;

  private final String clientMessage;

  /**
   * An error for the client.
   *
   * @param status the HTTP status
   * @param clientMessage the {@code message} of the JSON error body
   * @param logMessage what the log says, or null for the client message
   */
  public ApiError(int status, String clientMessage, String logMessage) {
    super(status, "%s", logMessage == null ? clientMessage : logMessage);
    this.clientMessage = clientMessage;
  }

  /** An error whose message is the same for the client and the log. */
  public ApiError(int status, String message) {
    this(status, message, null);
  }

  /** The message of the JSON error body. */
  public String clientMessage() {
    return clientMessage;
  }
}
