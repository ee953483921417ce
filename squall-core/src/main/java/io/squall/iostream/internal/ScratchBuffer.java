package io.squall.iostream.internal;

import java.nio.ByteBuffer;

/**
 * One direct buffer per loop thread that socket reads land in before the bytes are copied into a
 * stream's {@link ReadBuffer} (and that the copying fallback of file transfers reads into). Streams
 * are used only on their loop's thread and never hold it across a callback, so the streams of a
 * loop can share it; it spares every connection a chunk-sized buffer of its own. Not API.
 */
public final class ScratchBuffer {
  private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

  private ScratchBuffer() {}

  /** The calling thread's scratch buffer, cleared, with at least {@code size} bytes of room. */
  public static ByteBuffer get(int size) {
    ByteBuffer b = SCRATCH.get();
    if (b == null || b.capacity() < size) {
      b = ByteBuffer.allocateDirect(size);
      SCRATCH.set(b);
    }
    b.clear();
    return b;
  }
}
