package io.squall.ioloop.internal;

import io.squall.ioloop.Timeout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop's timers: a binary heap ordered by deadline, then by creation order, so timers with
 * equal deadlines run in the order they were made. Cancelled entries are dropped lazily and the
 * heap is rebuilt when they pile up. Only the loop thread adds and polls; {@link Entry#cancel()} is
 * safe from any thread.
 */
public final class TimerHeap {
  /** Rebuild once more than this many cancelled entries sit in the heap (and over half of it). */
  static final int PURGE_THRESHOLD = 512;

  private static final VarHandle CALLBACK;

  static {
    try {
      CALLBACK = MethodHandles.lookup().findVarHandle(Entry.class, "callback", Runnable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PriorityQueue<Entry> heap = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();

  /** Cancelled entries still counted as in the heap (approximate under races, never leaks). */
  private final AtomicInteger cancelled = new AtomicInteger();

  /**
   * A scheduled callback; also the {@link Timeout} handle given to the caller. The callback field
   * is cleared exactly once, either by {@link #cancel()} or when the timer fires, so a timer that
   * was cancelled never runs and one that ran cannot be cancelled.
   */
  public final class Entry implements Timeout, Comparable<Entry> {
    final long deadline;
    final long seq;

    @SuppressWarnings("unused") // accessed through the CALLBACK VarHandle
    private volatile Runnable callback;

    private volatile boolean wasCancelled;

    Entry(long deadline, long seq, Runnable callback) {
      this.deadline = deadline;
      this.seq = seq;
      this.callback = callback;
    }

    @Override
    public boolean cancel() {
      Runnable cb = (Runnable) CALLBACK.getAndSet(this, (Runnable) null);
      if (cb == null) {
        return false;
      }
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

    boolean isLive() {
      return callback != null;
    }

    /** Takes the callback for running; null if it was cancelled (or already taken). */
    Runnable take() {
      return (Runnable) CALLBACK.getAndSet(this, (Runnable) null);
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

    @Override
    public String toString() {
      return "Timeout[deadline=" + deadline + (wasCancelled ? ", cancelled" : "") + "]";
    }
  }

  /** Makes an entry without scheduling it. Safe from any thread. */
  public Entry newEntry(long deadline, Runnable callback) {
    return new Entry(deadline, sequence.getAndIncrement(), callback);
  }

  /** The sequence number the next entry will get; entries made before now have smaller ones. */
  public long nextSequence() {
    return sequence.get();
  }

  /** Schedules an entry. An entry cancelled before it was added is dropped. */
  public void add(Entry e) {
    if (e.isLive()) {
      heap.add(e);
    } else {
      // It was counted when cancelled but never reaches the heap.
      cancelled.decrementAndGet();
    }
  }

  /** The deadline of the earliest live timer, or {@link Long#MAX_VALUE} when there is none. */
  public long nextDeadline() {
    purgeIfNeeded();
    Entry e;
    while ((e = heap.peek()) != null && !e.isLive()) {
      heap.poll();
      cancelled.decrementAndGet();
    }
    return e == null ? Long.MAX_VALUE : e.deadline;
  }

  /**
   * Removes and returns the callback of the earliest timer due at {@code now} whose sequence number
   * is below {@code seqLimit}, or null. The limit keeps timers that due callbacks schedule for
   * "now" from running in the same pass, so a timer that re-arms itself with no delay cannot hold
   * the loop.
   */
  public Runnable pollDue(long now, long seqLimit) {
    Entry e;
    while ((e = heap.peek()) != null && e.deadline - now <= 0) {
      if (e.seq >= seqLimit && e.isLive()) {
        // Everything due at or after this entry was scheduled during this pass.
        return null;
      }
      heap.poll();
      Runnable cb = e.take();
      if (cb == null) {
        cancelled.decrementAndGet();
        continue;
      }
      return cb;
    }
    return null;
  }

  /** Removes and returns the callback of the earliest timer due at {@code now}, or null. */
  public Runnable pollDue(long now) {
    return pollDue(now, Long.MAX_VALUE);
  }

  /** Number of entries in the heap, cancelled ones included (for tests and leak checks). */
  public int size() {
    return heap.size();
  }

  /** Drops every timer. */
  public void clear() {
    heap.clear();
    cancelled.set(0);
  }

  /**
   * Rebuilds the heap without its cancelled entries once they pile up (more than {@value
   * #PURGE_THRESHOLD} and over half of it). Cheap when there is nothing to do; the loop calls it
   * every iteration, so cancelled timers cannot accumulate even while it never sleeps.
   */
  public void purgeIfNeeded() {
    int c = cancelled.get();
    if (c > PURGE_THRESHOLD && c > heap.size() / 2) {
      List<Entry> live = new ArrayList<>(Math.max(16, heap.size() - c));
      int removed = 0;
      for (Entry e : heap) {
        if (e.isLive()) {
          live.add(e);
        } else {
          removed++;
        }
      }
      heap.clear();
      heap.addAll(live);
      cancelled.addAndGet(-removed);
    }
  }
}
