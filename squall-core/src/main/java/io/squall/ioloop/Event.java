package io.squall.ioloop;

import io.squall.ioloop.internal.Waiters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A flag that code on one loop can wait for (Tornado's {@code locks.Event}). It starts clear;
 * {@link #await()} completes once it is {@linkplain #set() set}, at once if it already is.
 *
 * <pre>{@code
 * Event ready = new Event();
 * ready.await().thenRun(() -> System.out.println("ready"));
 * ready.set();
 * }</pre>
 *
 * <p><b>Loop-affine:</b> not thread-safe; use it from one loop's thread (from elsewhere, hand the
 * call to the loop with {@link IOLoop#addCallback}). Waiters are completed synchronously inside
 * {@link #set()}. Timeouts use {@link IOLoop#current()} at the time of the call.
 */
public final class Event {
  private final Waiters<Void, Void> waiters = new Waiters<>();
  private boolean value;

  /** Creates a clear event. */
  public Event() {}

  /** Whether the flag is set. */
  public boolean isSet() {
    return value;
  }

  /**
   * Sets the flag and completes every waiter. Waiting afterwards does not wait, until {@link
   * #clear()}.
   */
  public void set() {
    if (value) {
      return;
    }
    value = true;
    // Take them all first: a waiter's continuation may clear() and wait again, and that new
    // wait must not be completed by this set().
    for (Waiters.Waiter<Void, Void> w : waiters.pollLive(Integer.MAX_VALUE)) {
      w.future().complete(null);
    }
  }

  /** Clears the flag: later waits wait until the next {@link #set()}. */
  public void clear() {
    value = false;
  }

  /** A future that completes when the flag is set (already complete if it is set now). */
  public CompletableFuture<Void> await() {
    return await(null);
  }

  /**
   * Like {@link #await()}, but the future fails with {@link TimeoutException} if the flag is not
   * set within {@code timeout}. A zero or negative timeout does not wait.
   */
  public CompletableFuture<Void> await(Duration timeout) {
    if (value) {
      return CompletableFuture.completedFuture(null);
    }
    if (timeout != null && Waiters.immediate(timeout)) {
      return CompletableFuture.failedFuture(timeoutException(timeout));
    }
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    waiters.add(
        waiter, null, timeout, () -> waiter.completeExceptionally(timeoutException(timeout)));
    return waiter;
  }

  /**
   * Tornado's {@code wait(timeout)}: the same as {@link #await(Duration)}. Without a timeout use
   * {@link #await()}: Java's {@code Object.wait()} is final and blocks a thread, so it cannot be
   * Tornado's no-argument {@code wait()}.
   */
  public CompletableFuture<Void> wait(Duration timeout) {
    return await(timeout);
  }

  /** Waiters held, including dead ones not yet dropped (for leak tests). */
  int waitersHeld() {
    return waiters.size();
  }

  private static TimeoutException timeoutException(Duration timeout) {
    return new TimeoutException("event not set within " + timeout);
  }

  @Override
  public String toString() {
    return "Event[" + (value ? "set" : "clear") + "]";
  }
}
