package io.squall.websocket.internal;

/**
 * Receives what a {@link FrameParser} decodes: whole data messages and control frames. Methods run
 * synchronously inside {@link FrameParser#feed}; an exception thrown here propagates out of {@code
 * feed} with the parser ready for the next frame.
 */
public interface FrameListener {
  /** A complete text message, already checked to be valid UTF-8. */
  void onText(String message);

  /** A complete binary message. The array belongs to the listener. */
  void onBinary(byte[] message);

  /** A Ping frame's application data (0-125 bytes). The caller should answer with a Pong. */
  void onPing(byte[] payload);

  /** A Pong frame's application data (0-125 bytes). */
  void onPong(byte[] payload);

  /**
   * A valid Close frame. The parser ignores all input after it.
   *
   * @param code the status code, or {@link io.squall.websocket.CloseCode#NO_STATUS_RECEIVED} (1005)
   *     when the frame had no payload
   * @param reason the UTF-8 reason, empty when there was none
   */
  void onClose(int code, String reason);
}
