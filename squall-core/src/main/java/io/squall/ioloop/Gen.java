package io.squall.ioloop;

import io.squall.ioloop.internal.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coroutine helpers as Tornado's {@code tornado.gen} gives them, for {@link CompletableFuture}s:
 * {@link #sleep}, {@link #withTimeout}, {@link #multi}; and {@link WaitIterator} to take results in
 * the order they finish, each with its own error.
 *
 * <p>{@link #sleep} and {@link #withTimeout} set a timer on the {@linkplain IOLoop#current()
 * current} loop, so call them on a loop thread (elsewhere they throw {@link
 * IllegalStateException}).
 */
public final class Gen {
  private static final Logger log = LoggerFactory.getLogger(Gen.class);

  private Gen() {}

  /**
   * A future that completes (with null) on the current loop after {@code duration} (Tornado's
   * {@code gen.sleep}). The loop goes on serving other work meanwhile.
   *
   * @param duration how long; zero or negative completes at the next loop iteration
   * @return the future
   * @throws IllegalStateException on a thread that has no loop
   */
  public static CompletableFuture<Void> sleep(Duration duration) {
    IOLoop loop = IOLoop.current();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Timeout t = loop.callLater(duration, () -> done.complete(null));
    done.whenComplete((v, e) -> t.cancel()); // cancelled by the caller: drop the timer early
    return loop.failOnClose(done);
  }

  /**
   * A future that completes as {@code future} does, or fails with {@link TimeoutException} if it
   * has not completed within {@code timeout} (Tornado's {@code gen.with_timeout}). As in Tornado,
   * {@code future} itself is not cancelled on timeout: it keeps running, and its later outcome is
   * ignored.
   *
   * @param future the work to wait for
   * @param timeout the longest wait
   * @param <T> the value type
   * @return the time-limited future
   * @throws IllegalStateException on a thread that has no loop
   */
  public static <T> CompletableFuture<T> withTimeout(CompletionStage<T> future, Duration timeout) {
    Objects.requireNonNull(future, "future");
    Objects.requireNonNull(timeout, "timeout");
    IOLoop loop = IOLoop.current();
    CompletableFuture<T> result = new CompletableFuture<>();
    Timeout t =
        loop.callLater(
            timeout,
            () -> result.completeExceptionally(new TimeoutException("timed out after " + timeout)));
    future.whenComplete(
        (v, e) -> {
          t.cancel();
          if (e != null) {
            result.completeExceptionally(Futures.unwrap(e));
          } else {
            result.complete(v);
          }
        });
    return loop.failOnClose(result);
  }

  /**
   * A future of all the results of {@code futures}, in their order (Tornado's {@code gen.multi} on
   * a list). It fails as soon as any of them fails, with that error; errors of the others after
   * that are logged, not lost silently.
   *
   * @param futures the futures to wait for
   * @param <T> the value type
   * @return the future of the list of results
   */
  public static <T> CompletableFuture<List<T>> multi(List<? extends CompletionStage<T>> futures) {
    int n = futures.size();
    @SuppressWarnings("unchecked")
    T[] values = (T[]) new Object[n];
    CompletableFuture<List<T>> result = new CompletableFuture<>();
    if (n == 0) {
      result.complete(List.of());
      return result;
    }
    AtomicInteger left = new AtomicInteger(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      futures
          .get(i)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  failOrLog(result, Futures.unwrap(e));
                  return;
                }
                values[index] = v;
                if (left.decrementAndGet() == 0) {
                  result.complete(new ArrayList<>(Arrays.asList(values)));
                }
              });
    }
    return result;
  }

  /**
   * A future of the results of the futures in {@code futures}, under the same keys and in the map's
   * iteration order (Tornado's {@code gen.multi} on a dict). Fails as {@link #multi(List)}.
   *
   * @param futures the futures to wait for, by key
   * @param <K> the key type
   * @param <V> the value type
   * @return the future of the map of results
   */
  public static <K, V> CompletableFuture<Map<K, V>> multi(
      Map<K, ? extends CompletionStage<V>> futures) {
    List<K> keys = new ArrayList<>(futures.keySet());
    List<CompletionStage<V>> values = new ArrayList<>(keys.size());
    for (K k : keys) {
      values.add(futures.get(k));
    }
    return multi(values)
        .thenApply(
            list -> {
              Map<K, V> out = new LinkedHashMap<>();
              for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), list.get(i));
              }
              return out;
            });
  }

  private static void failOrLog(CompletableFuture<?> result, Throwable error) {
    if (!result.completeExceptionally(error)) {
      log.error("multi: a further future failed after the first error", error);
    }
  }
}
