package io.squall.websocket.internal;

/** Frame opcodes (RFC 6455 section 5.2). */
public final class Opcode {
  /** Continues a fragmented data message. */
  public static final int CONTINUATION = 0x0;

  /** First frame of a text message. */
  public static final int TEXT = 0x1;

  /** First frame of a binary message. */
  public static final int BINARY = 0x2;

  /** Close control frame. */
  public static final int CLOSE = 0x8;

  /** Ping control frame. */
  public static final int PING = 0x9;

  /** Pong control frame. */
  public static final int PONG = 0xA;

  /** The largest payload a control frame may carry. */
  public static final int MAX_CONTROL_PAYLOAD = 125;

  private Opcode() {}

  /** Whether the opcode is a control opcode (high bit of the nibble set). */
  public static boolean isControl(int opcode) {
    return (opcode & 0x8) != 0;
  }

  /** Whether the opcode is one RFC 6455 defines; the others are reserved. */
  public static boolean isDefined(int opcode) {
    return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
  }
}
