package io.squall.ioloop;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that hands out the item put last first (Tornado's {@code queues.LifoQueue}).
 * Loop-affine and bounded like {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
  /** An unbounded stack. */
  public LifoQueue() {
    this(0);
  }

  /**
   * A stack that holds at most {@code maxsize} items; 0 means unbounded.
   *
   * @param maxsize the most items held
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
