package io.squall.websocket.internal;

/** A client's view of a failed opening handshake: the server's response cannot be accepted. */
public final class WebSocketHandshakeException extends Exception {
  /**
   * @param message what was wrong with the response
   */
  public WebSocketHandshakeException(String message) {
    super(message);
  }
}
