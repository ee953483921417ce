package io.squall.ioloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PriorityAndLifoQueueTest {
  @Test
  void priorityQueueHandsOutTheSmallestFirst() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    q.putNowait(3);
    q.putNowait(1);
    q.putNowait(2);
    assertThat(q.getNowait()).isEqualTo(1);
    assertThat(q.getNowait()).isEqualTo(2);
    assertThat(q.getNowait()).isEqualTo(3);
  }

  @Test
  void priorityQueueTakesAComparatorAndABound() {
    PriorityQueue<String> q = new PriorityQueue<>(2, Comparator.comparing(String::length));
    q.putNowait("ccc");
    q.putNowait("a");
    assertThat(q.full()).isTrue();
    CompletableFuture<Void> waitingPut = q.put("bb");
    assertThat(waitingPut).isNotDone();
    assertThat(q.getNowait()).isEqualTo("a"); // frees room: the waiting putter's item goes in
    assertThat(waitingPut).isDone();
    assertThat(q.getNowait()).isEqualTo("bb");
    assertThat(q.getNowait()).isEqualTo("ccc");
    assertThat(q.toString()).startsWith("PriorityQueue[");
  }

  @Test
  void lifoQueueHandsOutTheLastPutFirst() {
    LifoQueue<String> q = new LifoQueue<>();
    q.putNowait("first");
    q.putNowait("second");
    assertThat(q.getNowait()).isEqualTo("second");
    assertThat(q.getNowait()).isEqualTo("first");
    assertThat(q.empty()).isTrue();
  }

  @Test
  void aWaitingGetterOfALifoQueueGetsTheItemAtOnce() {
    LifoQueue<String> q = new LifoQueue<>(1);
    CompletableFuture<String> getter = q.get();
    q.putNowait("x");
    assertThat(getter).isCompletedWithValue("x");
    assertThat(q.qsize()).isZero();
  }
}
