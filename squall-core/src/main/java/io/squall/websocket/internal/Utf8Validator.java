package io.squall.websocket.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Incremental UTF-8 validation (RFC 3629) as a small state machine, so a text message split into
 * fragments or decompressed in pieces fails on the first byte that cannot be part of valid UTF-8,
 * not only at its end. Rejects overlong forms, surrogates (U+D800-U+DFFF) and code points above
 * U+10FFFF. Runs of ASCII are skipped eight bytes at a time.
 */
public final class Utf8Validator {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final long HIGH_BITS = 0x8080808080808080L;

  // States. ACCEPT: between characters. NEED1..NEED3: that many continuation bytes 80-BF still to
  // come. The four restricted states hold after a lead byte whose next byte has a narrower range.
  private static final int ACCEPT = 0;
  private static final int NEED1 = 1;
  private static final int NEED2 = 2;
  private static final int NEED3 = 3;
  private static final int AFTER_E0 = 4; // next A0-BF (no overlong 3-byte forms)
  private static final int AFTER_ED = 5; // next 80-9F (no surrogates)
  private static final int AFTER_F0 = 6; // next 90-BF (no overlong 4-byte forms)
  private static final int AFTER_F4 = 7; // next 80-8F (nothing above U+10FFFF)
  private static final int REJECT = 8;

  // Byte classes.
  private static final int ASCII = 0;
  private static final int CONT_80_8F = 1;
  private static final int CONT_90_9F = 2;
  private static final int CONT_A0_BF = 3;
  private static final int INVALID = 4; // C0, C1, F5-FF
  private static final int LEAD2 = 5; // C2-DF
  private static final int LEAD_E0 = 6;
  private static final int LEAD3 = 7; // E1-EC, EE-EF
  private static final int LEAD_ED = 8;
  private static final int LEAD_F0 = 9;
  private static final int LEAD4 = 10; // F1-F3
  private static final int LEAD_F4 = 11;
  private static final int CLASSES = 12;

  private static final byte[] CLASS = new byte[256];
  private static final byte[] NEXT = new byte[(REJECT + 1) * CLASSES];

  static {
    for (int b = 0; b < 256; b++) {
      int c;
      if (b < 0x80) {
        c = ASCII;
      } else if (b < 0x90) {
        c = CONT_80_8F;
      } else if (b < 0xA0) {
        c = CONT_90_9F;
      } else if (b < 0xC0) {
        c = CONT_A0_BF;
      } else if (b < 0xC2) {
        c = INVALID;
      } else if (b < 0xE0) {
        c = LEAD2;
      } else if (b == 0xE0) {
        c = LEAD_E0;
      } else if (b == 0xED) {
        c = LEAD_ED;
      } else if (b < 0xF0) {
        c = LEAD3;
      } else if (b == 0xF0) {
        c = LEAD_F0;
      } else if (b < 0xF4) {
        c = LEAD4;
      } else if (b == 0xF4) {
        c = LEAD_F4;
      } else {
        c = INVALID;
      }
      CLASS[b] = (byte) c;
    }
    Arrays.fill(NEXT, (byte) REJECT);
    on(ACCEPT, ASCII, ACCEPT);
    on(ACCEPT, LEAD2, NEED1);
    on(ACCEPT, LEAD_E0, AFTER_E0);
    on(ACCEPT, LEAD3, NEED2);
    on(ACCEPT, LEAD_ED, AFTER_ED);
    on(ACCEPT, LEAD_F0, AFTER_F0);
    on(ACCEPT, LEAD4, NEED3);
    on(ACCEPT, LEAD_F4, AFTER_F4);
    for (int c = CONT_80_8F; c <= CONT_A0_BF; c++) {
      on(NEED1, c, ACCEPT);
      on(NEED2, c, NEED1);
      on(NEED3, c, NEED2);
    }
    on(AFTER_E0, CONT_A0_BF, NEED1);
    on(AFTER_ED, CONT_80_8F, NEED1);
    on(AFTER_ED, CONT_90_9F, NEED1);
    on(AFTER_F0, CONT_90_9F, NEED2);
    on(AFTER_F0, CONT_A0_BF, NEED2);
    on(AFTER_F4, CONT_80_8F, NEED2);
  }

  private static void on(int state, int byteClass, int next) {
    NEXT[state * CLASSES + byteClass] = (byte) next;
  }

  private int state = ACCEPT;

  /**
   * Feeds more bytes. Once it returns false the validator stays failed until {@link #reset()}.
   *
   * @return false if the bytes seen so far cannot be the start of valid UTF-8
   */
  public boolean update(byte[] b, int off, int len) {
    int s = state;
    int i = off;
    int end = off + len;
    while (i < end) {
      if (s == ACCEPT) {
        // Skip ASCII in 8-byte strides.
        while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
          i += 8;
        }
        while (i < end && b[i] >= 0) {
          i++;
        }
        if (i == end) {
          break;
        }
      }
      s = NEXT[s * CLASSES + CLASS[b[i] & 0xFF]];
      if (s == REJECT) {
        state = REJECT;
        return false;
      }
      i++;
    }
    state = s;
    return true;
  }

  /** Whether the bytes seen so far are complete, valid UTF-8 (no character cut short). */
  public boolean isComplete() {
    return state == ACCEPT;
  }

  /** Whether an invalid byte has been seen. */
  public boolean isFailed() {
    return state == REJECT;
  }

  /** Forgets all input, ready for a new message. */
  public void reset() {
    state = ACCEPT;
  }

  /** Whether {@code b[off, off + len)} is complete, valid UTF-8. */
  public static boolean isValid(byte[] b, int off, int len) {
    Utf8Validator v = new Utf8Validator();
    return v.update(b, off, len) && v.isComplete();
  }
}
