package io.squall.demos.longpoll;

import io.squall.ioloop.IOLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The chat room's recent messages and the long-poll requests waiting for the next one.
 *
 * <p>Thread-safe: a server may run several loops, and a message posted on one loop must wake the
 * waiters of every loop. The cache and the waiters are guarded by this object's lock, and each
 * waiter's future is completed on the loop that waits, through {@link IOLoop#addCallback}, so
 * handler code that continues from it runs on its own loop thread as usual.
 */
public final class MessageBuffer {
  /** How many messages are kept when no size is given. */
  public static final int DEFAULT_CACHE_SIZE = 200;

  private final int cacheSize;
  private final ArrayDeque<Message> cache;

  /** Each waiting future and the loop it completes on. */
  private final Map<CompletableFuture<List<Message>>, IOLoop> waiters = new LinkedHashMap<>();

  /** A buffer that keeps the last {@value #DEFAULT_CACHE_SIZE} messages. */
  public MessageBuffer() {
    this(DEFAULT_CACHE_SIZE);
  }

  /** A buffer that keeps the last {@code cacheSize} messages. */
  public MessageBuffer(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be at least 1: " + cacheSize);
    }
    this.cacheSize = cacheSize;
    this.cache = new ArrayDeque<>(cacheSize + 1);
  }

  /** The cached messages, oldest first. */
  public synchronized List<Message> messages() {
    return List.copyOf(cache);
  }

  /**
   * The cached messages newer than the one whose id is {@code cursor}, oldest first. When the
   * cursor is null or no longer (or never) in the cache, that is every cached message: the client
   * missed some, and gets all that are left.
   */
  public synchronized List<Message> messagesSince(String cursor) {
    List<Message> newer = new ArrayList<>();
    Iterator<Message> it = cache.descendingIterator();
    while (it.hasNext()) {
      Message m = it.next();
      if (m.id().equals(cursor)) {
        break;
      }
      newer.add(m);
    }
    Collections.reverse(newer);
    return newer;
  }

  /**
   * The messages newer than {@code cursor}: completed at once when the cache has some, else when
   * the next message is added. The future completes on {@code loop}. Cancel it to stop waiting; the
   * waiter is then forgotten.
   */
  public CompletableFuture<List<Message>> waitForMessagesSince(String cursor, IOLoop loop) {
    CompletableFuture<List<Message>> future;
    synchronized (this) {
      List<Message> newer = messagesSince(cursor);
      if (!newer.isEmpty()) {
        return CompletableFuture.completedFuture(newer);
      }
      future = new CompletableFuture<>();
      waiters.put(future, loop);
    }
    future.whenComplete(
        (v, e) -> {
          if (e != null) {
            forget(future);
          }
        });
    return future;
  }

  /**
   * Answers every waiting request now with no messages (at shutdown: the clients get a response
   * instead of a dropped connection, and poll again elsewhere).
   */
  public void releaseWaiters() {
    Map<CompletableFuture<List<Message>>, IOLoop> woken;
    synchronized (this) {
      woken = new LinkedHashMap<>(waiters);
      waiters.clear();
    }
    woken.forEach(
        (future, loop) -> {
          try {
            loop.addCallback(() -> future.complete(List.of()));
          } catch (io.squall.ioloop.LoopClosedException gone) {
            future.complete(List.of());
          }
        });
  }

  private synchronized void forget(CompletableFuture<List<Message>> future) {
    waiters.remove(future);
  }

  /** Where {@link #add} sends messages when the buffer spans instances; null for one instance. */
  private volatile java.util.function.Consumer<Message> relay;

  /**
   * Makes the buffer span instances: {@link #add} hands each message to {@code relay} (a Redis
   * publish, say), whose subscriber calls {@link #receive} on every instance, this one included.
   *
   * @param relay publishes one message to all instances
   */
  public void relayThrough(java.util.function.Consumer<Message> relay) {
    this.relay = java.util.Objects.requireNonNull(relay, "relay");
  }

  /**
   * Adds a message, drops the oldest beyond the cache size, and wakes every waiter; with a
   * {@linkplain #relayThrough relay}, hands it to the relay instead.
   */
  public void add(Message message) {
    java.util.function.Consumer<Message> r = relay;
    if (r != null) {
      r.accept(message);
      return;
    }
    receive(message);
  }

  /**
   * Takes a message that came through the relay: caches it and wakes every waiter here.
   *
   * @param message the message
   */
  public void receive(Message message) {
    Map<CompletableFuture<List<Message>>, IOLoop> woken;
    synchronized (this) {
      cache.addLast(message);
      while (cache.size() > cacheSize) {
        cache.removeFirst();
      }
      woken = new LinkedHashMap<>(waiters);
      waiters.clear();
    }
    // A waiter waits only while nothing is newer than its cursor, and every add wakes them all,
    // so what each one lacks is exactly this message.
    List<Message> news = List.of(message);
    woken.forEach((future, loop) -> loop.addCallback(() -> future.complete(news)));
  }

  /** How many requests are waiting for the next message. */
  public synchronized int waiterCount() {
    return waiters.size();
  }
}
