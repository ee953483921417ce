package io.squall.template.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/** Python's {@code range}: an immutable list of evenly spaced integers, computed on demand. */
public final class IntRange extends AbstractList<Integer> implements RandomAccess {
  private final int start;
  private final int step;
  private final int size;

  /**
   * The integers from {@code start} (inclusive) towards {@code stop} (exclusive) by {@code step}.
   *
   * @throws IllegalArgumentException if {@code step} is zero
   */
  public IntRange(int start, int stop, int step) {
    if (step == 0) {
      throw new IllegalArgumentException("range() step must not be zero");
    }
    this.start = start;
    this.step = step;
    long span = step > 0 ? (long) stop - start : (long) start - stop;
    long abs = Math.abs((long) step);
    this.size = span <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (span + abs - 1) / abs);
  }

  @Override
  public Integer get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("range index " + index + " out of " + size);
    }
    return start + index * step;
  }

  @Override
  public int size() {
    return size;
  }
}
