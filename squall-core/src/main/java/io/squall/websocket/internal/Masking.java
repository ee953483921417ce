package io.squall.websocket.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XOR masking of frame payloads (RFC 6455 section 5.3), eight bytes at a time. Masking and
 * unmasking are the same operation.
 */
public final class Masking {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private Masking() {}

  /**
   * XORs {@code buf[off, off + len)} in place with a masking key.
   *
   * @param buf the bytes to mask or unmask
   * @param off first byte
   * @param len number of bytes
   * @param key the four key bytes, first byte in the high-order position
   * @param payloadPos position of {@code buf[off]} within the frame's payload, which selects the
   *     key byte it is XORed with (only {@code payloadPos & 3} matters)
   */
  public static void mask(byte[] buf, int off, int len, int key, long payloadPos) {
    if (len <= 0) {
      return;
    }
    // Rotate so that the key byte for buf[off] is the high-order byte.
    int k = Integer.rotateLeft(key, 8 * (int) (payloadPos & 3));
    int i = off;
    int end = off + len;
    if (len >= 8) {
      long pattern = ((long) k << 32) | (k & 0xFFFFFFFFL); // big-endian view of 8 key bytes
      if (LITTLE_ENDIAN) {
        pattern = Long.reverseBytes(pattern);
      }
      for (int last = end - 8; i <= last; i += 8) {
        LONGS.set(buf, i, (long) LONGS.get(buf, i) ^ pattern);
      }
    }
    // i - off is a multiple of 8 here, so the key index restarts at 0.
    for (int j = 0; i < end; i++, j++) {
      buf[i] ^= (byte) (k >>> (24 - 8 * (j & 3)));
    }
  }
}
