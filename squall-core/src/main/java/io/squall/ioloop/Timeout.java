package io.squall.ioloop;

/**
 * A handle to a callback scheduled with {@link IOLoop#callLater} or {@link IOLoop#callAt}.
 *
 * <p>Cancelling is safe from any thread; a cancelled timeout never runs. Cancelling one that
 * already ran (or is running) does nothing and returns false.
 */
public interface Timeout {
  /**
   * Stops the callback from running, if it has not run yet. Returns true if this call stopped it.
   */
  boolean cancel();

  /** Whether {@link #cancel()} stopped this timeout. */
  boolean isCancelled();

  /** The loop-clock deadline ({@link IOLoop#time()}, nanoseconds) at which the callback runs. */
  long deadlineNanos();
}
