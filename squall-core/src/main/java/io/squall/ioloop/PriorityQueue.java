package io.squall.ioloop;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out its smallest item first (Tornado's {@code queues.PriorityQueue}):
 * by natural order, or by the given comparator. Items that compare equal come out in no set order.
 * Loop-affine and bounded like {@link Queue}.
 *
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
 * jobs.put(new Job(3, "low"));
 * jobs.put(new Job(0, "urgent"));
 * jobs.get(); // urgent
 * }</pre>
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
  /** An unbounded queue of {@link Comparable} items, smallest first. */
  public PriorityQueue() {
    this(0, null);
  }

  /**
   * A queue that holds at most {@code maxsize} items (0: unbounded), smallest first by {@code
   * comparator}, or by natural order when it is null.
   *
   * @param maxsize the most items held; 0 means unbounded
   * @param comparator the order, or null for the items' natural order
   * @throws IllegalArgumentException if {@code maxsize} is negative
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, new java.util.PriorityQueue<>(comparator));
  }
}
