package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ShutdownSignalsTest {
  /** Records exit calls: the first completes {@link #status}. */
  private final List<Integer> exits = new CopyOnWriteArrayList<>();

  private final List<Thread> exitThreads = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();

  private ShutdownSignals signals(Duration grace) {
    return new ShutdownSignals(
        code -> {
          exits.add(code);
          exitThreads.add(Thread.currentThread());
          status.complete(code);
        },
        grace);
  }

  @Test
  void theFirstSignalRunsEveryHookWaitsForAllThenExitsWithZero() throws Exception {
    ShutdownSignals s = signals(Duration.ofSeconds(30));
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    s.addHook(
        () -> {
          started.incrementAndGet();
          return first;
        });
    s.addHook(
        () -> {
          started.incrementAndGet();
          return second;
        });
    assertThat(s.isDraining()).isFalse();
    s.trigger("SIGTERM");
    assertThat(s.isDraining()).isTrue();
    assertThat(started).hasValue(2); // all started at once, not one after another
    first.complete(null);
    assertThat(status).isNotDone();
    second.complete(null);
    assertThat(get(status)).isZero();
    assertThat(exits).containsExactly(0);
  }

  @Test
  void failingHooksAreLoggedAndCountAsFinished() throws Exception {
    try (LogCapture logs = new LogCapture(ShutdownSignals.class)) {
      ShutdownSignals s = signals(Duration.ofSeconds(30));
      s.addHook(
          () -> {
            throw new IllegalStateException("hook threw");
          });
      s.addHook(() -> CompletableFuture.failedFuture(new IOException("hook failed")));
      s.addHook(() -> null); // finished synchronously
      s.trigger("SIGTERM");
      assertThat(get(status)).isZero();
      assertThat(logs.events(Level.ERROR))
          .extracting(e -> e.getThrowableProxy().getMessage())
          .containsExactlyInAnyOrder("hook threw", "hook failed");
    }
  }

  @Test
  void theGracePeriodBoundsTheWait() throws Exception {
    try (LogCapture logs = new LogCapture(ShutdownSignals.class)) {
      ShutdownSignals s = signals(Duration.ofMillis(50));
      s.addHook(CompletableFuture::new); // never finishes
      long start = System.nanoTime();
      s.trigger("SIGTERM");
      assertThat(get(status)).isZero();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
      assertThat(logs.events(Level.WARN))
          .anyMatch(e -> e.getFormattedMessage().contains("1 hook(s) still running"));
    }
  }

  @Test
  void aSecondSignalWhileDrainingExitsAtOnceWithOne() throws Exception {
    try (LogCapture logs = new LogCapture(ShutdownSignals.class)) {
      ShutdownSignals s = signals(Duration.ofSeconds(30));
      s.addHook(CompletableFuture::new); // never finishes
      s.trigger("SIGTERM");
      assertThat(exits).isEmpty();
      s.trigger("SIGINT");
      assertThat(exits).containsExactly(1); // synchronously, no waiting for the grace
      assertThat(exitThreads).containsExactly(Thread.currentThread());
      assertThat(logs.events(Level.WARN)).anyMatch(e -> e.getFormattedMessage().contains("SIGINT"));
    }
  }

  @Test
  void aRemovedHookDoesNotRun() throws Exception {
    ShutdownSignals s = signals(Duration.ofSeconds(30));
    AtomicInteger ran = new AtomicInteger();
    ShutdownSignals.Registration r =
        s.addHook(
            () -> {
              ran.incrementAndGet();
              return null;
            });
    assertThat(r.remove()).isTrue();
    assertThat(r.remove()).isFalse();
    s.trigger("SIGTERM");
    assertThat(get(status)).isZero();
    assertThat(ran).hasValue(0);
  }

  @Test
  void withNoHooksItExitsRightAway() throws Exception {
    ShutdownSignals s = signals(Duration.ofSeconds(30));
    s.trigger("SIGTERM");
    assertThat(get(status)).isZero();
  }

  @Test
  void aHookDrainingOnALoopIsAwaitedAndExitIsNotCalledOnTheLoop() throws Exception {
    IOLoop loop = IOLoop.startOnNewThread("draining-loop");
    try {
      ShutdownSignals s = signals(Duration.ofSeconds(30));
      AtomicInteger drainedOn = new AtomicInteger();
      s.addHook(
          () -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.addCallback(
                () ->
                    loop.callLater(
                        Duration.ofMillis(20),
                        () -> {
                          drainedOn.set(loop.inLoopThread() ? 1 : -1);
                          done.complete(null);
                        }));
            return done;
          });
      s.trigger("SIGTERM");
      assertThat(get(status)).isZero();
      assertThat(drainedOn).hasValue(1);
      assertThat(exitThreads).hasSize(1).noneMatch(t -> t == loop.thread());
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void settings() {
    ShutdownSignals s = new ShutdownSignals(code -> {});
    assertThat(s.grace())
        .isEqualTo(ShutdownSignals.DEFAULT_GRACE)
        .isEqualTo(Duration.ofSeconds(30));
    s.setGrace(Duration.ofSeconds(5));
    assertThat(s.grace()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> s.setGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ShutdownSignals.global()).isSameAs(ShutdownSignals.global());
  }

  // ---- real signals, in a child JVM ----

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void sigtermDrainsThenExitsWithZero() throws Exception {
    Child child = Child.start("drain");
    try {
      child.awaitLine("ready");
      // Not Process.destroy(): it sends SIGTERM but also closes our end of the child's output.
      kill("-TERM", child.process.pid());
      child.awaitLine("draining");
      child.awaitLine("drained");
      assertThat(child.process.waitFor(LoopTesting.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process.exitValue()).isZero();
    } finally {
      child.process.destroyForcibly();
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aSecondSignalExitsTheProcessWithOne() throws Exception {
    Child child = Child.start("stuck");
    try {
      child.awaitLine("ready");
      kill("-INT", child.process.pid());
      child.awaitLine("draining");
      kill("-TERM", child.process.pid()); // while draining
      assertThat(child.process.waitFor(LoopTesting.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process.exitValue()).isEqualTo(1);
    } finally {
      child.process.destroyForcibly();
    }
  }

  private static void kill(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(LoopTesting.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** A child JVM running {@link ShutdownSignalsChild}, its output lines queued as they come. */
  private record Child(Process process, BlockingQueue<String> lines) {
    static Child start(String mode) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ShutdownSignalsChild.class.getName(),
                  mode)
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("<read failed: " + e + ">");
                }
              });
      return new Child(p, lines);
    }

    void awaitLine(String expected) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LoopTesting.WAIT_SECONDS);
      StringBuilder seen = new StringBuilder();
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("child never printed '" + expected + "'; output:\n" + seen);
        }
        if (line.equals(expected)) {
          return;
        }
        seen.append(line).append('\n');
      }
    }
  }
}
