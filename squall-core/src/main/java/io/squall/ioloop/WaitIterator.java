package io.squall.ioloop;

import io.squall.ioloop.internal.Futures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes the results of several futures in the order they finish, each with its own value or error
 * (Tornado's {@code gen.WaitIterator}).
 *
 * <pre>{@code
 * WaitIterator<Integer, String> it = WaitIterator.of(List.of(fetchA(), fetchB(), fetchC()));
 * void next() {
 *   if (it.done()) return;
 *   it.next().whenComplete((body, error) -> {
 *     System.out.println("future " + it.currentKey() + " finished: " + (error != null ? error : body));
 *     next();
 *   });
 * }
 * }</pre>
 *
 * <p>Call {@link #next()} again only after the previous future it returned has completed. {@link
 * #currentKey()} is the index (or map key) of the future whose outcome the last completed {@code
 * next()} future carries. Safe to use from one thread at a time; the futures it waits on may
 * complete on any thread.
 *
 * @param <K> the key type: {@code Integer} indexes for a list, the map's keys for a map
 * @param <T> the value type
 */
public final class WaitIterator<K, T> {
  private final List<K> keys;
  private final ArrayDeque<Integer> finished = new ArrayDeque<>();
  private final List<CompletionStage<T>> futures;
  private int handedOut;
  private CompletableFuture<T> waiting;
  private K currentKey;

  private WaitIterator(List<K> keys, List<CompletionStage<T>> futures) {
    this.keys = keys;
    this.futures = futures;
    for (int i = 0; i < futures.size(); i++) {
      int index = i;
      futures.get(i).whenComplete((v, e) -> finished(index));
    }
  }

  /**
   * Iterates over {@code futures}; {@link #currentKey()} is the index in the list.
   *
   * @param futures the futures
   * @param <T> the value type
   * @return the iterator
   */
  public static <T> WaitIterator<Integer, T> of(List<? extends CompletionStage<T>> futures) {
    List<Integer> keys = new ArrayList<>(futures.size());
    for (int i = 0; i < futures.size(); i++) {
      keys.add(i);
    }
    return new WaitIterator<>(keys, new ArrayList<>(futures));
  }

  /**
   * Iterates over the values of {@code futures}; {@link #currentKey()} is the map key.
   *
   * @param futures the futures by key
   * @param <K> the key type
   * @param <T> the value type
   * @return the iterator
   */
  public static <K, T> WaitIterator<K, T> of(Map<K, ? extends CompletionStage<T>> futures) {
    List<K> keys = new ArrayList<>(futures.keySet());
    List<CompletionStage<T>> list = new ArrayList<>(keys.size());
    for (K k : keys) {
      list.add(futures.get(k));
    }
    return new WaitIterator<>(keys, list);
  }

  /** Whether every future's outcome has been handed out by {@link #next()}. */
  public synchronized boolean done() {
    return handedOut == futures.size();
  }

  /**
   * A future that completes with the value, or fails with the error, of the next future to finish.
   *
   * @return that future
   * @throws NoSuchElementException if {@link #done()}
   * @throws IllegalStateException if the previous {@code next()} future has not completed yet
   */
  public synchronized CompletableFuture<T> next() {
    if (done()) {
      throw new NoSuchElementException("every future has been handed out");
    }
    if (waiting != null) {
      throw new IllegalStateException("the previous next() future has not completed yet");
    }
    handedOut++;
    CompletableFuture<T> out = new CompletableFuture<>();
    Integer ready = finished.poll();
    if (ready != null) {
      deliver(ready, out);
    } else {
      waiting = out;
    }
    return out;
  }

  /** The key (list index or map key) of the future the last completed {@link #next()} gave. */
  public synchronized K currentKey() {
    return currentKey;
  }

  /** The list index as an int; for iterators made from a list. */
  public synchronized int currentIndex() {
    return currentKey instanceof Integer i ? i : -1;
  }

  private void finished(int index) {
    CompletableFuture<T> out;
    synchronized (this) {
      if (waiting == null) {
        finished.add(index);
        return;
      }
      out = waiting;
      waiting = null;
    }
    deliver(index, out);
  }

  private void deliver(int index, CompletableFuture<T> out) {
    CompletableFuture<T> source = futures.get(index).toCompletableFuture();
    synchronized (this) {
      currentKey = keys.get(index);
    }
    source.whenComplete(
        (v, e) -> {
          if (e != null) {
            out.completeExceptionally(Futures.unwrap(e));
          } else {
            out.complete(v);
          }
        });
  }
}
