package io.squall.demos.longpoll;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.ioloop.IOLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message cache and its waiters, across loops. */
class MessageBufferTest {
  private IOLoop loopA;
  private IOLoop loopB;

  @BeforeEach
  void startLoops() {
    loopA = IOLoop.startOnNewThread("buffer-test-a");
    loopB = IOLoop.startOnNewThread("buffer-test-b");
  }

  @AfterEach
  void stopLoops() {
    loopA.close();
    loopB.close();
  }

  private static Message msg(String id) {
    return new Message(id, "body " + id, "<div>" + id + "</div>");
  }

  @Test
  void aMessageWakesTheWaitersOfEveryLoopOnTheirOwnLoopThread() throws Exception {
    MessageBuffer buffer = new MessageBuffer();
    CompletableFuture<List<Message>> a = buffer.waitForMessagesSince(null, loopA);
    CompletableFuture<List<Message>> b = buffer.waitForMessagesSince(null, loopB);
    CompletableFuture<Thread> threadA = a.thenApply(m -> Thread.currentThread());
    CompletableFuture<Thread> threadB = b.thenApply(m -> Thread.currentThread());
    assertThat(buffer.waiterCount()).isEqualTo(2);
    assertThat(a).isNotDone();

    Message m = msg("1");
    buffer.add(m); // from the test thread, neither loop's
    // Wait on the dependents first: a thread blocked in a.get() may itself run a's dependents
    // once it wakes (CompletableFuture helps complete), which would hide the loop thread.
    assertThat(threadA.get(5, SECONDS)).isSameAs(loopA.thread());
    assertThat(threadB.get(5, SECONDS)).isSameAs(loopB.thread());
    assertThat(a.get(5, SECONDS)).containsExactly(m);
    assertThat(b.get(5, SECONDS)).containsExactly(m);
    assertThat(buffer.waiterCount()).isZero();
  }

  @Test
  void messagesSinceACursorAndTheBoundedCache() {
    MessageBuffer buffer = new MessageBuffer(3);
    for (int i = 1; i <= 5; i++) {
      buffer.add(msg(String.valueOf(i)));
    }
    assertThat(buffer.messages()).extracting(Message::id).containsExactly("3", "4", "5");
    assertThat(buffer.messagesSince("4")).extracting(Message::id).containsExactly("5");
    assertThat(buffer.messagesSince("5")).isEmpty();
    assertThat(buffer.messagesSince("1")).extracting(Message::id).containsExactly("3", "4", "5");
    assertThat(buffer.messagesSince(null)).extracting(Message::id).containsExactly("3", "4", "5");
  }

  @Test
  void newerMessagesCompleteAtOnceWithoutAWaiter() {
    MessageBuffer buffer = new MessageBuffer();
    buffer.add(msg("1"));
    buffer.add(msg("2"));
    CompletableFuture<List<Message>> f = buffer.waitForMessagesSince("1", loopA);
    assertThat(f).isCompletedWithValueMatching(l -> l.size() == 1 && l.get(0).id().equals("2"));
    assertThat(buffer.waiterCount()).isZero();
  }

  @Test
  void aCancelledWaitIsForgotten() {
    MessageBuffer buffer = new MessageBuffer();
    buffer.add(msg("1"));
    CompletableFuture<List<Message>> f = buffer.waitForMessagesSince("1", loopA);
    assertThat(buffer.waiterCount()).isEqualTo(1);
    f.cancel(false);
    assertThat(buffer.waiterCount()).isZero();
    buffer.add(msg("2"));
    assertThat(f).isCancelled();
  }

  @Test
  void theCacheSizeMustBePositive() {
    assertThatThrownBy(() -> new MessageBuffer(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
