package io.squall.websocket;

import java.io.IOException;

/**
 * A message, ping or close could not be sent because the WebSocket connection is closing or closed
 * (Tornado's {@code WebSocketClosedError}). Futures returned by {@code writeMessage} and {@code
 * ping} fail with it.
 */
public class WebSocketClosedException extends IOException {
  /** For a connection that was already closing when the write was asked for. */
  public WebSocketClosedException() {
    super("WebSocket connection is closed");
  }

  /**
   * For a write that failed because the connection closed underneath it.
   *
   * @param cause why the connection closed, may be null
   */
  public WebSocketClosedException(Throwable cause) {
    super("WebSocket connection is closed", cause);
  }
}
