package io.squall.ioloop;

import io.squall.ioloop.internal.Waiters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A first-in first-out queue that coordinates producers and consumers on one loop (Tornado's {@code
 * queues.Queue}). {@link #get()} waits while the queue is empty; {@link #put} waits while it is
 * full (when it has a {@code maxsize}). Waiting getters and putters are served first come, first
 * served. {@link #taskDone()} and {@link #join()} let a producer wait until every item it put was
 * processed.
 *
 * <pre>{@code
 * Queue<String> urls = new Queue<>(100);
 * void consume() {
 *   urls.get().thenCompose(this::fetch).whenComplete((r, e) -> {
 *     urls.taskDone();
 *     consume();
 *   });
 * }
 * urls.put("https://example.com/").thenRun(...);
 * urls.join().thenRun(() -> System.out.println("all done"));
 * }</pre>
 *
 * <p><b>Loop-affine:</b> not thread-safe; use it from one loop's thread (from other threads, hand
 * items to the loop with {@link IOLoop#addCallback}). Waiting getters and putters are completed
 * synchronously inside the call that serves them. Timeouts use {@link IOLoop#current()} at the time
 * of the call. A getter or putter that timed out or was cancelled is skipped: it takes no item, and
 * a putter's item is not added.
 *
 * <p>Items must not be null.
 *
 * @param <T> the item type
 */
public class Queue<T> {
  private final int maxsize;
  private final java.util.Queue<T> items;
  private final Waiters<T, Void> getters = new Waiters<>();
  private final Waiters<Void, T> putters = new Waiters<>();
  private final Event finished = new Event();
  private int unfinishedTasks;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue that holds at most {@code maxsize} items; 0 means unbounded.
   *
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /**
   * A queue over {@code storage}, whose {@code offer}/{@code poll} order is the order items are
   * taken in ({@link PriorityQueue} and {@link LifoQueue} pass theirs).
   *
   * @param maxsize the most items held; 0 means unbounded
   * @param storage an empty collection that this queue owns from now on
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  Queue(int maxsize, java.util.Queue<T> storage) {
    if (maxsize < 0) {
      throw new IllegalArgumentException("maxsize must not be negative: " + maxsize);
    }
    this.maxsize = maxsize;
    this.items = storage;
    finished.set();
  }

  /** The most items the queue holds; 0 when unbounded. */
  public int maxsize() {
    return maxsize;
  }

  /** Items in the queue now. */
  public int qsize() {
    return items.size();
  }

  /** Whether the queue holds no item. */
  public boolean empty() {
    return items.isEmpty();
  }

  /** Whether the queue is bounded and holds {@code maxsize} items. */
  public boolean full() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Puts {@code item} at the back, waiting for room if the queue is full. The future completes once
   * the item is in (or handed to a waiting getter).
   */
  public CompletableFuture<Void> put(T item) {
    return put(item, null);
  }

  /**
   * Like {@link #put(Object)}, but if there is no room within {@code timeout} the future fails with
   * {@link TimeoutException} and the item is not added. A zero or negative timeout does not wait.
   */
  public CompletableFuture<Void> put(T item, Duration timeout) {
    Objects.requireNonNull(item, "item");
    if (handToGetter(item)) {
      return CompletableFuture.completedFuture(null);
    }
    if (!full()) {
      add(item);
      return CompletableFuture.completedFuture(null);
    }
    if (timeout != null && Waiters.immediate(timeout)) {
      return CompletableFuture.failedFuture(new TimeoutException("queue full for " + timeout));
    }
    CompletableFuture<Void> putter = new CompletableFuture<>();
    putters.add(
        putter,
        item,
        timeout,
        () -> putter.completeExceptionally(new TimeoutException("queue full for " + timeout)));
    return putter;
  }

  /**
   * Puts {@code item} without waiting.
   *
   * @throws QueueFull if the queue is full
   */
  public void putNowait(T item) {
    Objects.requireNonNull(item, "item");
    if (handToGetter(item)) {
      return;
    }
    if (full()) {
      throw new QueueFull("queue is full (maxsize " + maxsize + ")");
    }
    add(item);
  }

  /** Takes the item at the front, waiting for one if the queue is empty. */
  public CompletableFuture<T> get() {
    return get(null);
  }

  /**
   * Like {@link #get()}, but if no item comes within {@code timeout} the future fails with {@link
   * TimeoutException}. A zero or negative timeout does not wait.
   */
  public CompletableFuture<T> get(Duration timeout) {
    T item = take();
    if (item != null) {
      return CompletableFuture.completedFuture(item);
    }
    if (timeout != null && Waiters.immediate(timeout)) {
      return CompletableFuture.failedFuture(new TimeoutException("queue empty for " + timeout));
    }
    CompletableFuture<T> getter = new CompletableFuture<>();
    getters.add(
        getter,
        null,
        timeout,
        () -> getter.completeExceptionally(new TimeoutException("queue empty for " + timeout)));
    return getter;
  }

  /**
   * Takes the item at the front without waiting.
   *
   * @throws QueueEmpty if the queue is empty
   */
  public T getNowait() {
    T item = take();
    if (item == null) {
      throw new QueueEmpty("queue is empty");
    }
    return item;
  }

  /**
   * Marks one item taken with {@link #get()} as processed. When every item put has been marked,
   * {@link #join()} completes.
   *
   * @throws IllegalStateException if called more times than items were put
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException("taskDone() called more times than items were put");
    }
    if (--unfinishedTasks == 0) {
      finished.set();
    }
  }

  /** A future that completes when every item put so far has been marked {@link #taskDone()}. */
  public CompletableFuture<Void> join() {
    return finished.await();
  }

  /**
   * Like {@link #join()}, but the future fails with {@link TimeoutException} if that takes longer
   * than {@code timeout}.
   */
  public CompletableFuture<Void> join(Duration timeout) {
    return finished.await(timeout);
  }

  /** Getters and putters held, including dead ones not yet dropped (for leak tests). */
  int waitersHeld() {
    return getters.size() + putters.size();
  }

  // Getters wait only while the queue is empty, putters only while it is full.

  /** Gives {@code item} to the first live getter; false if there is none. */
  private boolean handToGetter(T item) {
    Waiters.Waiter<T, Void> getter;
    while ((getter = getters.pollLive()) != null) {
      taskAdded(); // before completing: the getter's continuation may call taskDone() or join()
      if (getter.future().complete(item)) {
        return true;
      }
      taskUndone(); // cancelled from another thread just now; nothing ran
    }
    return false;
  }

  /** Removes and returns the front item, refilling from waiting putters; null if empty. */
  private T take() {
    T item = items.poll();
    if (item == null) {
      return null;
    }
    Waiters.Waiter<Void, T> putter;
    while (!full() && (putter = putters.pollLive()) != null) {
      T payload = putter.payload();
      items.offer(payload);
      taskAdded();
      if (!putter.future().complete(null)) {
        items.remove(payload); // cancelled from another thread just now; nothing ran
        taskUndone();
      }
    }
    return item;
  }

  private void add(T item) {
    items.offer(item);
    taskAdded();
  }

  private void taskAdded() {
    if (unfinishedTasks++ == 0) {
      finished.clear();
    }
  }

  private void taskUndone() {
    if (--unfinishedTasks == 0) {
      finished.set();
    }
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize);
    s.append(", size=").append(items.size());
    if (getters.size() > 0) {
      s.append(", getters=").append(getters.size());
    }
    if (putters.size() > 0) {
      s.append(", putters=").append(putters.size());
    }
    if (unfinishedTasks > 0) {
      s.append(", tasks=").append(unfinishedTasks);
    }
    return s.append(']').toString();
  }
}
