package io.squall.demos.scale;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.demos.chat.ChatRoom;
import io.squall.demos.longpoll.Message;
import io.squall.demos.longpoll.MessageBuffer;
import io.squall.escape.Json;
import io.squall.ioloop.IOLoop;
import io.squall.redis.PubSub;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the chat room and the long-poll buffer of this instance over every instance that uses the
 * same Redis ({@code ./demo --redis=redis://host:port}): posts are published to a Redis channel,
 * and each instance delivers what the channel carries to its own clients.
 */
public final class RedisFanOut implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisFanOut.class);

  /** The Redis channel of the chat room. */
  public static final String CHAT_CHANNEL = "squall-demo:chat";

  /** The Redis channel of the long-poll buffer. */
  public static final String LONGPOLL_CHANNEL = "squall-demo:longpoll";

  private final PubSub pubSub;

  private RedisFanOut(PubSub pubSub) {
    this.pubSub = pubSub;
  }

  /**
   * Connects to Redis and relays {@code room} and {@code buffer} through it; returns once both
   * channels are subscribed, so nothing posted afterwards is missed.
   *
   * @param uri the Redis URI
   * @param loop the loop that receives from Redis (it hands each message to the members' loops)
   * @param room the chat room
   * @param buffer the long-poll buffer
   * @return the fan-out, to close at shutdown
   * @throws IllegalStateException if Redis cannot be reached
   */
  public static RedisFanOut start(String uri, IOLoop loop, ChatRoom room, MessageBuffer buffer) {
    PubSub pubSub = PubSub.connect(uri);
    try {
      CompletableFuture.allOf(
              pubSub.subscribe(CHAT_CHANNEL, loop, room::receive),
              pubSub.subscribe(LONGPOLL_CHANNEL, loop, json -> receive(buffer, json)))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      pubSub.close();
      throw new IllegalStateException("cannot subscribe to Redis at " + uri + ": " + e, e);
    }
    room.relayThrough(json -> publish(pubSub, CHAT_CHANNEL, json));
    buffer.relayThrough(m -> publish(pubSub, LONGPOLL_CHANNEL, toJson(m)));
    return new RedisFanOut(pubSub);
  }

  private static void publish(PubSub pubSub, String channel, String json) {
    pubSub
        .publish(channel, json)
        .whenComplete(
            (n, e) -> {
              if (e != null) {
                log.warn("could not publish to Redis channel {}: {}", channel, e.toString());
              }
            });
  }

  private static void receive(MessageBuffer buffer, String json) {
    try {
      buffer.receive(Json.mapper().readValue(json, Message.class));
    } catch (JacksonException | RuntimeException e) {
      log.warn("dropping a relayed long-poll message that is not one: {}", e.getMessage());
    }
  }

  private static String toJson(Message m) {
    try {
      return Json.mapper().writeValueAsString(m);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write a long-poll message as JSON", e);
    }
  }

  /** Disconnects from Redis. */
  @Override
  public void close() {
    pubSub.close();
  }
}
