package io.squall.ioloop;

import io.squall.ioloop.internal.Waiters;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A counter of permits for code on one loop (Tornado's {@code locks.Semaphore}): {@link #acquire()}
 * takes a permit, waiting if there is none; {@link #release()} gives one back and hands it to the
 * longest waiting acquirer.
 *
 * <pre>{@code
 * Semaphore downloads = new Semaphore(2); // at most two at a time
 * downloads.acquire().thenCompose(permit ->
 *     client.fetch(url).whenComplete((r, e) -> permit.release()));
 * }</pre>
 *
 * <p><b>Loop-affine:</b> like every primitive in this package it is not thread-safe; use it from
 * one loop's thread. Waiters are completed synchronously inside the call that wakes them (so their
 * non-async continuations run right there, on the loop thread). Timeouts use {@link
 * IOLoop#current()} at the time of the call. A waiter whose future timed out, or that its owner
 * cancelled, is skipped and gets no permit.
 *
 * <p>{@link #release()} without a matching acquire raises the count above its initial value; use
 * {@link BoundedSemaphore} to catch that mistake.
 */
public class Semaphore {
  private final Waiters<Releaser, Void> waiters = new Waiters<>();
  private int value;

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
    }
    this.value = value;
  }

  /** Permits available now. */
  public int value() {
    return value;
  }

  /**
   * Takes a permit. The future completes, with a {@link Releaser} that gives the permit back, at
   * once if one is free, else when one is released to this waiter.
   */
  public CompletableFuture<Releaser> acquire() {
    return acquire(null);
  }

  /**
   * Takes a permit, waiting at most {@code timeout}; after that the future fails with {@link
   * TimeoutException} and the waiter gives up its place. A zero or negative timeout does not wait:
   * the future is already complete or already failed.
   */
  public CompletableFuture<Releaser> acquire(Duration timeout) {
    if (value > 0) {
      value--;
      return CompletableFuture.completedFuture(new PermitReleaser(this));
    }
    if (timeout != null && Waiters.immediate(timeout)) {
      return CompletableFuture.failedFuture(timeoutException(timeout));
    }
    CompletableFuture<Releaser> waiter = new CompletableFuture<>();
    waiters.add(
        waiter, null, timeout, () -> waiter.completeExceptionally(timeoutException(timeout)));
    return waiter;
  }

  /** Gives a permit back; the longest waiting live acquirer, if any, gets it at once. */
  public void release() {
    value++;
    Waiters.Waiter<Releaser, Void> w;
    while ((w = waiters.pollLive()) != null) {
      value--;
      if (w.future().complete(new PermitReleaser(this))) {
        return;
      }
      value++; // it was cancelled from another thread just now
    }
  }

  /** Waiters held, including dead ones not yet dropped (for leak tests). */
  int waitersHeld() {
    return waiters.size();
  }

  private static TimeoutException timeoutException(Duration timeout) {
    return new TimeoutException("no permit within " + timeout);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + (value == 0 ? "locked" : "unlocked, value " + value)
        + (waiters.size() > 0 ? ", waiters" : "")
        + "]";
  }

  /** Releases one permit of one semaphore, once. */
  private static final class PermitReleaser implements Releaser {
    private Semaphore semaphore;

    PermitReleaser(Semaphore semaphore) {
      this.semaphore = Objects.requireNonNull(semaphore);
    }

    @Override
    public void release() {
      Semaphore s = semaphore;
      if (s != null) {
        semaphore = null;
        s.release();
      }
    }
  }
}
