package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompressionOptionsTest {
  @Test
  void defaultsAndCopies() {
    CompressionOptions d = CompressionOptions.defaults();
    assertThat(d).isEqualTo(new CompressionOptions(6, false, false));
    assertThat(d.withCompressionLevel(1).compressionLevel()).isEqualTo(1);
    assertThat(d.withServerNoContextTakeover(true))
        .isEqualTo(new CompressionOptions(6, true, false));
    assertThat(d.withClientNoContextTakeover(true))
        .isEqualTo(new CompressionOptions(6, false, true));
    assertThat(new CompressionOptions(-1, false, false).compressionLevel()).isEqualTo(-1);
    assertThat(new CompressionOptions(0, false, false).compressionLevel()).isZero();
    assertThat(new CompressionOptions(9, false, false).compressionLevel()).isEqualTo(9);
  }

  @Test
  void levelIsChecked() {
    for (int bad : new int[] {-2, 10, 100}) {
      assertThatThrownBy(() -> new CompressionOptions(bad, false, false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
