package io.squall.ioloop.internal;

import io.squall.ioloop.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop's timers: a binary heap ordered by deadline, then by creation order, so timers with
 * equal deadlines run in the order they were made. Cancelled entries are dropped lazily and the
 * heap is rebuilt when they pile up. Only the loop thread adds and polls.
 */
public final class TimerHeap {
  private static final int PURGE_THRESHOLD = 512;

  private final PriorityQueue<Entry> heap = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger cancelled = new AtomicInteger();

  /** A scheduled callback; also the {@link Timeout} handle given to the caller. */
  public final class Entry implements Timeout, Comparable<Entry> {
    final long deadline;
    final long seq;
    volatile Runnable callback;
    private volatile boolean wasCancelled;

    Entry(long deadline, long seq, Runnable callback) {
      this.deadline = deadline;
      this.seq = seq;
      this.callback = callback;
    }

    @Override
    public boolean cancel() {
      if (callback == null) {
        return false;
      }
      callback = null;
      wasCancelled = true;
      cancelled.incrementAndGet();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return wasCancelled;
    }

    @Override
    public long deadlineNanos() {
      return deadline;
    }

    @Override
    public int compareTo(Entry o) {
      // Compare by difference: nanoTime values may wrap.
      long d = deadline - o.deadline;
      if (d != 0) {
        return d < 0 ? -1 : 1;
      }
      return Long.compare(seq, o.seq);
    }
  }

  /** Makes an entry without scheduling it. */
  public Entry newEntry(long deadline, Runnable callback) {
    return new Entry(deadline, sequence.getAndIncrement(), callback);
  }

  /** Schedules an entry. */
  public void add(Entry e) {
    if (e.callback != null) {
      heap.add(e);
    }
  }

  /** The deadline of the earliest live timer, or {@link Long#MAX_VALUE} when there is none. */
  public long nextDeadline() {
    purgeIfNeeded();
    Entry e;
    while ((e = heap.peek()) != null && e.callback == null) {
      heap.poll();
      cancelled.decrementAndGet();
    }
    return e == null ? Long.MAX_VALUE : e.deadline;
  }

  /** Removes and returns the callback of the earliest timer due at {@code now}, or null. */
  public Runnable pollDue(long now) {
    Entry e;
    while ((e = heap.peek()) != null && e.deadline - now <= 0) {
      heap.poll();
      Runnable cb = e.callback;
      if (cb == null) {
        cancelled.decrementAndGet();
        continue;
      }
      e.callback = null;
      return cb;
    }
    return null;
  }

  /** Number of entries in the heap, cancelled ones included (for tests). */
  public int size() {
    return heap.size();
  }

  /** Drops every timer. */
  public void clear() {
    heap.clear();
    cancelled.set(0);
  }

  private void purgeIfNeeded() {
    int c = cancelled.get();
    if (c > PURGE_THRESHOLD && c > heap.size() / 2) {
      List<Entry> live = new ArrayList<>(heap.size() - c);
      for (Entry e : heap) {
        if (e.callback != null) {
          live.add(e);
        }
      }
      heap.clear();
      heap.addAll(live);
      cancelled.set(0);
    }
  }
}
