package io.squall.demos.chat;

import java.util.Objects;

/**
 * A chat message as every client receives it, written as JSON {@code {"id", "body", "html"}}.
 *
 * @param id a random id; the page uses it to show each message once
 * @param body the text as the sender typed it
 * @param html the message rendered through {@code chat/message.html}, with the body escaped; null
 *     only while it is being rendered
 */
public record ChatMessage(String id, String body, String html) {
  /** Checks the id and body. */
  public ChatMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
  }
}
