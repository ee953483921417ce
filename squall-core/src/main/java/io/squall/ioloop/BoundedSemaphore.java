package io.squall.ioloop;

/**
 * A {@link Semaphore} that refuses to be released above its initial value (Tornado's {@code
 * locks.BoundedSemaphore}): a release without a matching acquire is a bug, and this catches it.
 * Loop-affine, like {@link Semaphore}.
 */
public class BoundedSemaphore extends Semaphore {
  private final int initial;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.initial = value;
  }

  /**
   * Gives a permit back.
   *
   * @throws IllegalStateException if that would raise the count above the initial value
   */
  @Override
  public void release() {
    if (value() >= initial) {
      throw new IllegalStateException("semaphore released too many times");
    }
    super.release();
  }
}
