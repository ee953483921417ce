package io.squall.iostream.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadBufferTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(US_ASCII));
  }

  @Test
  void indexOfRespectsFromAndLimit() {
    ReadBuffer b = new ReadBuffer(1024, 1024);
    b.append(bytes("xxabcxxabc"));
    byte[] abc = "abc".getBytes(US_ASCII);
    assertThat(b.indexOf(abc, 0, 10)).isEqualTo(2);
    assertThat(b.indexOf(abc, 3, 10)).isEqualTo(7);
    assertThat(b.indexOf(abc, 0, 4)).isEqualTo(-1); // must end within the limit
    assertThat(b.indexOf(abc, 0, 5)).isEqualTo(2);
    assertThat(b.indexOf(abc, 8, 10)).isEqualTo(-1);
    b.skip(3); // offsets stay relative to the first buffered byte
    assertThat(b.indexOf(abc, 0, b.size())).isEqualTo(4);
  }

  @Test
  void compactsAndGrowsButNeverPastMaxCapacity() {
    ReadBuffer b = new ReadBuffer(2000, 10_000);
    b.append(ByteBuffer.allocate(1500));
    b.skip(1400);
    b.append(ByteBuffer.allocate(1800)); // fits after dropping the consumed prefix
    assertThat(b.size()).isEqualTo(1900);
    assertThat(b.capacity()).isLessThanOrEqualTo(2000);
    assertThat(b.room()).isEqualTo(100);
    assertThatThrownBy(() -> b.append(ByteBuffer.allocate(101)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsBytesInOrderAcrossCompaction() {
    ReadBuffer b = new ReadBuffer(64, 64);
    StringBuilder expected = new StringBuilder();
    StringBuilder got = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      String s = Integer.toString(i) + ",";
      b.append(bytes(s));
      expected.append(s);
      if (b.size() > 20) {
        got.append(new String(b.take(15), US_ASCII));
      }
    }
    got.append(new String(b.take(b.size()), US_ASCII));
    assertThat(got.toString()).isEqualTo(expected.toString());
  }

  @Test
  void releasesLargeArrayWhenEmptied() {
    ReadBuffer b = new ReadBuffer(1 << 20, 4096);
    b.append(ByteBuffer.allocate(100_000));
    assertThat(b.capacity()).isGreaterThanOrEqualTo(100_000);
    b.take(100_000);
    assertThat(b.capacity()).isZero();
    b.append(bytes("small"));
    b.take(5);
    assertThat(b.capacity()).isPositive(); // small arrays are kept for reuse
  }

  @Test
  void takeIntoCopiesWhatFits() {
    ReadBuffer b = new ReadBuffer(100, 100);
    b.append(bytes("hello world"));
    ByteBuffer dst = ByteBuffer.allocate(5);
    assertThat(b.takeInto(dst)).isEqualTo(5);
    assertThat(new String(dst.array(), US_ASCII)).isEqualTo("hello");
    assertThat(b.size()).isEqualTo(6);
  }

  @Test
  void latin1ViewMapsEachByteToOneChar() {
    ReadBuffer b = new ReadBuffer(100, 100);
    b.append(ByteBuffer.wrap(new byte[] {'a', (byte) 0xe9, 'b'}));
    CharSequence v = b.latin1View();
    assertThat(v.length()).isEqualTo(3);
    assertThat(v.charAt(1)).isEqualTo('\u00e9');
    assertThat(v.subSequence(1, 3).toString()).isEqualTo("\u00e9b");
    assertThat(Pattern.compile("\u00e9b$").matcher(v).find()).isTrue();
  }
}
