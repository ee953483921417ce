package io.squall.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A declared Content-Length reserves at most 64 KiB before the bytes arrive. */
class BodyCollectorTest {
  @Test
  void contentLengthIsTrustedOnlyUpTo64KiB() {
    // slow-body attack (issue 16): a head declaring 1 MB used to reserve 1 MiB per connection
    assertThat(new BodyCollector("1000000").capacity()).isEqualTo(64 * 1024);
    assertThat(new BodyCollector("100").capacity()).isEqualTo(100);
    assertThat(new BodyCollector(null).capacity()).isZero();
  }

  @Test
  void growsToTheWholeBody() {
    BodyCollector c = new BodyCollector("200000");
    byte[] piece = new byte[50_000];
    for (int i = 0; i < 4; i++) {
      piece[0] = (byte) i;
      c.append(ByteBuffer.wrap(piece));
    }
    byte[] body = c.toArray();
    assertThat(body).hasSize(200_000);
    assertThat(body[150_000]).isEqualTo((byte) 3);
  }
}
