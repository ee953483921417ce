package io.squall.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {
  private static void naive(byte[] buf, int off, int len, int key, long pos) {
    for (int i = 0; i < len; i++) {
      int k = (int) ((pos + i) & 3);
      buf[off + i] ^= (byte) (key >>> (24 - 8 * k));
    }
  }

  @Test
  void matchesByteByByteMaskingForAllOffsetsLengthsAndPositions() {
    Random random = new Random(42);
    for (int len = 0; len <= 40; len++) {
      for (int off = 0; off < 9; off++) {
        for (int pos = 0; pos < 8; pos++) {
          byte[] data = new byte[off + len + 3];
          random.nextBytes(data);
          int key = random.nextInt();
          byte[] expected = data.clone();
          naive(expected, off, len, key, pos);
          byte[] actual = data.clone();
          Masking.mask(actual, off, len, key, pos);
          assertThat(actual).as("len %d off %d pos %d", len, off, pos).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void rfcExampleAndInvolution() {
    byte[] hello = "Hello".getBytes();
    Masking.mask(hello, 0, 5, Wire.KEY, 0);
    assertThat(Wire.hex(hello)).isEqualTo("7f9f4d5158");
    Masking.mask(hello, 0, 5, Wire.KEY, 0);
    assertThat(new String(hello)).isEqualTo("Hello");
  }

  @Test
  void maskingInPiecesEqualsMaskingWhole() {
    byte[] data = new byte[1000];
    new Random(7).nextBytes(data);
    byte[] whole = data.clone();
    Masking.mask(whole, 0, whole.length, 0xCAFEBABE, 0);
    byte[] pieces = data.clone();
    int[] cuts = {0, 1, 4, 7, 8, 13, 64, 65, 333, 998, 1000};
    for (int i = 0; i + 1 < cuts.length; i++) {
      Masking.mask(pieces, cuts[i], cuts[i + 1] - cuts[i], 0xCAFEBABE, cuts[i]);
    }
    assertThat(pieces).isEqualTo(whole);
  }
}
