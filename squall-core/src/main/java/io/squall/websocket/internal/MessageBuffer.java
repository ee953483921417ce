package io.squall.websocket.internal;

import java.util.Arrays;

/**
 * A growable byte array that holds one message while it is assembled. Growth doubles, bounded by a
 * target size the caller knows, so a message whose final size is announced ends up in an array of
 * exactly that size and can be handed out without a copy. Small arrays are kept for the next
 * message; large ones are dropped so an idle connection does not hold them.
 */
public final class MessageBuffer {
  /** Arrays up to this size are kept between messages. */
  static final int RETAIN_LIMIT = 64 * 1024;

  private static final int MIN_CAPACITY = 4096;
  private static final byte[] EMPTY = new byte[0];

  private byte[] buf = EMPTY;
  private int size;

  /** The backing array; valid up to the next growth. */
  public byte[] array() {
    return buf;
  }

  /** Number of bytes held. */
  public int size() {
    return size;
  }

  /**
   * Makes room for at least {@code minRoom} more bytes.
   *
   * @param minRoom bytes that must fit after {@link #size()}
   * @param target the total size the message will likely not exceed; growth stops there when it can
   *     (it never makes less than {@code minRoom} room)
   * @return the free space after {@link #size()}, at least {@code minRoom}
   */
  public int ensureRoom(int minRoom, long target) {
    long needed = (long) size + minRoom;
    if (needed > buf.length) {
      long grown = Math.max((long) buf.length * 2, MIN_CAPACITY);
      long cap = Math.max(needed, Math.min(grown, target));
      if (cap > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("message buffer too large: " + cap);
      }
      buf = Arrays.copyOf(buf, (int) cap);
    }
    return buf.length - size;
  }

  /** Counts {@code n} bytes written directly into {@link #array()} after {@link #size()}. */
  public void advance(int n) {
    size += n;
  }

  /**
   * Returns the bytes held, in an array of exactly that length, and empties the buffer. The array
   * is not used again by this buffer.
   */
  public byte[] takeBytes() {
    byte[] result;
    if (buf.length == size) {
      result = buf;
      buf = EMPTY;
    } else {
      result = Arrays.copyOf(buf, size);
    }
    clear();
    return result;
  }

  /** Empties the buffer, dropping a large backing array. */
  public void clear() {
    size = 0;
    if (buf.length > RETAIN_LIMIT) {
      buf = EMPTY;
    }
  }
}
