package io.squall.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message received by a {@link WebSocketConnection}: text or binary. Use pattern matching:
 *
 * <pre>{@code
 * switch (message) {
 *   case WebSocketMessage.Text t -> handle(t.text());
 *   case WebSocketMessage.Binary b -> handle(b.data());
 * }
 * }</pre>
 */
public sealed interface WebSocketMessage {
  /**
   * A text message.
   *
   * @param text the text, never null
   * @return the message
   */
  static WebSocketMessage text(String text) {
    return new Text(text);
  }

  /**
   * A binary message.
   *
   * @param data the bytes, never null (not copied)
   * @return the message
   */
  static WebSocketMessage binary(byte[] data) {
    return new Binary(data);
  }

  /**
   * Whether this is a text message.
   *
   * @return true for {@link Text}
   */
  default boolean isText() {
    return this instanceof Text;
  }

  /**
   * The text of a text message, or the bytes of a binary one decoded as UTF-8 (malformed input
   * replaced).
   *
   * @return the message as text
   */
  String asText();

  /**
   * The bytes of a binary message, or the UTF-8 encoding of a text one.
   *
   * @return the message as bytes
   */
  byte[] asBytes();

  /**
   * A text message.
   *
   * @param text the text
   */
  record Text(String text) implements WebSocketMessage {
    /** Checks for null. */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String asText() {
      return text;
    }

    @Override
    public byte[] asBytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * A binary message. Equality compares the bytes.
   *
   * @param data the bytes; the array belongs to the receiver of the message
   */
  record Binary(byte[] data) implements WebSocketMessage {
    /** Checks for null. */
    public Binary {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public String asText() {
      return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] asBytes() {
      return data;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Binary[" + data.length + " bytes]";
    }
  }
}
