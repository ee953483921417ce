package io.squall.http;

/**
 * The first line of a response: {@code HTTP/1.1 200 OK}.
 *
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param status the status code, 100 to 999
 * @param reason the reason phrase; may be empty, never contains CR or LF
 */
public record ResponseStartLine(String version, int status, String reason) {
  /** Validates the line so it cannot split the response. */
  public ResponseStartLine {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must have three digits: " + status);
    }
    if (reason == null) {
      reason = "";
    }
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException("reason phrase must not contain CR, LF or NUL");
      }
    }
  }
}
