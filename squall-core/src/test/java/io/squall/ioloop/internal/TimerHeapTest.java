package io.squall.ioloop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
  private final TimerHeap heap = new TimerHeap();

  @Test
  void pollsByDeadlineThenCreationOrder() {
    List<String> ran = new ArrayList<>();
    heap.add(heap.newEntry(20, () -> ran.add("b1")));
    heap.add(heap.newEntry(10, () -> ran.add("a1")));
    heap.add(heap.newEntry(20, () -> ran.add("b2")));
    heap.add(heap.newEntry(10, () -> ran.add("a2")));
    heap.add(heap.newEntry(30, () -> ran.add("c")));
    assertThat(heap.nextDeadline()).isEqualTo(10);
    Runnable r;
    while ((r = heap.pollDue(20)) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("a1", "a2", "b1", "b2");
    assertThat(heap.nextDeadline()).isEqualTo(30);
  }

  @Test
  void deadlinesCompareAcrossClockWrapAround() {
    List<String> ran = new ArrayList<>();
    heap.add(heap.newEntry(Long.MIN_VALUE + 5, () -> ran.add("after wrap")));
    heap.add(heap.newEntry(Long.MAX_VALUE - 5, () -> ran.add("before wrap")));
    Runnable r;
    while ((r = heap.pollDue(Long.MIN_VALUE + 10)) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("before wrap", "after wrap");
  }

  @Test
  void aCancelledEntryNeverPollsAndCancelIsOneShot() {
    AtomicInteger runs = new AtomicInteger();
    TimerHeap.Entry e = heap.newEntry(1, runs::incrementAndGet);
    heap.add(e);
    assertThat(e.cancel()).isTrue();
    assertThat(e.cancel()).isFalse();
    assertThat(heap.pollDue(100)).isNull();
    assertThat(heap.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(heap.size()).isZero();
    assertThat(runs).hasValue(0);
  }

  @Test
  void anEntryCancelledBeforeItIsAddedIsDropped() {
    TimerHeap.Entry e = heap.newEntry(1, () -> {});
    e.cancel();
    heap.add(e);
    assertThat(heap.size()).isZero();
  }

  @Test
  void anEntryThatWasPolledCannotBeCancelled() {
    TimerHeap.Entry e = heap.newEntry(1, () -> {});
    heap.add(e);
    assertThat(heap.pollDue(1)).isNotNull();
    assertThat(e.cancel()).isFalse();
    assertThat(e.isCancelled()).isFalse();
  }

  @Test
  void theSequenceLimitHoldsBackEntriesMadeDuringAPass() {
    List<String> ran = new ArrayList<>();
    heap.add(heap.newEntry(5, () -> ran.add("old")));
    long limit = heap.nextSequence();
    heap.add(heap.newEntry(7, () -> ran.add("new, due")));
    Runnable r;
    while ((r = heap.pollDue(10, limit)) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("old");
    // The next pass (a new limit) runs it.
    while ((r = heap.pollDue(10, heap.nextSequence())) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("old", "new, due");
  }

  @Test
  void anOverdueEntryMadeDuringAPassWaitsForTheNextPassWithThoseBehindIt() {
    List<String> ran = new ArrayList<>();
    heap.add(heap.newEntry(5, () -> ran.add("old")));
    long limit = heap.nextSequence();
    heap.add(heap.newEntry(0, () -> ran.add("new, overdue"))); // sorts before "old"
    assertThat(heap.pollDue(10, limit)).isNull();
    assertThat(heap.size()).isEqualTo(2);
    Runnable r;
    while ((r = heap.pollDue(10, heap.nextSequence())) != null) {
      r.run();
    }
    assertThat(ran).containsExactly("new, overdue", "old");
  }

  @Test
  void cancelledEntriesArePurgedOnceTheyPileUp() {
    List<TimerHeap.Entry> entries = new ArrayList<>();
    int n = 4 * TimerHeap.PURGE_THRESHOLD;
    for (int i = 0; i < n; i++) {
      TimerHeap.Entry e = heap.newEntry(1_000 + i, () -> {});
      heap.add(e);
      entries.add(e);
    }
    // Cancel all but the last ten; the earliest live deadline is then deep in the heap.
    for (int i = 0; i < n - 10; i++) {
      entries.get(i).cancel();
    }
    assertThat(heap.size()).isEqualTo(n);
    assertThat(heap.nextDeadline()).isEqualTo(1_000 + n - 10);
    assertThat(heap.size()).isEqualTo(10);
  }

  @Test
  void fewCancelledEntriesAreNotPurgedEagerly() {
    List<TimerHeap.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      TimerHeap.Entry e = heap.newEntry(1_000 - i, () -> {});
      heap.add(e);
      entries.add(e);
    }
    entries.get(0).cancel(); // deadline 1000: the last in the heap
    heap.nextDeadline();
    assertThat(heap.size()).isEqualTo(100);
  }

  @Test
  void concurrentCancelsDoNotLetACancelledTimerRun() throws Exception {
    int n = 20_000;
    List<TimerHeap.Entry> entries = new ArrayList<>();
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      TimerHeap.Entry e = heap.newEntry(i, ran::incrementAndGet);
      heap.add(e);
      entries.add(e);
    }
    AtomicInteger cancelledOk = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Thread canceller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = n - 1; i >= 0; i--) {
                    if (entries.get(i).cancel()) {
                      cancelledOk.incrementAndGet();
                    }
                  }
                });
    go.countDown();
    Runnable r;
    while ((r = heap.pollDue(n)) != null) {
      r.run();
    }
    canceller.join();
    // Every entry either ran or was cancelled, never both, never neither.
    assertThat(ran.get() + cancelledOk.get()).isEqualTo(n);
  }
}
