package io.squall.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.LoopClosedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish/subscribe across Squall instances through Redis, for fan-out that must reach clients
 * connected to other processes (chat rooms, live updates): each instance subscribes to a channel,
 * and what any instance {@linkplain #publish publishes} reaches every subscriber, once, in the
 * order Redis received it.
 *
 * <p>A listener runs on the {@link IOLoop} it was subscribed from (or the one given), so it may
 * touch that loop's connections directly, as any loop code does. Listeners of one loop get the
 * messages of a channel in Redis's order.
 *
 * <p>When Redis goes away the connection is re-established in the background (with a delay that
 * grows up to {@code maxReconnectDelay}) and the channels are subscribed again; publishes made
 * meanwhile are queued and sent once it is back. Messages published by others while this instance
 * was disconnected are not seen: Redis publish/subscribe keeps no history.
 *
 * <pre>{@code
 * PubSub redis = PubSub.connect("redis://localhost:6379");
 * redis.subscribe("chat", json -> room.deliverLocally(json));   // on the current loop
 * redis.publish("chat", json);
 * }</pre>
 *
 * <p>Thread-safe. Built on Lettuce.
 */
public final class PubSub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PubSub.class);

  /** The longest wait between reconnection attempts when none is given. */
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> sub;
  private final StatefulRedisConnection<String, String> pub;
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Listener(IOLoop loop, Consumer<String> consumer) {}

  private PubSub(String uri, Duration maxReconnectDelay) {
    resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
            .build();
    client = RedisClient.create(resources, RedisURI.create(uri));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
            .build());
    try {
      sub = client.connectPubSub();
      pub = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      resources.shutdown();
      throw new IllegalStateException(
          "cannot connect to Redis at " + uri + ": " + e.getMessage(), e);
    }
    sub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            dispatch(channel, message);
          }
        });
  }

  /**
   * Connects to Redis at {@code uri} ({@code redis://host:port}, optionally with a password and a
   * database as Redis URIs allow).
   *
   * @param uri the Redis URI
   * @return the connected pub/sub
   * @throws IllegalStateException if Redis cannot be reached now
   */
  public static PubSub connect(String uri) {
    return connect(uri, DEFAULT_MAX_RECONNECT_DELAY);
  }

  /**
   * {@link #connect(String)} with the longest wait between reconnection attempts.
   *
   * @param uri the Redis URI
   * @param maxReconnectDelay the longest wait between attempts after Redis went away
   * @return the connected pub/sub
   */
  public static PubSub connect(String uri, Duration maxReconnectDelay) {
    Objects.requireNonNull(uri, "uri");
    return new PubSub(uri, maxReconnectDelay);
  }

  /**
   * Calls {@code listener} on the {@linkplain IOLoop#current() current} loop with every message
   * published to {@code channel} from now on.
   *
   * @param channel the channel
   * @param listener receives each message
   * @return completes when Redis confirmed the subscription
   * @throws IllegalStateException off a loop thread
   */
  public CompletableFuture<Subscription> subscribe(String channel, Consumer<String> listener) {
    return subscribe(channel, IOLoop.current(), listener);
  }

  /**
   * Calls {@code listener} on {@code loop} with every message published to {@code channel} from now
   * on.
   *
   * @param channel the channel
   * @param loop the loop the listener runs on
   * @param listener receives each message
   * @return completes (on no particular thread) when Redis confirmed the subscription
   */
  public CompletableFuture<Subscription> subscribe(
      String channel, IOLoop loop, Consumer<String> listener) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("PubSub is closed"));
    }
    Listener l = new Listener(loop, listener);
    boolean first;
    synchronized (listeners) {
      List<Listener> list = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
      first = list.isEmpty();
      list.add(l);
    }
    Subscription subscription = () -> unsubscribe(channel, l);
    if (!first) {
      return CompletableFuture.completedFuture(subscription);
    }
    return sub.async().subscribe(channel).toCompletableFuture().thenApply(v -> subscription);
  }

  /**
   * Publishes {@code message} on {@code channel}. Queued while Redis is unreachable.
   *
   * @param channel the channel
   * @param message the message
   * @return the number of subscribers (across all instances) Redis handed it to
   */
  public CompletableFuture<Long> publish(String channel, String message) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("PubSub is closed"));
    }
    return pub.async().publish(channel, message).toCompletableFuture();
  }

  private void unsubscribe(String channel, Listener l) {
    boolean last;
    synchronized (listeners) {
      List<Listener> list = listeners.get(channel);
      if (list == null || !list.remove(l)) {
        return;
      }
      last = list.isEmpty();
      if (last) {
        listeners.remove(channel);
      }
    }
    if (last && !closed) {
      sub.async().unsubscribe(channel);
    }
  }

  private void dispatch(String channel, String message) {
    List<Listener> list = listeners.get(channel);
    if (list == null) {
      return;
    }
    for (Listener l : list) {
      try {
        l.loop.addCallback(() -> l.consumer.accept(message));
      } catch (LoopClosedException gone) {
        log.debug("dropping a listener of {} whose loop closed", channel);
        unsubscribe(channel, l);
      }
    }
  }

  /** Closes both connections to Redis; listeners get nothing more. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    listeners.clear();
    try {
      sub.close();
      pub.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** One listener's subscription. */
  @FunctionalInterface
  public interface Subscription {
    /** Stops delivering to this listener; the channel is unsubscribed when it was the last. */
    void unsubscribe();
  }
}
