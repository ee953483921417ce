package io.squall.websocket;

import java.io.IOException;

/**
 * A WebSocket client's opening handshake failed: the server answered with another status than 101
 * (for example 403 when it refused the {@code Origin}, 404, 426), or its 101 response does not
 * complete the handshake (wrong {@code Sec-WebSocket-Accept}, a subprotocol or extension that was
 * not offered).
 */
public class WebSocketHandshakeException extends IOException {
  private final int status;
  private final String body;

  /**
   * A failure with a response that could not be accepted.
   *
   * @param message what was wrong with the response
   */
  public WebSocketHandshakeException(String message) {
    this(0, message, "");
  }

  /**
   * A failure with the response's status and body.
   *
   * @param status the HTTP status of the response, or 0 when the failure is not about the status
   * @param message what was wrong
   * @param body the response body as text (possibly cut short), empty when there was none
   */
  public WebSocketHandshakeException(int status, String message, String body) {
    super(message);
    this.status = status;
    this.body = body == null ? "" : body;
  }

  /**
   * The HTTP status the server answered with, e.g. 403, or 0 when the response had the right status
   * but failed another check.
   *
   * @return the status, or 0
   */
  public int status() {
    return status;
  }

  /**
   * The response body as text, empty when there was none; it often says why the server refused.
   *
   * @return the body
   */
  public String body() {
    return body;
  }
}
