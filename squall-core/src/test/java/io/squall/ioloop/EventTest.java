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

class EventTest {
  private final IOLoop loop = new IOLoop("event-test");

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void setWakesEveryWaiterAndLaterWaitsDoNotWaitUntilCleared() {
    Event e = new Event();
    assertThat(e.isSet()).isFalse();
    assertThat(e.toString()).contains("clear");
    CompletableFuture<Void> f0 = e.await();
    CompletableFuture<Void> f1 = e.await();
    assertThat(f0).isNotDone();
    e.set();
    assertThat(e.isSet()).isTrue();
    assertThat(e.toString()).contains("set");
    assertThat(f0).isDone();
    assertThat(f1).isDone();
    assertThat(e.await()).isDone();
    e.set(); // again: harmless
    e.clear();
    CompletableFuture<Void> f2 = e.await();
    assertThat(f2).isNotDone();
    e.set();
    assertThat(f2).isDone();
    assertThat(e.waitersHeld()).isZero();
  }

  @Test
  void awaitTimesOutWithTimeoutException() throws Exception {
    Event e = new Event();
    Throwable error = runSync(loop, () -> e.await(Duration.ofMillis(10)).handle((v, x) -> x));
    assertThat(error).isInstanceOf(TimeoutException.class);
    assertThat(e.waitersHeld()).isEqualTo(1); // dead, dropped by the next set() or compaction
    e.set();
    assertThat(e.waitersHeld()).isZero();
    e.clear();
    CompletableFuture<Void> late =
        runSync(
            loop,
            () -> {
              CompletableFuture<Void> w = e.await(Duration.ofSeconds(5));
              loop.callLater(Duration.ofMillis(5), e::set);
              return w.thenApply(v -> w);
            });
    assertThat(late).isDone().isNotCompletedExceptionally();
  }

  @Test
  void aZeroTimeoutDoesNotWait() {
    Event e = new Event();
    assertThat(e.await(Duration.ZERO)).isCompletedExceptionally();
    e.set();
    assertThat(e.await(Duration.ZERO)).isDone().isNotCompletedExceptionally();
  }

  @Test
  void aWaiterThatClearsAndWaitsAgainIsNotWokenBySameSet() {
    Event e = new Event();
    List<CompletableFuture<Void>> second = new ArrayList<>();
    e.await()
        .thenRun(
            () -> {
              e.clear();
              second.add(e.await());
            });
    CompletableFuture<Void> other = e.await();
    e.set();
    assertThat(other).isDone(); // every waiter of that set() is woken, despite the clear()
    assertThat(second).hasSize(1);
    assertThat(second.get(0)).isNotDone();
    e.set();
    assertThat(second.get(0)).isDone();
  }

  @Test
  void cancelledAndTimedOutWaitersDoNotAccumulate() throws Exception {
    Event e = new Event();
    int held =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Void>> waits = new ArrayList<>();
              for (int i = 0; i < 500; i++) {
                waits.add(e.await(Duration.ofMillis(1)));
              }
              for (int i = 0; i < 500; i++) {
                e.await().cancel(false);
              }
              return CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]))
                  .handle((v, x) -> null)
                  .thenApply(
                      v -> {
                        e.await();
                        return e.waitersHeld();
                      });
            });
    assertThat(held).isEqualTo(1);
    assertThatThrownBy(() -> e.await(Duration.ZERO).join())
        .hasCauseInstanceOf(TimeoutException.class);
  }
}
