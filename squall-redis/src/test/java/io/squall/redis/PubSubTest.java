package io.squall.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.ioloop.IOLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PubSub against a real redis-server: two instances (each its own loop) see every message. */
class PubSubTest {
  private RedisServer redis;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeEach
  void startRedis() throws Exception {
    redis = new RedisServer().start();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
    redis.close();
  }

  private IOLoop loop(String name) {
    IOLoop loop = IOLoop.startOnNewThread(name);
    cleanup.add(loop::shutdown);
    return loop;
  }

  private PubSub pubSub() {
    PubSub p = PubSub.connect(redis.uri(), Duration.ofMillis(200));
    cleanup.add(p);
    return p;
  }

  @Test
  void everySubscriberOfEveryInstanceGetsEveryMessageOnceInOrderOnItsLoop() throws Exception {
    int n = 500;
    IOLoop loopA = loop("instance-a");
    IOLoop loopB = loop("instance-b");
    PubSub a = pubSub();
    PubSub b = pubSub();
    List<String> gotA = new CopyOnWriteArrayList<>();
    List<String> gotB = new CopyOnWriteArrayList<>();
    List<Boolean> onOwnLoop = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(2 * n);
    a.subscribe(
            "room",
            loopA,
            m -> {
              onOwnLoop.add(loopA.inLoopThread());
              gotA.add(m);
              all.countDown();
            })
        .get(10, TimeUnit.SECONDS);
    b.subscribe(
            "room",
            loopB,
            m -> {
              onOwnLoop.add(loopB.inLoopThread());
              gotB.add(m);
              all.countDown();
            })
        .get(10, TimeUnit.SECONDS);
    // both instances publish, interleaved: every subscriber sees Redis's one order
    List<CompletableFuture<Long>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sent.add((i % 2 == 0 ? a : b).publish("room", "m" + i));
    }
    for (CompletableFuture<Long> f : sent) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
    }
    assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(gotA).hasSize(n).doesNotHaveDuplicates();
    assertThat(gotA).isEqualTo(gotB);
    assertThat(onOwnLoop).containsOnly(true);
    // one publisher's messages keep their order
    List<String> evens =
        gotA.stream().filter(m -> Integer.parseInt(m.substring(1)) % 2 == 0).toList();
    assertThat(evens)
        .isSortedAccordingTo(
            (x, y) ->
                Integer.compare(
                    Integer.parseInt(x.substring(1)), Integer.parseInt(y.substring(1))));
  }

  @Test
  void unsubscribeStopsDelivery() throws Exception {
    IOLoop loop = loop("unsub");
    PubSub p = pubSub();
    LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
    PubSub.Subscription s = p.subscribe("c", loop, got::add).get(10, TimeUnit.SECONDS);
    LinkedBlockingQueue<String> other = new LinkedBlockingQueue<>();
    p.subscribe("c", loop, other::add).get(10, TimeUnit.SECONDS);
    p.publish("c", "one").get(10, TimeUnit.SECONDS);
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
    assertThat(other.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
    s.unsubscribe();
    p.publish("c", "two").get(10, TimeUnit.SECONDS);
    assertThat(other.poll(10, TimeUnit.SECONDS)).isEqualTo("two");
    assertThat(got).isEmpty(); // "two" reached the remaining listener, so it was not for this one
  }

  @Test
  void anInstanceSurvivesRedisRestartingAndMessagesAfterReconnectionArrive() throws Exception {
    IOLoop loop = loop("restart");
    PubSub sub = pubSub();
    PubSub pub = pubSub();
    LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
    sub.subscribe("news", loop, got::add).get(10, TimeUnit.SECONDS);
    pub.publish("news", "before").get(10, TimeUnit.SECONDS);
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("before");

    redis.stop();
    redis.start(); // same port, empty: the subscription must be made again by the client

    // Publish until the resubscribed listener hears one: the first publishes may reach Redis
    // before the subscriber's reconnection does (Redis keeps no history), which is expected.
    String heard = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int i = 0; heard == null && System.nanoTime() < deadline; i++) {
      pub.publish("news", "after-" + i).get(30, TimeUnit.SECONDS);
      heard = got.poll(200, TimeUnit.MILLISECONDS);
    }
    assertThat(heard).as("a message after reconnection arrived").startsWith("after-");
    pub.publish("news", "last").get(10, TimeUnit.SECONDS);
    String next;
    while ((next = got.poll(10, TimeUnit.SECONDS)) != null && !next.equals("last")) {
      assertThat(next).startsWith("after-");
    }
    assertThat(next).isEqualTo("last");
  }

  @Test
  void subscribeOffALoopFailsClearlyAndConnectToNothingFails() throws Exception {
    PubSub p = pubSub();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    p.subscribe("c", m -> {});
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
    t.join(10_000);
    assertThat(thrown.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no IOLoop");
    int freePort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    assertThatThrownBy(() -> PubSub.connect("redis://127.0.0.1:" + freePort))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot connect to Redis");
  }
}
