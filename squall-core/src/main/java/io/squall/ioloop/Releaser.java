package io.squall.ioloop;

/**
 * Gives back what an {@link Lock#acquire() acquire} took from a {@link Lock} or {@link Semaphore}
 * (Tornado's releasing context manager). Each handle releases once: calling {@link #release()} or
 * {@link #close()} again does nothing, so a handle can be used in try-with-resources and still be
 * released early.
 *
 * <pre>{@code
 * lock.acquire().thenCompose(held -> {
 *   try (held) {
 *     return doSomethingQuick();
 *   }
 * });
 * // or, across async steps:
 * lock.acquire().thenCompose(held -> doSomethingAsync().whenComplete((v, e) -> held.release()));
 * }</pre>
 */
public interface Releaser extends AutoCloseable {
  /** Releases, the first time it is called; later calls do nothing. Call on the loop thread. */
  void release();

  /** Same as {@link #release()}. */
  @Override
  default void close() {
    release();
  }
}
