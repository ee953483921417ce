package io.squall.demos.chat;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.escape.Json;
import io.squall.ioloop.IOLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat room: who is connected, and the recent messages (Tornado's {@code
 * ChatSocketHandler.waiters} and {@code cache}).
 *
 * <p>Thread-safe, for a server on several loops: members join, leave and post from their own loop
 * threads. Each message is sent to a member on that member's loop, through {@link
 * IOLoop#addCallback}, and the room hands messages to the loops while it holds its lock. A loop
 * runs callbacks in the order they were added, so every member receives every message once and in
 * the same order, the recent history first. What a member does with a message (a failed write, an
 * exception) concerns that member alone.
 */
public final class ChatRoom {
  private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

  /** How many recent messages are kept when no size is given. */
  public static final int DEFAULT_CACHE_SIZE = 200;

  /** A message with its JSON, encoded once for every member. */
  private record Entry(ChatMessage message, String json) {}

  private final int cacheSize;
  private final ArrayDeque<Entry> cache;
  private final Set<Member> members = new LinkedHashSet<>();

  /** Where {@link #post} sends messages when the room spans instances; null for one instance. */
  private volatile Consumer<String> relay;

  /**
   * A connected client. Made by {@link #join}; messages go to its sink on its loop until {@link
   * #leave()}.
   */
  public final class Member {
    private final IOLoop loop;
    private final Consumer<String> sink;

    private Member(IOLoop loop, Consumer<String> sink) {
      this.loop = loop;
      this.sink = sink;
    }

    /** Leaves the room: no more messages are handed to this member. Safe to call twice. */
    public void leave() {
      ChatRoom.this.leave(this);
    }

    private void send(String json) {
      loop.addCallback(() -> deliver(json));
    }

    private void deliver(String json) {
      try {
        sink.accept(json);
      } catch (RuntimeException e) {
        log.warn("could not send a chat message; dropping the member", e);
        leave();
      }
    }
  }

  /**
   * A room that keeps the last {@value #DEFAULT_CACHE_SIZE} messages. A member whose client stops
   * reading is not the room's concern: the server closes its connection once the connection's
   * queued output passes {@link io.squall.http.HttpServerOptions#maxWriteBufferSize()}, and the
   * member leaves then.
   */
  public ChatRoom() {
    this(DEFAULT_CACHE_SIZE);
  }

  /**
   * A room that keeps the last {@code cacheSize} messages.
   *
   * @throws IllegalArgumentException if {@code cacheSize} is below 1
   */
  public ChatRoom(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be at least 1: " + cacheSize);
    }
    this.cacheSize = cacheSize;
    this.cache = new ArrayDeque<>(cacheSize + 1);
  }

  /**
   * Adds a member whose messages go to {@code sink}, always called on {@code loop}, and sends it
   * the cached messages, oldest first, before anything posted later.
   *
   * @param loop the loop of the member's connection
   * @param sink sends one message (JSON text) to the client
   * @return the member, to {@link Member#leave()} when the client goes
   */
  public Member join(IOLoop loop, Consumer<String> sink) {
    Member m = new Member(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(sink));
    synchronized (this) {
      members.add(m);
      for (Entry e : cache) {
        m.send(e.json());
      }
    }
    return m;
  }

  private synchronized void leave(Member m) {
    members.remove(m);
  }

  /**
   * Makes the room span instances: {@link #post} hands each message's JSON to {@code relay} (a
   * Redis publish, say) instead of delivering it, and the relay's subscriber calls {@link #receive}
   * on every instance, this one included. Every member of every instance then gets every message
   * once, in the relay's order.
   *
   * @param relay publishes one message's JSON to all instances
   */
  public void relayThrough(Consumer<String> relay) {
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  /**
   * Adds {@code message} to the cache, dropping the oldest beyond its size, and sends it to all;
   * with a {@linkplain #relayThrough relay}, hands it to the relay instead.
   */
  public void post(ChatMessage message) {
    String json = toJson(message);
    Consumer<String> r = relay;
    if (r != null) {
      r.accept(json);
      return;
    }
    deliver(new Entry(message, json));
  }

  /**
   * Takes a message that came through the relay (its JSON as {@link #post} wrote it) and delivers
   * it to this instance's members. Malformed input is logged and dropped.
   *
   * @param json one message
   */
  public void receive(String json) {
    ChatMessage message;
    try {
      message = Json.mapper().readValue(json, ChatMessage.class);
    } catch (JacksonException | RuntimeException e) {
      log.warn("dropping a relayed chat message that is not one: {}", e.getMessage());
      return;
    }
    deliver(new Entry(message, json));
  }

  private void deliver(Entry entry) {
    synchronized (this) {
      cache.addLast(entry);
      while (cache.size() > cacheSize) {
        cache.removeFirst();
      }
      for (Member m : members) {
        m.send(entry.json());
      }
    }
  }

  private static String toJson(ChatMessage message) {
    try {
      return Json.mapper().writeValueAsString(message);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write a chat message as JSON", e);
    }
  }

  /** The cached messages, oldest first. */
  public synchronized List<ChatMessage> messages() {
    List<ChatMessage> out = new ArrayList<>(cache.size());
    for (Entry e : cache) {
      out.add(e.message());
    }
    return out;
  }

  /** How many members are in the room. */
  public synchronized int memberCount() {
    return members.size();
  }
}
