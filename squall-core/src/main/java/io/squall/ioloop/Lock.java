package io.squall.ioloop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A mutual-exclusion lock for code on one loop (Tornado's {@code locks.Lock}). It starts unlocked;
 * {@link #acquire()} locks it, waiting while someone else holds it; waiters get it first come,
 * first served.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * lock.acquire().thenCompose(held ->
 *     writeRecord(record).whenComplete((v, e) -> held.release()));
 * }</pre>
 *
 * <p><b>Loop-affine:</b> not thread-safe; use it from one loop's thread (see {@link Semaphore} for
 * the rules it shares). It guards sequences of async steps on one loop, not data shared between
 * threads.
 */
public final class Lock {
  private final BoundedSemaphore block = new BoundedSemaphore(1);

  /** Creates an unlocked lock. */
  public Lock() {}

  /**
   * Locks. The future completes with a {@link Releaser} that unlocks, once the lock is this
   * caller's.
   */
  public CompletableFuture<Releaser> acquire() {
    return block.acquire();
  }

  /**
   * Locks, waiting at most {@code timeout}; after that the future fails with {@link
   * TimeoutException}. A zero or negative timeout does not wait.
   */
  public CompletableFuture<Releaser> acquire(Duration timeout) {
    return block.acquire(timeout);
  }

  /**
   * Unlocks; the longest waiting caller gets the lock.
   *
   * @throws IllegalStateException if the lock is not locked
   */
  public void release() {
    if (!isLocked()) {
      throw new IllegalStateException("release of an unlocked lock");
    }
    block.release();
  }

  /** Whether someone holds the lock. */
  public boolean isLocked() {
    return block.value() == 0;
  }

  /** Waiters held, including dead ones not yet dropped (for leak tests). */
  int waitersHeld() {
    return block.waitersHeld();
  }

  @Override
  public String toString() {
    return "Lock[" + (isLocked() ? "locked" : "unlocked") + "]";
  }
}
