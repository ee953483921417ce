package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.delay;
import static io.squall.ioloop.LoopTesting.runSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SemaphoreTest {
  private final IOLoop loop = new IOLoop("semaphore-test");

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void aNegativeInitialValueIsRefused() {
    assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedSemaphore(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acquireWaitsOnlyWhenNoPermitIsLeft() {
    Semaphore sem = new Semaphore(2);
    CompletableFuture<Releaser> f0 = sem.acquire();
    CompletableFuture<Releaser> f1 = sem.acquire();
    assertThat(f0).isDone();
    assertThat(f1).isDone();
    assertThat(sem.value()).isZero();
    CompletableFuture<Releaser> f2 = sem.acquire();
    CompletableFuture<Releaser> f3 = sem.acquire();
    assertThat(f2).isNotDone();
    assertThat(sem.toString()).contains("locked").contains("waiters");
    sem.release();
    assertThat(f2).isDone();
    assertThat(f3).isNotDone();
    f0.join().release();
    assertThat(f3).isDone();
    assertThat(sem.value()).isZero();
    // Nobody waits: releases raise the count again.
    f1.join().release();
    f2.join().release();
    assertThat(sem.value()).isEqualTo(2);
    assertThat(sem.acquire()).isDone();
    assertThat(sem.waitersHeld()).isZero();
  }

  @Test
  void releasesWithoutAcquireRaiseTheCount() {
    Semaphore sem = new Semaphore();
    sem.release();
    sem.release();
    assertThat(sem.value()).isEqualTo(3);
    assertThat(sem.acquire()).isDone();
    assertThat(sem.acquire()).isDone();
    assertThat(sem.acquire()).isDone();
    assertThat(sem.acquire()).isNotDone();
  }

  @Test
  void boundedSemaphoreRefusesToGoAboveItsInitialValue() {
    BoundedSemaphore sem = new BoundedSemaphore(2);
    assertThatThrownBy(sem::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("too many");
    Releaser a = sem.acquire().join();
    CompletableFuture<Releaser> b = sem.acquire();
    CompletableFuture<Releaser> c = sem.acquire();
    assertThat(c).isNotDone();
    a.release(); // hands the permit to c
    assertThat(c).isDone();
    b.join().release();
    c.join().release();
    assertThat(sem.value()).isEqualTo(2);
    assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
    assertThat(sem.value()).isEqualTo(2);
  }

  @Test
  void acquireTimesOutAndALaterReleaseGoesToTheNextLiveWaiter() throws Exception {
    Semaphore sem = new Semaphore(2);
    List<Object> result =
        runSync(
            loop,
            () -> {
              sem.acquire();
              sem.acquire();
              CompletableFuture<Releaser> timed = sem.acquire(Duration.ofMillis(10));
              CompletableFuture<Releaser> patient = sem.acquire();
              return timed
                  .handle((r, e) -> e)
                  .thenApply(
                      e -> {
                        sem.release();
                        return List.of(e, patient.isDone(), sem.value());
                      });
            });
    assertThat(result.get(0)).isInstanceOf(TimeoutException.class);
    assertThat(result.get(1)).isEqualTo(true);
    assertThat(result.get(2)).isEqualTo(0);
  }

  @Test
  void aReleaseBeforeTheTimeoutWins() throws Exception {
    Semaphore sem = new Semaphore(1);
    Releaser r =
        runSync(
            loop,
            () -> {
              sem.acquire();
              loop.callLater(Duration.ofMillis(1), sem::release);
              CompletableFuture<Releaser> acquire = sem.acquire(Duration.ofMillis(30));
              // Wait past the timeout: the acquire must still be a success.
              return delay(Duration.ofMillis(50)).thenCompose(v -> acquire);
            });
    assertThat(r).isNotNull();
    assertThat(sem.value()).isZero();
  }

  @Test
  void aZeroTimeoutDoesNotWait() {
    Semaphore sem = new Semaphore(0);
    CompletableFuture<Releaser> f = sem.acquire(Duration.ZERO);
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(TimeoutException.class);
    assertThat(sem.acquire(Duration.ofMillis(-5))).isCompletedExceptionally();
    assertThat(sem.waitersHeld()).isZero();
  }

  @Test
  void cancelledOrExternallyCompletedWaitersGetNoPermit() {
    Semaphore sem = new Semaphore(0);
    CompletableFuture<Releaser> cancelled = sem.acquire();
    CompletableFuture<Releaser> completedByOwner = sem.acquire();
    CompletableFuture<Releaser> live = sem.acquire();
    cancelled.cancel(true);
    completedByOwner.complete(null);
    sem.release();
    assertThat(live).isDone();
    assertThat(sem.value()).isZero();
    assertThatThrownBy(cancelled::join).isInstanceOf(CancellationException.class);
    sem.release();
    assertThat(sem.value()).isEqualTo(1);
  }

  @Test
  void timedOutWaitersAreGarbageCollected() throws Exception {
    Semaphore sem = new Semaphore(0);
    List<Object> result =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Releaser>> timed = new ArrayList<>();
              for (int i = 0; i < 101; i++) {
                timed.add(sem.acquire(Duration.ofMillis(5)));
              }
              CompletableFuture<Releaser> live = sem.acquire();
              int before = sem.waitersHeld();
              return CompletableFuture.allOf(timed.toArray(new CompletableFuture<?>[0]))
                  .handle((v, e) -> null)
                  .thenApply(
                      v -> {
                        CompletableFuture<Releaser> another = sem.acquire(); // compacts
                        int after = sem.waitersHeld();
                        sem.release();
                        return List.of(
                            before,
                            after,
                            live.isDone(),
                            another.isDone(),
                            timed.stream().allMatch(f -> f.isCompletedExceptionally()));
                      });
            });
    assertThat(result).containsExactly(102, 2, true, false, true);
  }

  @Test
  void aWaiterMayReleaseInItsContinuation() {
    Semaphore sem = new Semaphore(1);
    Releaser held = sem.acquire().join();
    List<String> order = new ArrayList<>();
    sem.acquire()
        .thenAccept(
            r -> {
              order.add("a");
              r.release();
              order.add("a released");
            });
    sem.acquire().thenRun(() -> order.add("b"));
    held.release();
    assertThat(order).containsExactly("a", "b", "a released");
    assertThat(sem.value()).isZero();
  }

  @Test
  void noMoreThanNTasksHoldPermitsAtOnce() throws Exception {
    Semaphore sem = new Semaphore(3);
    Random random = new Random(7);
    int[] active = {0};
    int[] maxActive = {0};
    int[] done = {0};
    runSync(
        loop,
        () -> {
          List<CompletableFuture<Void>> tasks = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            int work = random.nextInt(3);
            tasks.add(
                sem.acquire()
                    .thenCompose(
                        permit -> {
                          active[0]++;
                          maxActive[0] = Math.max(maxActive[0], active[0]);
                          return delay(Duration.ofMillis(work))
                              .whenComplete(
                                  (v, e) -> {
                                    active[0]--;
                                    done[0]++;
                                    permit.release();
                                  });
                        }));
          }
          return CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0]));
        });
    assertThat(done[0]).isEqualTo(100);
    assertThat(maxActive[0]).isEqualTo(3);
    assertThat(sem.value()).isEqualTo(3);
  }
}
