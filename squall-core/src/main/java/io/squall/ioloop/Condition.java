package io.squall.ioloop;

import io.squall.ioloop.internal.Waiters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Lets code on one loop wait until other code notifies it (Tornado's {@code locks.Condition}).
 * Unlike {@code java.util.concurrent.locks.Condition} it needs no lock around it: on one loop
 * thread nothing runs in between.
 *
 * <pre>{@code
 * Condition changed = new Condition();
 * changed.await(Duration.ofSeconds(5)).thenAccept(notified -> ...); // false after 5 s
 * ...
 * changed.notifyAllWaiters();
 * }</pre>
 *
 * <p>Java reserves {@code notify()} and {@code notifyAll()} for monitors, so Tornado's {@code
 * notify()} and {@code notify_all()} are {@link #notifyOne()} and {@link #notifyAllWaiters()} here;
 * {@link #notify(int)} keeps its name.
 *
 * <p><b>Loop-affine:</b> not thread-safe; use it from one loop's thread. Waiters are completed
 * synchronously inside the notify call. Timeouts use {@link IOLoop#current()} at the time of the
 * call. A waiter that timed out or was cancelled does not count against {@code n}.
 */
public final class Condition {
  private final Waiters<Boolean, Void> waiters = new Waiters<>();

  /** Creates a condition with no waiters. */
  public Condition() {}

  /** A future that completes with {@code true} when this waiter is notified. */
  public CompletableFuture<Boolean> await() {
    return await(null);
  }

  /**
   * A future that completes with {@code true} when this waiter is notified, or with {@code false}
   * if {@code timeout} passes first (it does not fail). A zero or negative timeout completes with
   * {@code false} at once.
   */
  public CompletableFuture<Boolean> await(Duration timeout) {
    if (timeout != null && Waiters.immediate(timeout)) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> waiter = new CompletableFuture<>();
    waiters.add(waiter, null, timeout, () -> waiter.complete(false));
    return waiter;
  }

  /**
   * Wakes up to {@code n} waiters, longest waiting first. Waiters that start waiting while these
   * are woken (from their continuations) are not among them.
   */
  public void notify(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    while (n > 0) {
      List<Waiters.Waiter<Boolean, Void>> batch = waiters.pollLive(n);
      if (batch.isEmpty()) {
        return;
      }
      n = 0;
      for (Waiters.Waiter<Boolean, Void> w : batch) {
        if (!w.future().complete(true)) {
          n++; // cancelled from another thread meanwhile: wake someone else instead
        }
      }
    }
  }

  /** Wakes the longest waiting waiter (Tornado's {@code notify()}). */
  public void notifyOne() {
    notify(1);
  }

  /** Wakes every waiter waiting now (Tornado's {@code notify_all()}). */
  public void notifyAllWaiters() {
    notify(Integer.MAX_VALUE);
  }

  /**
   * Tornado's {@code wait(timeout)}: the same as {@link #await(Duration)}. Without a timeout use
   * {@link #await()}: Java's {@code Object.wait()} is final and blocks a thread, so it cannot be
   * Tornado's no-argument {@code wait()}.
   */
  public CompletableFuture<Boolean> wait(Duration timeout) {
    return await(timeout);
  }

  /** Waiters held, including dead ones not yet dropped (for leak tests). */
  int waitersHeld() {
    return waiters.size();
  }

  @Override
  public String toString() {
    int n = waiters.size();
    return n == 0 ? "Condition[]" : "Condition[waiters " + n + "]";
  }
}
