package io.squall.demos.longpoll;

import java.util.Objects;

/**
 * A chat message as the browser receives it (written as JSON {@code {id, body, html}}).
 *
 * @param id a random id, also the cursor a client sends to ask for what came after it
 * @param body the text as typed
 * @param html the message rendered through {@code message.html}, with the body escaped; null only
 *     while it is being rendered
 */
public record Message(String id, String body, String html) {
  /** Checks the id and body. */
  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
  }
}
