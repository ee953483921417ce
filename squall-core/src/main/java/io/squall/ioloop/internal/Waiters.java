package io.squall.ioloop.internal;

import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The waiters of one async primitive (lock, semaphore, condition, event, queue), first come first
 * served. A waiter is a future that the primitive completes when the waiter's turn comes; a waiter
 * whose future completed some other way (it timed out, or its owner cancelled or completed it) is
 * dead and is skipped. Dead waiters are also dropped in bulk once they make up half of the queue,
 * so a loop of timed-out waits cannot grow it without bound.
 *
 * <p>Used from the loop thread only, except that futures may complete on any thread.
 *
 * @param <T> the future's value type
 * @param <P> a payload each waiter carries (a queue putter's item), or {@code Void}
 */
public final class Waiters<T, P> {
  /** Compact once at least this many dead waiters are held (and they are half of all). */
  static final int COMPACT_MIN = 32;

  private static final int QUEUED = 0;
  private static final int DEAD = 1; // completed elsewhere while queued, and counted
  private static final int REMOVED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ArrayDeque<Waiter<T, P>> deque = new ArrayDeque<>();
  private final AtomicInteger dead = new AtomicInteger();

  /** One waiting future and its payload. */
  public static final class Waiter<T, P> {
    private final CompletableFuture<T> future;
    private final P payload;

    @SuppressWarnings("unused") // accessed through the STATE VarHandle
    private volatile int state;

    Waiter(CompletableFuture<T> future, P payload) {
      this.future = future;
      this.payload = payload;
    }

    /** The future to complete when it is this waiter's turn. */
    public CompletableFuture<T> future() {
      return future;
    }

    /** The payload given to {@link Waiters#add}. */
    public P payload() {
      return payload;
    }
  }

  /**
   * Queues {@code future} (with {@code payload}) at the back; when {@code timeout} is not null,
   * runs {@code onTimeout} on the current loop after it unless the future is done by then. The
   * future fails with {@link io.squall.ioloop.LoopClosedException} if the current loop closes while
   * it waits.
   *
   * @throws IllegalStateException with a timeout, on a thread that has no loop ({@link
   *     IOLoop#current()}); nothing is queued then
   */
  public void add(CompletableFuture<T> future, P payload, Duration timeout, Runnable onTimeout) {
    // resolve the loop before changing anything, so a thread without one changes nothing
    IOLoop loop = timeout != null ? IOLoop.current() : IOLoop.currentOrNull();
    add(future, payload);
    if (timeout != null) {
      expireAfter(loop, future, timeout, onTimeout);
    }
    if (loop != null) {
      loop.failOnClose(future);
    }
  }

  /** Queues {@code future} (with {@code payload}) at the back. */
  public void add(CompletableFuture<T> future, P payload) {
    compactIfNeeded();
    Waiter<T, P> w = new Waiter<>(future, payload);
    deque.addLast(w);
    future.whenComplete(
        (v, e) -> {
          if (STATE.compareAndSet(w, QUEUED, DEAD)) {
            dead.incrementAndGet();
          }
        });
  }

  /**
   * Removes and returns the first waiter whose future is not done, dropping dead ones before it;
   * null when there is none.
   */
  public Waiter<T, P> pollLive() {
    Waiter<T, P> w;
    while ((w = deque.pollFirst()) != null) {
      remove(w);
      if (!w.future.isDone()) {
        return w;
      }
    }
    return null;
  }

  /** Removes and returns up to {@code max} live waiters, first come first. */
  public List<Waiter<T, P>> pollLive(int max) {
    List<Waiter<T, P>> out = new ArrayList<>(Math.min(max, Math.max(deque.size(), 1)));
    Waiter<T, P> w;
    while (out.size() < max && (w = pollLive()) != null) {
      out.add(w);
    }
    return out;
  }

  /** Whether a live waiter is queued (dead ones at the front are dropped). */
  public boolean hasLive() {
    Waiter<T, P> w;
    while ((w = deque.peekFirst()) != null && w.future.isDone()) {
      deque.pollFirst();
      remove(w);
    }
    return w != null;
  }

  /** Waiters held, dead ones not yet dropped included (for tests and diagnostics). */
  public int size() {
    return deque.size();
  }

  private void remove(Waiter<T, P> w) {
    if ((int) STATE.getAndSet(w, REMOVED) == DEAD) {
      dead.decrementAndGet();
    }
  }

  private void compactIfNeeded() {
    int d = dead.get();
    if (d >= COMPACT_MIN && d >= deque.size() / 2) {
      deque.removeIf(
          w -> {
            if (w.future.isDone()) {
              remove(w);
              return true;
            }
            return false;
          });
    }
  }

  /**
   * Runs {@code onTimeout} on the current loop after {@code timeout} unless {@code future} is done
   * by then; the timer is cancelled as soon as the future completes.
   */
  public static void expireAfter(
      CompletableFuture<?> future, Duration timeout, Runnable onTimeout) {
    expireAfter(IOLoop.current(), future, timeout, onTimeout);
  }

  private static void expireAfter(
      IOLoop loop, CompletableFuture<?> future, Duration timeout, Runnable onTimeout) {
    Timeout t =
        loop.callLater(
            timeout,
            () -> {
              if (!future.isDone()) {
                onTimeout.run();
              }
            });
    future.whenComplete((v, e) -> t.cancel());
  }

  /** Whether a timeout means "do not wait at all": zero or negative. */
  public static boolean immediate(Duration timeout) {
    return timeout.isZero() || timeout.isNegative();
  }
}
