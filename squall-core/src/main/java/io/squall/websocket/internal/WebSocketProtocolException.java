package io.squall.websocket.internal;

/**
 * The peer broke the protocol or a limit; the connection must be closed with {@link #closeCode()}
 * (RFC 6455 "Fail the WebSocket Connection").
 */
public final class WebSocketProtocolException extends Exception {
  private final int closeCode;

  /**
   * @param closeCode the close status to send, e.g. 1002, 1007 or 1009
   * @param message a short reason, fit for the Close frame
   */
  public WebSocketProtocolException(int closeCode, String message) {
    super(message, null, false, false);
    this.closeCode = closeCode;
  }

  /** The close status to send. */
  public int closeCode() {
    return closeCode;
  }
}
