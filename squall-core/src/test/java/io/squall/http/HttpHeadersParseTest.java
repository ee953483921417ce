package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tornado's HTTPHeaders.parse, parse_line, get_list and copy. */
class HttpHeadersParseTest {
  @Test
  void parsesCrlfAndLfLinesKeepingRepeats() {
    HttpHeaders h =
        HttpHeaders.parse("Content-Type: text/html\r\nSet-Cookie: a=1\nSet-Cookie: b=2\r\n\r\n");
    assertThat(h.get("content-type")).isEqualTo("text/html");
    assertThat(h.getList("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(h.getList("Missing")).isEmpty();
    assertThat(h.size()).isEqualTo(3);
  }

  @Test
  void parseLineTrimsValueAndAcceptsLinesWithOrWithoutEnding() {
    HttpHeaders h = new HttpHeaders();
    h.parseLine("Content-Type:   text/html  \r\n");
    h.parseLine("Content-Length: 42");
    h.parseLine("\r\n");
    assertThat(h.get("Content-Type")).isEqualTo("text/html");
    assertThat(h.get("Content-Length")).isEqualTo("42");
    assertThat(h.size()).isEqualTo(2);
  }

  @Test
  void continuationLineIsJoinedWithOneSpace() {
    HttpHeaders h = HttpHeaders.parse("Foo: bar\r\n   baz\r\n\tqux\r\nX: y\r\n");
    assertThat(h.get("Foo")).isEqualTo("bar baz qux");
    assertThat(h.get("X")).isEqualTo("y");
  }

  @Test
  void malformedLinesAreHttpInputErrors() {
    assertThatThrownBy(() -> HttpHeaders.parse(" leading: space\r\n"))
        .isInstanceOf(HttpInputException.class)
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> HttpHeaders.parse("no colon here\r\n"))
        .isInstanceOf(HttpInputException.class)
        .hasMessageContaining("colon");
    assertThatThrownBy(() -> HttpHeaders.parse("Bad Name: x\r\n"))
        .isInstanceOf(HttpInputException.class)
        .satisfies(e -> assertThat(((HttpInputException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> HttpHeaders.parse("A: x\u0001y\r\n"))
        .isInstanceOf(HttpInputException.class);
  }

  @Test
  void copyIsIndependent() {
    HttpHeaders h = HttpHeaders.of("A", "1");
    HttpHeaders c = h.copy();
    c.add("A", "2");
    assertThat(h.getList("A")).containsExactly("1");
    assertThat(c.getList("A")).containsExactly("1", "2");
  }
}
