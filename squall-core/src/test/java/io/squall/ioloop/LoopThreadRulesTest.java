package io.squall.ioloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.tcp.TcpClient;
import io.squall.websocket.WebSocketClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The rule for loop-bound work off a loop thread: a virtual thread (as a {@code @Blocking}
 * handler's) or an executor thread gets a clear IllegalStateException instead of a loop that never
 * runs; work handed to a closed loop fails visibly, and waiters fail when their loop closes.
 */
class LoopThreadRulesTest {
  private static final Duration T = Duration.ofSeconds(5);
  private IOLoop loop;

  @AfterEach
  void tearDown() {
    if (loop != null) {
      loop.close(true);
    }
  }

  /** Runs {@code action} on a fresh virtual thread and returns what it threw (or null). */
  private static Throwable onVirtualThread(ThrowingSupplier<?> action) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<IOLoop> leftBehind = new AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    action.get();
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                  leftBehind.set(IOLoop.currentOrNull());
                });
    assertThat(t.join(T)).as("virtual thread finished").isTrue();
    assertThat(leftBehind.get()).as("no loop (and no Selector) left on the thread").isNull();
    return thrown.get();
  }

  private static void assertNoLoopError(Throwable e) {
    assertThat(e)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no IOLoop is current")
        .hasMessageContaining("virtual thread");
  }

  @Test
  void currentOnAVirtualThreadFailsInsteadOfMakingADeadLoop() throws Exception {
    assertNoLoopError(onVirtualThread(IOLoop::current));
  }

  @Test
  void currentOnAPlatformThreadOtherThanMainFails() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .name("some-executor")
            .start(
                () -> {
                  try {
                    IOLoop.current();
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
    t.join(T.toMillis());
    assertThat(thrown.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'some-executor'");
  }

  @Test
  void timedWaitsOfEveryPrimitiveFailOnAVirtualThreadAndQueueNothing() throws Exception {
    Queue<String> q = new Queue<>(1);
    Lock lock = new Lock();
    Semaphore sem = new Semaphore(0);
    Event event = new Event();
    Condition cond = new Condition();
    lock.acquire(); // held, so a second acquire must wait
    q.putNowait("full");
    assertNoLoopError(onVirtualThread(() -> lock.acquire(T)));
    assertNoLoopError(onVirtualThread(() -> sem.acquire(T)));
    assertNoLoopError(onVirtualThread(() -> event.await(T)));
    assertNoLoopError(onVirtualThread(() -> cond.await(T)));
    assertNoLoopError(onVirtualThread(() -> q.put("x", T)));
    Queue<String> empty = new Queue<>();
    assertNoLoopError(onVirtualThread(() -> empty.get(T)));
    // nothing was queued by the failed calls: the queue hands its item to no phantom getter
    empty.putNowait("item");
    assertThat(empty.getNowait()).isEqualTo("item");
    assertThat(q.waitersHeld() + empty.waitersHeld()).isZero();
    assertThat(sem.waitersHeld()).isZero();
  }

  @Test
  void clientsAndPeriodicCallbacksFailOnAVirtualThread() throws Exception {
    assertNoLoopError(onVirtualThread(() -> TcpClient.connect("127.0.0.1", 9, T)));
    assertNoLoopError(onVirtualThread(() -> WebSocketClient.connect("ws://127.0.0.1:9/")));
    PeriodicCallback pc = new PeriodicCallback(() -> {}, Duration.ofMillis(10));
    assertNoLoopError(
        onVirtualThread(
            () -> {
              pc.start();
              return null;
            }));
    assertThat(pc.isRunning()).isFalse();
  }

  @Test
  void addingToAClosedLoopFailsVisibly() {
    loop = new IOLoop("closing");
    loop.close();
    assertThatThrownBy(() -> loop.addCallback(() -> {}))
        .isInstanceOf(LoopClosedException.class)
        .hasMessageContaining("closing");
    assertThatThrownBy(() -> loop.callLater(Duration.ofMillis(1), () -> {}))
        .isInstanceOf(LoopClosedException.class);
  }

  @Test
  void waitersFailWhenTheirLoopCloses() throws Exception {
    loop = IOLoop.startOnNewThread("waiting");
    Queue<String> q = new Queue<>();
    Event event = new Event();
    Lock lock = new Lock();
    CompletableFuture<String> getter = LoopTesting.onLoop(loop, q::get);
    CompletableFuture<Void> timedGetter =
        LoopTesting.onLoop(loop, () -> event.await(Duration.ofHours(1)));
    CompletableFuture<Releaser> second =
        LoopTesting.onLoop(
            loop,
            () -> {
              lock.acquire();
              return lock.acquire();
            });
    CompletableFuture<Void> sleeping =
        LoopTesting.onLoop(loop, () -> Gen.sleep(Duration.ofHours(1)));
    loop.close(true);
    for (CompletableFuture<?> f : java.util.List.of(getter, timedGetter, second, sleeping)) {
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(LoopClosedException.class);
    }
  }

  @Test
  void executorResultForAClosedLoopFailsTheFutureInsteadOfVanishing() throws Exception {
    loop = IOLoop.startOnNewThread("exec");
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<String> result =
        LoopTesting.onLoop(
            loop,
            () ->
                loop.runInExecutor(
                    () -> {
                      release.get(5, TimeUnit.SECONDS);
                      return "late";
                    }));
    loop.close(true);
    release.complete(null);
    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(LoopClosedException.class);
  }

  @Test
  void failOnCloseAfterCloseFailsAtOnceAndCompletedFuturesAreLeftAlone() {
    loop = new IOLoop("late");
    CompletableFuture<String> done = CompletableFuture.completedFuture("ok");
    loop.close();
    assertThat(loop.failOnClose(done).join()).isEqualTo("ok");
    assertThat(loop.failOnClose(new CompletableFuture<>())).isCompletedExceptionally();
  }
}
