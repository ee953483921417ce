package io.squall.websocket.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * The sending half of permessage-deflate (RFC 7692 section 7.2.1): raw deflate of a whole message,
 * ended with a sync flush whose {@code 00 00 ff ff} marker is stripped. With context takeover the
 * window carries over to the next message; without, the deflater is reset after each one.
 *
 * <p>Holds native memory: {@link #close()} it with the connection.
 */
public final class MessageCompressor implements AutoCloseable {
  // An empty stored block: the compressed form of an empty message (RFC 7692 section 7.2.3.6).
  // Used instead of the deflater, which may emit nothing at all for empty input after a flush.
  private static final byte[] EMPTY_MESSAGE = {0};

  private final Deflater deflater;
  private final boolean noContextTakeover;

  /**
   * @param level deflate level, -1 or 0-9
   * @param noContextTakeover reset after each message
   */
  public MessageCompressor(int level, boolean noContextTakeover) {
    this.deflater = new Deflater(level, true);
    this.noContextTakeover = noContextTakeover;
  }

  /** Whether the window is dropped after every message. */
  public boolean noContextTakeover() {
    return noContextTakeover;
  }

  /**
   * Compresses one whole message.
   *
   * @return the compressed payload, over a new array that the caller may modify (e.g. mask)
   */
  public ByteBuffer compress(byte[] data, int off, int len) {
    if (len == 0) {
      return ByteBuffer.wrap(EMPTY_MESSAGE.clone());
    }
    deflater.setInput(data, off, len);
    byte[] out = new byte[len / 2 + 64];
    int n = 0;
    while (true) {
      n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
      if (n < out.length) {
        break; // the flush completed with space to spare
      }
      out = Arrays.copyOf(out, out.length * 2);
    }
    if (n < 4
        || out[n - 4] != 0
        || out[n - 3] != 0
        || out[n - 2] != (byte) 0xFF
        || out[n - 1] != (byte) 0xFF) {
      throw new IllegalStateException("deflate sync flush did not end with 00 00 ff ff");
    }
    if (noContextTakeover) {
      deflater.reset();
    }
    return ByteBuffer.wrap(out, 0, n - 4);
  }

  /** Releases the deflater's native memory. */
  @Override
  public void close() {
    deflater.end();
  }
}
