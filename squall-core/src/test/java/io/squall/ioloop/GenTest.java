package io.squall.ioloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenTest {
  private final IOLoop loop = new IOLoop("gen");

  @AfterEach
  void tearDown() {
    loop.close(true);
  }

  @Test
  void sleepCompletesOnTheLoopAfterItsTimeAndTheLoopServesOthersMeanwhile() throws Exception {
    List<String> order = new ArrayList<>();
    String value =
        LoopTesting.runSync(
            loop,
            () -> {
              Thread loopThread = Thread.currentThread();
              loop.addCallback(() -> order.add("other work"));
              return Gen.sleep(Duration.ofMillis(30))
                  .thenApply(
                      v -> {
                        order.add("woke");
                        return Thread.currentThread() == loopThread ? "on loop" : "elsewhere";
                      });
            });
    assertThat(value).isEqualTo("on loop");
    assertThat(order).containsExactly("other work", "woke");
  }

  @Test
  void withTimeoutPassesAValueThrough() throws Exception {
    String v =
        LoopTesting.runSync(
            loop,
            () ->
                Gen.withTimeout(
                    Gen.sleep(Duration.ofMillis(5)).thenApply(x -> "in time"),
                    Duration.ofSeconds(5)));
    assertThat(v).isEqualTo("in time");
  }

  @Test
  void withTimeoutFailsWithTimeoutExceptionAndLeavesTheFutureRunning() {
    CompletableFuture<String> slow = new CompletableFuture<>();
    assertThatThrownBy(
            () -> LoopTesting.runSync(loop, () -> Gen.withTimeout(slow, Duration.ofMillis(20))))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("timed out after");
    assertThat(slow).isNotDone(); // as in Tornado: not cancelled
  }

  @Test
  void withTimeoutPassesTheErrorUnwrapped() {
    CompletableFuture<String> failing =
        CompletableFuture.failedFuture(new IllegalArgumentException("bad"));
    assertThatThrownBy(
            () ->
                LoopTesting.runSync(
                    loop, () -> Gen.withTimeout(failing.thenApply(s -> s), Duration.ofSeconds(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad");
  }

  @Test
  void multiKeepsTheOrderOfTheInputsNotOfCompletion() throws Exception {
    List<Integer> v =
        LoopTesting.runSync(
            loop,
            () ->
                Gen.multi(
                    List.of(
                        Gen.sleep(Duration.ofMillis(30)).thenApply(x -> 1),
                        CompletableFuture.completedFuture(2),
                        Gen.sleep(Duration.ofMillis(10)).thenApply(x -> 3))));
    assertThat(v).containsExactly(1, 2, 3);
  }

  @Test
  void multiOfAMapKeepsItsKeysAndOrder() throws Exception {
    Map<String, CompletableFuture<Integer>> in = new LinkedHashMap<>();
    in.put("b", CompletableFuture.completedFuture(2));
    in.put("a", CompletableFuture.completedFuture(1));
    Map<String, Integer> out = LoopTesting.runSync(loop, () -> Gen.multi(in));
    assertThat(out).containsExactly(Map.entry("b", 2), Map.entry("a", 1));
  }

  @Test
  void multiFailsFastWithTheFirstError() {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    assertThatThrownBy(
            () ->
                LoopTesting.runSync(
                    loop,
                    () ->
                        Gen.multi(
                            List.of(
                                never,
                                CompletableFuture.<Integer>failedFuture(
                                    new IllegalStateException("first"))))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first");
  }

  @Test
  void multiOfNothingIsAnEmptyList() throws Exception {
    assertThat(LoopTesting.runSync(loop, () -> Gen.multi(List.<CompletableFuture<Integer>>of())))
        .isEmpty();
  }

  @Test
  void waitIteratorHandsOutResultsInCompletionOrderEachWithItsOwnError() throws Exception {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    CompletableFuture<String> c = new CompletableFuture<>();
    WaitIterator<Integer, String> it = WaitIterator.of(List.of(a, b, c));
    List<String> seen = new ArrayList<>();
    CompletableFuture<String> first = it.next();
    assertThat(first).isNotDone();
    assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class);
    c.complete("C");
    assertThat(first.get()).isEqualTo("C");
    seen.add(it.currentKey() + "=" + first.get());
    a.completeExceptionally(new IllegalArgumentException("A failed"));
    b.complete("B");
    CompletableFuture<String> second = it.next();
    assertThat(second).isCompletedExceptionally();
    assertThat(it.currentIndex()).isEqualTo(0);
    CompletableFuture<String> third = it.next();
    seen.add(it.currentKey() + "=" + third.get());
    assertThat(seen).containsExactly("2=C", "1=B");
    assertThat(it.done()).isTrue();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void waitIteratorOverAMapReportsKeys() throws Exception {
    Map<String, CompletableFuture<Integer>> in = new LinkedHashMap<>();
    in.put("x", CompletableFuture.completedFuture(1));
    WaitIterator<String, Integer> it = WaitIterator.of(in);
    assertThat(it.next().get()).isEqualTo(1);
    assertThat(it.currentKey()).isEqualTo("x");
  }
}
