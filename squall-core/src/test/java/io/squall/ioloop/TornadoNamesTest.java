package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.runSync;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IOLoop, Condition and Event under Tornado's method names. */
class TornadoNamesTest {
  private final IOLoop loop = new IOLoop("names-test");

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void addTimeoutRunsAndRemoveTimeoutCancels() throws Exception {
    List<String> ran = new ArrayList<>();
    runSync(
        loop,
        () -> {
          CompletableFuture<Void> done = new CompletableFuture<>();
          Timeout removed = loop.addTimeout(Duration.ofMillis(1), () -> ran.add("removed"));
          loop.removeTimeout(removed);
          loop.removeTimeout(removed); // twice: harmless
          loop.addTimeout(loop.time() + 1_000_000, () -> ran.add("absolute"));
          loop.addTimeout(Duration.ofMillis(20), () -> done.complete(null));
          return done;
        });
    assertThat(ran).containsExactly("absolute");
  }

  @Test
  void spawnCallbackRunsOnTheLoop() throws Exception {
    boolean onLoop =
        runSync(
            loop,
            () -> {
              CompletableFuture<Boolean> f = new CompletableFuture<>();
              loop.spawnCallback(() -> f.complete(loop.inLoopThread()));
              return f;
            });
    assertThat(onLoop).isTrue();
  }

  @Test
  void setDefaultExecutorIsUsedByRunInExecutor() throws Exception {
    AtomicInteger used = new AtomicInteger();
    Executor counting =
        task -> {
          used.incrementAndGet();
          Thread.ofVirtual().start(task);
        };
    loop.setDefaultExecutor(counting);
    String v = runSync(loop, () -> loop.runInExecutor(() -> "done"));
    assertThat(v).isEqualTo("done");
    assertThat(used).hasValue(1);
  }

  @Test
  void conditionAndEventWaitWithTimeout() throws Exception {
    Condition c = new Condition();
    Event e = new Event();
    boolean timedOut = runSync(loop, () -> c.wait(Duration.ofMillis(5)));
    assertThat(timedOut).isFalse();
    boolean notified =
        runSync(
            loop,
            () -> {
              CompletableFuture<Boolean> w = c.wait(Duration.ofSeconds(30));
              c.notifyOne();
              return w;
            });
    assertThat(notified).isTrue();
    runSync(
        loop,
        () -> {
          CompletableFuture<Void> w = e.wait(Duration.ofSeconds(30));
          e.set();
          return w;
        });
    assertThat(e.wait(Duration.ZERO)).isDone();
  }
}
