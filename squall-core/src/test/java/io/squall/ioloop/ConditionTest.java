package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.delay;
import static io.squall.ioloop.LoopTesting.runSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private final IOLoop loop = new IOLoop("condition-test");
  private final List<Object> history = new ArrayList<>();

  @AfterEach
  void close() {
    loop.close();
  }

  /** Records the outcome of {@code wait}; the returned stage completes after the record. */
  private CompletableFuture<Boolean> record(CompletableFuture<Boolean> wait, Object name) {
    return wait.thenApply(
        notified -> {
          history.add(notified ? name : "timeout");
          return notified;
        });
  }

  @Test
  void notifyOneWakesTheLongestWaiting() {
    Condition c = new Condition();
    record(c.await(), "wait1");
    record(c.await(), "wait2");
    assertThat(c.toString()).contains("waiters 2");
    c.notifyOne();
    history.add("notify1");
    c.notifyOne();
    history.add("notify2");
    assertThat(history).containsExactly("wait1", "notify1", "wait2", "notify2");
    c.notifyOne(); // nobody waits: nothing happens
    assertThat(c.toString()).isEqualTo("Condition[]");
  }

  @Test
  void notifyNWakesNInOrder() {
    Condition c = new Condition();
    for (int i = 0; i < 6; i++) {
      record(c.await(), i);
    }
    c.notify(3);
    assertThat(history).containsExactly(0, 1, 2);
    c.notify(1);
    assertThat(history).containsExactly(0, 1, 2, 3);
    c.notify(0);
    assertThat(history).hasSize(4);
    c.notify(2);
    assertThat(history).containsExactly(0, 1, 2, 3, 4, 5);
    assertThatThrownBy(() -> c.notify(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notifyAllWakesEveryoneWaitingNow() {
    Condition c = new Condition();
    for (int i = 0; i < 4; i++) {
      record(c.await(), i);
    }
    // A woken waiter that waits again is not woken by the same notifyAllWaiters().
    List<CompletableFuture<Boolean>> again = new ArrayList<>();
    c.await().thenRun(() -> again.add(c.await()));
    c.notifyAllWaiters();
    history.add("notifyAll");
    assertThat(history).containsExactly(0, 1, 2, 3, "notifyAll");
    assertThat(again).hasSize(1);
    assertThat(again.get(0)).isNotDone();
    c.notifyAllWaiters();
    assertThat(again.get(0)).isCompletedWithValue(true);
  }

  @Test
  void awaitCompletesWithFalseOnTimeoutAndALateNotifyDoesNotChangeIt() throws Exception {
    Condition c = new Condition();
    boolean notified =
        runSync(
            loop,
            () -> {
              CompletableFuture<Boolean> wait = c.await(Duration.ofMillis(10));
              loop.callLater(Duration.ofMillis(20), c::notifyOne); // too late
              return delay(Duration.ofMillis(30)).thenCompose(v -> wait);
            });
    assertThat(notified).isFalse();
    assertThat(c.waitersHeld()).isZero();
  }

  @Test
  void aNotifyBeforeTheTimeoutWins() throws Exception {
    Condition c = new Condition();
    boolean notified =
        runSync(
            loop,
            () -> {
              loop.callLater(Duration.ofMillis(1), c::notifyOne);
              CompletableFuture<Boolean> wait = c.await(Duration.ofMillis(20));
              return delay(Duration.ofMillis(30)).thenCompose(v -> wait);
            });
    assertThat(notified).isTrue();
  }

  @Test
  void aZeroTimeoutReturnsFalseAtOnce() {
    Condition c = new Condition();
    assertThat(c.await(Duration.ZERO)).isCompletedWithValue(false);
    assertThat(c.waitersHeld()).isZero();
  }

  @Test
  void timedOutWaitersDoNotCountAgainstN() throws Exception {
    Condition c = new Condition();
    runSync(
        loop,
        () -> {
          record(c.await(), 0);
          CompletableFuture<Boolean> timed = record(c.await(Duration.ofMillis(5)), 1);
          record(c.await(), 2);
          record(c.await(), 3);
          return timed.thenApply(
              v -> {
                assertThat(history).containsExactly("timeout");
                c.notify(2);
                assertThat(history).containsExactly("timeout", 0, 2);
                c.notifyOne();
                assertThat(history).containsExactly("timeout", 0, 2, 3);
                return v;
              });
        });
  }

  @Test
  void cancelledWaitersDoNotCountAgainstN() {
    Condition c = new Condition();
    c.await().cancel(false);
    record(c.await(), 1);
    c.await().cancel(false);
    record(c.await(), 3);
    c.notify(2);
    assertThat(history).containsExactly(1, 3);
  }

  @Test
  void aWaiterMayNotifyFromItsContinuation() {
    Condition c = new Condition();
    List<CompletableFuture<Boolean>> waits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waits.add(c.await());
    }
    waits.get(1).thenRun(c::notifyOne);
    c.notify(2);
    assertThat(waits).allMatch(CompletableFuture::isDone);
  }

  @Test
  void timedOutWaitersAreGarbageCollected() throws Exception {
    Condition c = new Condition();
    List<Object> result =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Boolean>> timed = new ArrayList<>();
              for (int i = 0; i < 101; i++) {
                timed.add(c.await(Duration.ofMillis(5)));
              }
              CompletableFuture<Boolean> live = c.await();
              int before = c.waitersHeld();
              return CompletableFuture.allOf(timed.toArray(new CompletableFuture<?>[0]))
                  .thenApply(
                      v -> {
                        c.await(); // compacts
                        int after = c.waitersHeld();
                        c.notifyOne();
                        return List.of(before, after, live.getNow(null));
                      });
            });
    assertThat(result).containsExactly(102, 2, true);
  }
}
