package io.squall.iostream.internal;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ordered queue of pending writes of a stream: groups of buffers and file regions, each with
 * the future that completes once all of its bytes went out. Consecutive buffers are handed out
 * together for one gathering write. Not API; used on the loop thread only.
 */
public final class WriteQueue {
  private static final class Entry {
    final ByteBuffer[] buffers; // null for a file region
    int index; // first buffer with bytes left
    final FileChannel file;
    long position;
    long remaining;
    final CompletableFuture<Void> future;

    Entry(ByteBuffer[] buffers, long remaining, CompletableFuture<Void> future) {
      this.buffers = buffers;
      this.file = null;
      this.remaining = remaining;
      this.future = future;
    }

    Entry(FileChannel file, long position, long count, CompletableFuture<Void> future) {
      this.buffers = null;
      this.file = file;
      this.position = position;
      this.remaining = count;
      this.future = future;
    }
  }

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long bufferedBytes;
  private ByteBuffer trimmed;
  private int trimmedLimit;

  /** Queues {@code buffers} (their remaining bytes); {@code future} completes once all went out. */
  public void addBuffers(ByteBuffer[] buffers, CompletableFuture<Void> future) {
    long total = 0;
    for (ByteBuffer b : buffers) {
      total += b.remaining();
    }
    entries.add(new Entry(buffers, total, future));
    bufferedBytes += total;
  }

  /** Queues a file region. */
  public void addFile(FileChannel file, long position, long count, CompletableFuture<Void> future) {
    entries.add(new Entry(file, position, count, future));
  }

  /** Whether nothing waits to be written. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Bytes waiting in queued buffers (file regions are not counted: they hold no memory). */
  public long bufferedBytes() {
    return bufferedBytes;
  }

  /**
   * Removes the first entry if all of its bytes went out, and returns its future (to be completed
   * by the caller); returns null if the first entry still has bytes to write or the queue is empty.
   */
  public CompletableFuture<Void> pollDone() {
    Entry head = entries.peekFirst();
    if (head == null || head.remaining > 0) {
      return null;
    }
    entries.pollFirst();
    return head.future;
  }

  /** Whether the first entry is a file region. */
  public boolean headIsFile() {
    Entry head = entries.peekFirst();
    return head != null && head.file != null;
  }

  /** The file of the first entry, a file region. */
  public FileChannel headFile() {
    return entries.getFirst().file;
  }

  /** The next file position to send of the first entry, a file region. */
  public long headFilePosition() {
    return entries.getFirst().position;
  }

  /** The bytes left to send of the first entry, a file region. */
  public long headFileRemaining() {
    return entries.getFirst().remaining;
  }

  /** Records that {@code n} bytes of the first entry, a file region, went out. */
  public void advanceFile(long n) {
    Entry head = entries.getFirst();
    head.position += n;
    head.remaining -= n;
  }

  /**
   * Puts the buffers at the head of the queue (up to the first file region) into {@code out} for
   * one gathering write, at most {@code maxBytes} bytes in all (the last buffer's limit is lowered
   * if needed). Returns how many slots were filled. Call {@link #release} after the write.
   */
  public int gather(ByteBuffer[] out, long maxBytes) {
    int n = 0;
    long total = 0;
    for (Entry e : entries) {
      if (e.buffers == null) {
        break;
      }
      for (int i = e.index; i < e.buffers.length; i++) {
        ByteBuffer b = e.buffers[i];
        int rem = b.remaining();
        if (rem == 0) {
          continue;
        }
        if (total + rem > maxBytes) {
          trimmed = b;
          trimmedLimit = b.limit();
          b.limit(b.position() + (int) (maxBytes - total));
          out[n++] = b;
          return n;
        }
        out[n++] = b;
        total += rem;
        if (n == out.length) {
          return n;
        }
      }
    }
    return n;
  }

  /**
   * Undoes the limit change of {@link #gather} and clears the {@code count} slots of {@code out}.
   */
  public void release(ByteBuffer[] out, int count) {
    if (trimmed != null) {
      trimmed.limit(trimmedLimit);
      trimmed = null;
    }
    for (int i = 0; i < count; i++) {
      out[i] = null;
    }
  }

  /**
   * Records that {@code n} bytes of the gathered buffers went out (the write already advanced the
   * buffers' positions).
   */
  public void consume(long n) {
    bufferedBytes -= n;
    for (Entry e : entries) {
      if (n == 0 || e.buffers == null) {
        break;
      }
      long take = Math.min(n, e.remaining);
      e.remaining -= take;
      n -= take;
      while (e.index < e.buffers.length && !e.buffers[e.index].hasRemaining()) {
        e.index++;
      }
    }
  }

  /** Empties the queue and returns the futures of everything that was still queued, in order. */
  public List<CompletableFuture<Void>> clear() {
    List<CompletableFuture<Void>> futures = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      futures.add(e.future);
    }
    entries.clear();
    bufferedBytes = 0;
    return futures;
  }
}
