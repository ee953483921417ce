package io.squall.iostream.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a stream has read from its transport but not yet handed to a reader: one growable array
 * with a start and an end, compacted or grown only when an append needs room. Not API.
 *
 * <p>The array grows with the data it holds (doubling, never past {@code maxCapacity}), and is
 * released when it empties after having grown past {@code shrinkAbove}, so an idle connection keeps
 * little memory.
 */
public final class ReadBuffer {
  private static final byte[] EMPTY = new byte[0];
  private static final int MIN_CAPACITY = 512;

  private final int maxCapacity;
  private final int shrinkAbove;
  private byte[] data = EMPTY;
  private int start;
  private int end;

  /**
   * @param maxCapacity the most bytes the buffer may ever hold
   * @param shrinkAbove an emptied array larger than this is dropped
   */
  public ReadBuffer(int maxCapacity, int shrinkAbove) {
    this.maxCapacity = maxCapacity;
    this.shrinkAbove = shrinkAbove;
  }

  /** Number of buffered bytes. */
  public int size() {
    return end - start;
  }

  /** Whether no bytes are buffered. */
  public boolean isEmpty() {
    return end == start;
  }

  /** Room left before the buffer holds {@code maxCapacity} bytes. */
  public int room() {
    return maxCapacity - size();
  }

  /** Current capacity of the backing array (for tests and metrics). */
  public int capacity() {
    return data.length;
  }

  /** Appends the remaining bytes of {@code src}; the caller keeps within {@link #room()}. */
  public void append(ByteBuffer src) {
    int n = src.remaining();
    if (n > room()) {
      throw new IllegalStateException("read buffer overflow: " + n + " > " + room());
    }
    ensureTail(n);
    src.get(data, end, n);
    end += n;
  }

  private void ensureTail(int n) {
    if (data.length - end >= n) {
      return;
    }
    int size = size();
    int needed = size + n;
    if (needed <= data.length && (size <= data.length / 2 || data.length >= maxCapacity)) {
      // enough room once the consumed prefix is dropped, and cheap to move
      System.arraycopy(data, start, data, 0, size);
    } else {
      int cap = Math.max(MIN_CAPACITY, Math.max(needed, data.length * 2));
      cap = (int) Math.min(cap, (long) maxCapacity);
      cap = Math.max(cap, needed);
      byte[] bigger = new byte[cap];
      System.arraycopy(data, start, bigger, 0, size);
      data = bigger;
    }
    start = 0;
    end = size;
  }

  /** Byte at {@code index} (relative to the first buffered byte). */
  public byte get(int index) {
    return data[start + index];
  }

  /** Removes and returns the first {@code n} bytes. */
  public byte[] take(int n) {
    if (n > size()) {
      throw new IllegalArgumentException("take " + n + " of " + size());
    }
    byte[] out = n == 0 ? EMPTY : Arrays.copyOfRange(data, start, start + n);
    skip(n);
    return out;
  }

  /** Moves up to {@code dst.remaining()} bytes into {@code dst}; returns how many. */
  public int takeInto(ByteBuffer dst) {
    int n = Math.min(size(), dst.remaining());
    dst.put(data, start, n);
    skip(n);
    return n;
  }

  /** Drops the first {@code n} bytes. */
  public void skip(int n) {
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
      if (data.length > shrinkAbove) {
        data = EMPTY;
      }
    }
  }

  /**
   * Index (relative to the first buffered byte) of the first occurrence of {@code needle} that
   * starts at or after {@code from} and ends at or before {@code limit}, or -1.
   */
  public int indexOf(byte[] needle, int from, int limit) {
    int n = needle.length;
    byte first = needle[0];
    int last = start + limit - n;
    outer:
    for (int i = start + Math.max(0, from); i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < n; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  /**
   * A view of the buffered bytes as characters, one per byte (ISO-8859-1), for regular expressions.
   * Valid until the buffer changes.
   */
  public CharSequence latin1View() {
    return new Latin1View(data, start, end - start);
  }
}
