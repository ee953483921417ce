package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.web.internal.ByteRange.Partial;
import io.squall.web.internal.ByteRange.Unsatisfiable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  private static ByteRange.Result parse(String header, long size) {
    return ByteRange.parse(header, size);
  }

  @Test
  void simpleRanges() {
    assertThat(parse("bytes=1-2", 10)).isEqualTo(new Partial(1, 2, 10));
    assertThat(parse("bytes=0-0", 10)).isEqualTo(new Partial(0, 0, 10));
    assertThat(parse("bytes=6-", 10)).isEqualTo(new Partial(6, 9, 10));
    assertThat(parse("bytes=9-9", 10)).isEqualTo(new Partial(9, 9, 10));
    assertThat(parse("bytes=-3", 10)).isEqualTo(new Partial(7, 9, 10));
    Partial p = (Partial) parse("bytes=2-5", 10);
    assertThat(p.length()).isEqualTo(4);
    assertThat(p.contentRange()).isEqualTo("bytes 2-5/10");
  }

  @Test
  void endBeyondSizeIsClamped() {
    assertThat(parse("bytes=5-100", 10)).isEqualTo(new Partial(5, 9, 10));
    assertThat(parse("bytes=5-99999999999999999999999", 10)).isEqualTo(new Partial(5, 9, 10));
  }

  @Test
  void wholeResourceGets200() {
    assertThat(parse("bytes=0-", 10)).isEqualTo(ByteRange.FULL);
    assertThat(parse("bytes=0-9", 10)).isEqualTo(ByteRange.FULL);
    assertThat(parse("bytes=0-1000", 10)).isEqualTo(ByteRange.FULL);
    // Suffix larger than (or equal to) the file: all of it.
    assertThat(parse("bytes=-10", 10)).isEqualTo(ByteRange.FULL);
    assertThat(parse("bytes=-100", 10)).isEqualTo(ByteRange.FULL);
  }

  @Test
  void unsatisfiable() {
    assertThat(parse("bytes=10-", 10)).isEqualTo(new Unsatisfiable(10));
    assertThat(parse("bytes=10-20", 10)).isEqualTo(new Unsatisfiable(10));
    assertThat(parse("bytes=99999999999999999999-", 10)).isEqualTo(new Unsatisfiable(10));
    assertThat(parse("bytes=-0", 10)).isEqualTo(new Unsatisfiable(10));
    assertThat(((Unsatisfiable) parse("bytes=11-12", 10)).contentRange()).isEqualTo("bytes */10");
  }

  @Test
  void emptyResource() {
    assertThat(parse("bytes=0-0", 0)).isEqualTo(new Unsatisfiable(0));
    assertThat(parse("bytes=0-", 0)).isEqualTo(new Unsatisfiable(0));
    assertThat(parse("bytes=-0", 0)).isEqualTo(new Unsatisfiable(0));
    assertThat(parse("bytes=-5", 0)).isEqualTo(ByteRange.FULL);
  }

  @Test
  void malformedOrUnsupportedIsIgnored() {
    List<String> ignored =
        List.of(
            "",
            "bytes",
            "bytes=",
            "bytes=-",
            "bytes=5-2",
            "bytes=a-b",
            "bytes=1-2x",
            "bytes=+1-2",
            "bytes=1--2",
            "bytes=--2",
            "bytes=1 2-3",
            "bytes=0-1,5-6",
            "bytes=0-1,",
            "items=0-1",
            "foo=42",
            "bytes 0-1",
            "=0-1");
    for (String h : ignored) {
      assertThat(parse(h, 10)).as(h).isEqualTo(ByteRange.FULL);
    }
    assertThat(parse(null, 10)).isEqualTo(ByteRange.FULL);
  }

  @Test
  void lenientAboutCaseAndWhitespace() {
    assertThat(parse("Bytes=1-2", 10)).isEqualTo(new Partial(1, 2, 10));
    assertThat(parse(" bytes = 1 - 2 ", 10)).isEqualTo(new Partial(1, 2, 10));
  }

  @Test
  void formatters() {
    assertThat(ByteRange.contentRange(0, 0, 4)).isEqualTo("bytes 0-0/4");
    assertThat(ByteRange.contentRange(1, 2, 4)).isEqualTo("bytes 1-2/4");
    assertThat(ByteRange.unsatisfiedContentRange(4)).isEqualTo("bytes */4");
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-1", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
