package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.delay;
import static io.squall.ioloop.LoopTesting.runSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueTest {
  private final IOLoop loop = new IOLoop("queue-test");

  @AfterEach
  void close() {
    loop.close();
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    return f.handle((v, e) -> e).join();
  }

  // ---- basics ----

  @Test
  void itemsComeOutInTheOrderTheyWentIn() {
    Queue<Integer> q = new Queue<>();
    for (int i : new int[] {1, 3, 2}) {
      q.putNowait(i);
    }
    assertThat(List.of(q.getNowait(), q.getNowait(), q.getNowait())).containsExactly(1, 3, 2);
  }

  @Test
  void maxsizeBoundsTheQueue() {
    assertThatThrownBy(() -> new Queue<Integer>(-1)).isInstanceOf(IllegalArgumentException.class);
    Queue<Integer> q = new Queue<>(2);
    assertThat(q.maxsize()).isEqualTo(2);
    assertThat(q.empty()).isTrue();
    assertThat(q.full()).isFalse();
    assertThat(q.put(0)).isDone();
    assertThat(q.put(1)).isDone();
    assertThat(q.empty()).isFalse();
    assertThat(q.full()).isTrue();
    assertThat(q.qsize()).isEqualTo(2);
    CompletableFuture<Void> put2 = q.put(2);
    assertThat(put2).isNotDone();
    assertThat(q.toString()).contains("putters=1").contains("tasks=2");
    assertThat(q.get()).isCompletedWithValue(0); // makes room
    assertThat(put2).isDone();
    assertThat(q.full()).isTrue();
    assertThat(q.getNowait()).isEqualTo(1);
    assertThat(q.getNowait()).isEqualTo(2);
  }

  @Test
  void anUnboundedQueueIsNeverFull() {
    Queue<Integer> q = new Queue<>();
    for (int i = 0; i < 10_000; i++) {
      q.putNowait(i);
    }
    assertThat(q.full()).isFalse();
    assertThat(q.maxsize()).isZero();
    assertThat(q.qsize()).isEqualTo(10_000);
  }

  @Test
  void nowaitVariantsThrowTypedExceptions() {
    Queue<Integer> q = new Queue<>(1);
    assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmpty.class);
    q.putNowait(0);
    assertThatThrownBy(() -> q.putNowait(1)).isInstanceOf(QueueFull.class);
    assertThat(q.getNowait()).isZero();
  }

  @Test
  void nullItemsAreRefused() {
    Queue<String> q = new Queue<>();
    assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- get ----

  @Test
  void getWithWaitingPuttersLetsTheFirstPutterIn() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(0);
    CompletableFuture<Void> put = q.put(1);
    assertThat(q.get()).isCompletedWithValue(0);
    assertThat(put).isDone();
    assertThat(q.getNowait()).isEqualTo(1);
  }

  @Test
  void getWaitsForItemsPutLater() throws Exception {
    Queue<Integer> q = new Queue<>();
    List<Integer> got =
        runSync(
            loop,
            () -> {
              q.put(0);
              loop.callLater(Duration.ofMillis(2), () -> q.putNowait(1));
              loop.callLater(Duration.ofMillis(4), () -> q.putNowait(2));
              List<Integer> out = new ArrayList<>();
              return q.get(Duration.ofSeconds(5))
                  .thenCompose(
                      v -> {
                        out.add(v);
                        return q.get(Duration.ofSeconds(5));
                      })
                  .thenCompose(
                      v -> {
                        out.add(v);
                        return q.get();
                      })
                  .thenApply(
                      v -> {
                        out.add(v);
                        return out;
                      });
            });
    assertThat(got).containsExactly(0, 1, 2);
  }

  @Test
  void aTimedOutGetterTakesNothingAndTheNextOneGetsTheItem() throws Exception {
    Queue<Integer> q = new Queue<>();
    List<Object> result =
        runSync(
            loop,
            () -> {
              CompletableFuture<Integer> timed = q.get(Duration.ofMillis(5));
              CompletableFuture<Integer> patient = q.get();
              return timed
                  .handle((v, e) -> e)
                  .thenApply(
                      e -> {
                        q.putNowait(0);
                        return List.of(e, patient.getNow(-1), q.qsize());
                      });
            });
    assertThat(result.get(0)).isInstanceOf(TimeoutException.class);
    assertThat(result.subList(1, 3)).containsExactly(0, 0);
  }

  @Test
  void aZeroTimeoutGetFailsAtOnceWhenEmpty() {
    Queue<Integer> q = new Queue<>();
    assertThat(failure(q.get(Duration.ZERO))).isInstanceOf(TimeoutException.class);
    assertThat(q.waitersHeld()).isZero();
    q.putNowait(1);
    assertThat(q.get(Duration.ZERO)).isCompletedWithValue(1);
  }

  @Test
  void aPutBeforeTheGetTimeoutWins() throws Exception {
    Queue<Integer> q = new Queue<>();
    int v =
        runSync(
            loop,
            () -> {
              CompletableFuture<Integer> get = q.get(Duration.ofMillis(10));
              q.put(0);
              return delay(Duration.ofMillis(20)).thenCompose(x -> get);
            });
    assertThat(v).isZero();
  }

  @Test
  void getSkipsTimedOutPutters() throws Exception {
    Queue<Integer> q = new Queue<>(1);
    List<Object> result =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Void>> putters = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                putters.add(q.put(i, Duration.ofMillis(5))); // the first gets in, 9 wait
              }
              CompletableFuture<Void> put = q.put(10);
              int held = q.waitersHeld();
              return CompletableFuture.allOf(
                      putters.subList(1, 10).toArray(new CompletableFuture<?>[0]))
                  .handle((v, e) -> null)
                  .thenApply(
                      v -> {
                        boolean putDoneBefore = put.isDone();
                        int first = q.getNowait();
                        return List.of(
                            held,
                            putDoneBefore,
                            first,
                            put.isDone(),
                            q.getNowait(),
                            putters.subList(1, 10).stream()
                                .allMatch(f -> failure(f) instanceof TimeoutException));
                      });
            });
    // Items 1..9 were never added: after 0 comes 10.
    assertThat(result).containsExactly(10, false, 0, true, 10, true);
  }

  @Test
  void putsSkipTimedOutGetters() throws Exception {
    Queue<Integer> q = new Queue<>();
    List<Object> result =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Integer>> getters = new ArrayList<>();
              for (int i = 0; i < 10; i++) {
                getters.add(q.get(Duration.ofMillis(5)));
              }
              CompletableFuture<Integer> get = q.get();
              return CompletableFuture.allOf(getters.toArray(new CompletableFuture<?>[0]))
                  .handle((v, e) -> null)
                  .thenApply(
                      v -> {
                        boolean before = get.isDone();
                        q.putNowait(0);
                        return List.of(before, get.getNow(-1), q.qsize(), q.waitersHeld());
                      });
            });
    assertThat(result).containsExactly(false, 0, 0, 0);
  }

  // ---- put ----

  @Test
  void putHandsItemsToWaitingGettersInOrder() {
    Queue<Integer> q = new Queue<>();
    CompletableFuture<Integer> get0 = q.get();
    CompletableFuture<Integer> get1 = q.get();
    assertThat(q.toString()).contains("getters=2");
    assertThat(q.put(0)).isDone();
    assertThat(get0).isCompletedWithValue(0);
    assertThat(get1).isNotDone();
    q.putNowait(1);
    assertThat(get1).isCompletedWithValue(1);
    assertThat(q.empty()).isTrue();
  }

  @Test
  void putsWaitForRoom() throws Exception {
    Queue<Integer> q = new Queue<>(1);
    List<Integer> seen =
        runSync(
            loop,
            () -> {
              q.putNowait(0);
              List<Integer> got = new ArrayList<>();
              loop.callLater(Duration.ofMillis(2), () -> got.add(q.getNowait()));
              loop.callLater(Duration.ofMillis(4), () -> got.add(q.getNowait()));
              CompletableFuture<Void> p1 = q.put(1);
              CompletableFuture<Void> p2 = q.put(2);
              assertThat(p1).isNotDone();
              assertThat(p2).isNotDone();
              // p2 completes inside the second getNowait(), before that caller records its item:
              // read the last one on a later loop iteration.
              return CompletableFuture.allOf(p1, p2)
                  .thenApplyAsync(
                      v -> {
                        got.add(q.getNowait());
                        return got;
                      },
                      loop);
            });
    assertThat(seen).containsExactly(0, 1, 2);
  }

  @Test
  void aTimedOutPutNeverAddsItsItem() throws Exception {
    Queue<Integer> q = new Queue<>(1);
    List<Object> result =
        runSync(
            loop,
            () -> {
              q.putNowait(0);
              CompletableFuture<Void> timed = q.put(1, Duration.ofMillis(5));
              CompletableFuture<Void> put = q.put(2);
              return timed
                  .handle((v, e) -> e)
                  .thenApply(e -> List.of(e, q.getNowait(), q.getNowait(), put.isDone()));
            });
    assertThat(result.get(0)).isInstanceOf(TimeoutException.class);
    assertThat(result.subList(1, 4)).containsExactly(0, 2, true);
  }

  @Test
  void aZeroTimeoutPutFailsAtOnceWhenFull() {
    Queue<Integer> q = new Queue<>(1);
    assertThat(q.put(0, Duration.ZERO)).isDone();
    assertThat(failure(q.put(1, Duration.ZERO))).isInstanceOf(TimeoutException.class);
    assertThat(q.qsize()).isEqualTo(1);
  }

  @Test
  void aGetBeforeThePutTimeoutWins() throws Exception {
    Queue<Integer> q = new Queue<>(1);
    runSync(
        loop,
        () -> {
          q.putNowait(0);
          CompletableFuture<Void> put = q.put(1, Duration.ofMillis(10));
          q.get();
          return delay(Duration.ofMillis(20)).thenCompose(v -> put);
        });
    assertThat(q.getNowait()).isEqualTo(1);
  }

  // ---- cancelled waiters ----

  @Test
  void aCancelledGetterLosesNoItem() {
    Queue<Integer> q = new Queue<>();
    CompletableFuture<Integer> cancelled = q.get();
    CompletableFuture<Integer> completedByOwner = q.get();
    CompletableFuture<Integer> live = q.get();
    cancelled.cancel(false);
    completedByOwner.complete(99);
    q.putNowait(1);
    q.putNowait(2);
    assertThat(live).isCompletedWithValue(1);
    assertThat(q.getNowait()).isEqualTo(2);
    assertThat(q.waitersHeld()).isZero();
  }

  @Test
  void aCancelledPutterAddsNothing() {
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(0);
    CompletableFuture<Void> cancelled = q.put(1);
    CompletableFuture<Void> live = q.put(2);
    cancelled.cancel(false);
    assertThat(q.getNowait()).isZero();
    assertThat(live).isDone();
    assertThat(q.getNowait()).isEqualTo(2);
    assertThat(q.empty()).isTrue();
    // Only items that got in count as tasks: 0 and 2.
    q.taskDone();
    q.taskDone();
    assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void timedOutWaitersDoNotAccumulate() throws Exception {
    Queue<Integer> q = new Queue<>();
    int held =
        runSync(
            loop,
            () -> {
              List<CompletableFuture<Integer>> timed = new ArrayList<>();
              for (int i = 0; i < 1000; i++) {
                timed.add(q.get(Duration.ofMillis(1)));
              }
              return CompletableFuture.allOf(timed.toArray(new CompletableFuture<?>[0]))
                  .handle((v, e) -> null)
                  .thenApply(
                      v -> {
                        q.get();
                        return q.waitersHeld();
                      });
            });
    assertThat(held).isEqualTo(1);
  }

  // ---- taskDone / join ----

  @Test
  void taskDoneMoreOftenThanPutIsAnError() {
    Queue<Integer> q = new Queue<>();
    assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void joinWaitsForTaskDoneNotForGet() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(0);
    CompletableFuture<Void> join = q.join();
    assertThat(join).isNotDone();
    q.getNowait();
    assertThat(join).isNotDone();
    q.taskDone();
    assertThat(join).isDone();
  }

  @Test
  void joinOnAnEmptyQueueCompletesAtOnce() {
    Queue<Integer> q = new Queue<>();
    assertThat(q.join()).isDone();
    assertThat(q.join()).isDone();
  }

  @Test
  void joinTimesOut() throws Exception {
    Queue<Integer> q = new Queue<>();
    q.putNowait(0);
    Throwable e = runSync(loop, () -> q.join(Duration.ofMillis(5)).handle((v, x) -> x));
    assertThat(e).isInstanceOf(TimeoutException.class);
  }

  @Test
  void anItemHandedToAGetterCountsAsATask() {
    Queue<Integer> q = new Queue<>();
    List<Boolean> joinDoneInContinuation = new ArrayList<>();
    q.get()
        .thenAccept(
            v -> {
              // The getter's continuation sees the task as unfinished until it says otherwise.
              joinDoneInContinuation.add(q.join().isDone());
              q.taskDone();
              joinDoneInContinuation.add(q.join().isDone());
            });
    q.putNowait(7);
    assertThat(joinDoneInContinuation).containsExactly(false, true);
    assertThat(q.join()).isDone();
  }

  @Test
  void workersShareTheItemsAndJoinCompletesWhenAllAreDone() throws Exception {
    Queue<Integer> q = new Queue<>(5);
    Random random = new Random(3);
    long[] sum = {0};
    int[] processed = {0};
    runSync(
        loop,
        () -> {
          Runnable[] worker = new Runnable[1];
          worker[0] =
              () ->
                  q.get()
                      .thenCompose(
                          item ->
                              delay(Duration.ofMillis(random.nextInt(2)))
                                  .thenRun(
                                      () -> {
                                        sum[0] += item;
                                        processed[0]++;
                                        q.taskDone();
                                        loop.addCallback(worker[0]);
                                      }));
          for (int w = 0; w < 3; w++) {
            worker[0].run();
          }
          CompletableFuture<Void> produced = CompletableFuture.completedFuture(null);
          for (int i = 0; i < 200; i++) {
            int item = i;
            produced = produced.thenCompose(v -> q.put(item));
          }
          return produced.thenCompose(v -> q.join());
        });
    assertThat(processed[0]).isEqualTo(200);
    assertThat(sum[0]).isEqualTo(199L * 200 / 2);
  }
}
