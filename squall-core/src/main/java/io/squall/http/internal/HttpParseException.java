package io.squall.http.internal;

import io.squall.http.HttpInputException;

/**
 * A request the parser cannot accept: the status to answer (400, 414, 431, 501 or 505), a short
 * fixed message for the error body (never the offending bytes), and the instruction to close the
 * connection, since the framing of anything after the error cannot be trusted.
 *
 * <p>Carries no stack trace: clients can provoke these at will.
 */
public final class HttpParseException extends HttpInputException {
  /** A parse error answered with {@code status}. */
  public HttpParseException(int status, String message) {
    super(status, message, false);
  }

  /** Always true: after a parse error the connection must be closed. */
  public boolean closeConnection() {
    return true;
  }
}
