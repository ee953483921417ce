package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.runSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockTest {
  private final IOLoop loop = new IOLoop("lock-test");

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void acquireAndRelease() {
    Lock lock = new Lock();
    assertThat(lock.isLocked()).isFalse();
    CompletableFuture<Releaser> first = lock.acquire();
    assertThat(first).isDone();
    assertThat(lock.isLocked()).isTrue();
    CompletableFuture<Releaser> second = lock.acquire();
    assertThat(second).isNotDone();
    lock.release();
    assertThat(second).isDone();
    assertThat(lock.isLocked()).isTrue();
    second.join().release();
    assertThat(lock.isLocked()).isFalse();
    assertThat(lock.toString()).contains("unlocked");
  }

  @Test
  void waitersGetTheLockFirstComeFirstServed() {
    Lock lock = new Lock();
    Releaser held = lock.acquire().join();
    List<Integer> history = new ArrayList<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      all.add(
          lock.acquire()
              .thenAccept(
                  r -> {
                    try (r) {
                      history.add(n);
                    }
                  }));
    }
    assertThat(all).noneMatch(CompletableFuture::isDone);
    held.release();
    assertThat(all).allMatch(CompletableFuture::isDone);
    assertThat(history).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  void releasingAnUnlockedLockIsAnError() {
    Lock lock = new Lock();
    assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
    lock.acquire();
    lock.release();
    assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReleaserReleasesOnlyOnce() {
    Lock lock = new Lock();
    Releaser held = lock.acquire().join();
    CompletableFuture<Releaser> next = lock.acquire();
    held.release();
    held.release(); // no second release: "next" keeps the lock
    held.close();
    assertThat(next).isDone();
    assertThat(lock.isLocked()).isTrue();
    CompletableFuture<Releaser> third = lock.acquire();
    assertThat(third).isNotDone();
  }

  @Test
  void acquireTimesOutWithTimeoutExceptionAndDoesNotTakeTheLockLater() throws Exception {
    Lock lock = new Lock();
    Throwable error =
        runSync(
            loop,
            () -> {
              Releaser held = lock.acquire().join();
              return lock.acquire(Duration.ofMillis(10))
                  .handle((r, e) -> e)
                  .whenComplete((e, x) -> held.release());
            });
    assertThat(error).isInstanceOf(TimeoutException.class);
    assertThat(lock.isLocked()).isFalse(); // the timed-out waiter did not get it
    assertThat(lock.waitersHeld()).isZero();
  }

  @Test
  void aZeroTimeoutDoesNotWait() {
    Lock lock = new Lock();
    assertThat(lock.acquire(Duration.ZERO)).isDone();
    CompletableFuture<Releaser> f = lock.acquire(Duration.ZERO);
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(TimeoutException.class);
    assertThat(lock.waitersHeld()).isZero();
  }

  @Test
  void aCancelledWaiterIsSkipped() {
    Lock lock = new Lock();
    Releaser held = lock.acquire().join();
    CompletableFuture<Releaser> cancelled = lock.acquire();
    CompletableFuture<Releaser> next = lock.acquire();
    cancelled.cancel(false);
    held.release();
    assertThat(next).isDone();
    assertThatThrownBy(cancelled::join)
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    next.join().release();
    assertThat(lock.isLocked()).isFalse();
  }

  @Test
  void theWinnerOfAPreemptedTimeoutKeepsTheLock() throws Exception {
    Lock lock = new Lock();
    boolean stillLocked =
        runSync(
            loop,
            () -> {
              Releaser held = lock.acquire().join();
              CompletableFuture<Releaser> waiter = lock.acquire(Duration.ofMillis(20));
              loop.callLater(Duration.ofMillis(1), held::release);
              // Past the timeout: the waiter got the lock before it, so nothing changes.
              return waiter.thenCompose(
                  r -> LoopTesting.delay(Duration.ofMillis(40)).thenApply(v -> lock.isLocked()));
            });
    assertThat(stillLocked).isTrue();
  }

  @Test
  void timedOutWaitersDoNotAccumulate() throws Exception {
    Lock lock = new Lock();
    int held =
        runSync(
            loop,
            () -> {
              lock.acquire();
              List<CompletableFuture<Releaser>> timed = new ArrayList<>();
              for (int i = 0; i < 1000; i++) {
                timed.add(lock.acquire(Duration.ofMillis(1)));
              }
              return CompletableFuture.allOf(timed.toArray(new CompletableFuture<?>[0]))
                  .handle((v, e) -> null)
                  .thenApply(
                      v -> {
                        lock.acquire(); // one more live waiter; dead ones are dropped
                        return lock.waitersHeld();
                      });
            });
    assertThat(held).isLessThanOrEqualTo(2);
  }

  @Test
  void aWaiterThatReleasesInItsContinuationPassesTheLockOn() {
    Lock lock = new Lock();
    Releaser held = lock.acquire().join();
    List<String> order = new ArrayList<>();
    lock.acquire()
        .thenAccept(
            r -> {
              order.add("a");
              r.release();
            });
    CompletableFuture<Releaser> b = lock.acquire();
    b.thenRun(() -> order.add("b"));
    held.release();
    assertThat(order).containsExactly("a", "b");
    assertThat(lock.isLocked()).isTrue();
  }
}
