package io.squall.httpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.http.HttpHeaders;
import io.squall.httpclient.HttpClientError;
import io.squall.httpclient.HttpStreamClosedError;
import io.squall.httpclient.MalformedResponseError;
import io.squall.httpclient.ResponseTooLargeError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Http1ResponseParserTest {

  /** What the listener saw. */
  static final class Seen implements Http1ResponseParser.Listener {
    final List<Integer> interim = new ArrayList<>();
    ResponseHead head;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    HttpHeaders trailers;

    @Override
    public void onInterim(ResponseHead h) {
      interim.add(h.status());
    }

    @Override
    public void onHead(ResponseHead h) {
      head = h;
    }

    @Override
    public void onBodyChunk(ByteBuffer chunk) {
      byte[] b = new byte[chunk.remaining()];
      chunk.get(b);
      body.writeBytes(b);
    }

    @Override
    public void onMessageComplete(HttpHeaders t) {
      trailers = t;
    }

    String text() {
      return body.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Feeds {@code raw} in pieces of {@code step} bytes; returns the leftover count. */
  static Seen parse(String method, String raw, int step, boolean eof) throws HttpClientError {
    Http1ResponseParser p = new Http1ResponseParser(8192);
    p.start(method);
    Seen s = new Seen();
    byte[] b = raw.getBytes(StandardCharsets.ISO_8859_1);
    int pos = 0;
    while (pos < b.length && p.state() != Http1ResponseParser.State.MESSAGE_COMPLETE) {
      ByteBuffer buf = ByteBuffer.wrap(b, pos, Math.min(step, b.length - pos));
      pos += p.feed(buf, s);
      if (p.state() == Http1ResponseParser.State.HEAD_COMPLETE) {
        p.feed(ByteBuffer.allocate(0), s);
      }
    }
    if (eof) {
      p.endOfInput(s);
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 100000})
  void contentLengthBodyAnySplit(int step) throws Exception {
    Seen s =
        parse("GET", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello", step, false);
    assertThat(s.head.status()).isEqualTo(200);
    assertThat(s.head.reason()).isEqualTo("OK");
    assertThat(s.head.headers().get("X-A")).isEqualTo("b");
    assertThat(s.head.keepAlive()).isTrue();
    assertThat(s.text()).isEqualTo("hello");
    assertThat(s.trailers).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 100000})
  void chunkedWithExtensionsAndTrailers(int step) throws Exception {
    Seen s =
        parse(
            "GET",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;a=\"x;y\"\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n",
            step,
            false);
    assertThat(s.text()).isEqualTo("hello world");
    assertThat(s.trailers.get("X-Sum")).isEqualTo("42");
    assertThat(s.head.framing()).isEqualTo(ResponseFraming.CHUNKED);
  }

  @Test
  void interimResponsesThenFinal() throws Exception {
    Seen s =
        parse(
            "GET",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n",
            4,
            false);
    assertThat(s.interim).containsExactly(100, 103);
    assertThat(s.head.status()).isEqualTo(204);
    assertThat(s.trailers).isNotNull();
  }

  @Test
  void headAnd304HaveNoBodyDespiteContentLength() throws Exception {
    Seen head = parse("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", 1000, false);
    assertThat(head.head.framing()).isEqualTo(ResponseFraming.NONE);
    assertThat(head.trailers).isNotNull();
    Seen notModified =
        parse("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n", 1000, false);
    assertThat(notModified.trailers).isNotNull();
  }

  @Test
  void bodyUntilCloseAndHttp10() throws Exception {
    Seen s = parse("GET", "HTTP/1.0 200 OK\nServer: old\n\nall of it", 3, true);
    assertThat(s.head.framing()).isEqualTo(ResponseFraming.UNTIL_CLOSE);
    assertThat(s.head.keepAlive()).isFalse();
    assertThat(s.text()).isEqualTo("all of it");
    assertThat(s.trailers).isNotNull();
  }

  @Test
  void obsFoldIsJoinedWithSpace() throws Exception {
    Seen s =
        parse(
            "GET",
            "HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n",
            5,
            false);
    assertThat(s.head.headers().get("X-Long")).isEqualTo("a b c");
  }

  @Test
  void keepAliveRules() throws Exception {
    assertThat(
            parse(
                    "GET",
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                    99,
                    false)
                .head
                .keepAlive())
        .isFalse();
    assertThat(
            parse(
                    "GET",
                    "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
                    99,
                    false)
                .head
                .keepAlive())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 2OO OK\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 200OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nName : x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 100 Continue\r\nContent-Length: 3\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;=x\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u0001b\r\n\r\n",
      })
  void malformedResponsesAreRefused(String raw) {
    assertThatThrownBy(() -> parse("GET", raw, 1000, false))
        .isInstanceOf(MalformedResponseError.class);
  }

  @Test
  void headOverTheLimit() {
    Http1ResponseParser p = new Http1ResponseParser(64);
    p.start("GET");
    String raw = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(100) + "\r\n\r\n";
    assertThatThrownBy(
            () -> p.feed(ByteBuffer.wrap(raw.getBytes(StandardCharsets.US_ASCII)), new Seen()))
        .isInstanceOf(ResponseTooLargeError.class)
        .hasMessageContaining("maxHeaderSize (64 bytes)");
    assertThat(p.state()).isEqualTo(Http1ResponseParser.State.FAILED);
  }

  @Test
  void truncatedBodyIsAClosedStream() {
    assertThatThrownBy(
            () -> parse("GET", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 100, true))
        .isInstanceOf(HttpStreamClosedError.class)
        .hasMessageContaining("before the end of the response body");
  }

  @Test
  void parserStopsAtTheEndOfTheMessage() throws Exception {
    Http1ResponseParser p = new Http1ResponseParser(8192);
    p.start("GET");
    ByteBuffer buf =
        ByteBuffer.wrap(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"
                .getBytes(StandardCharsets.US_ASCII));
    Seen s = new Seen();
    p.feed(buf, s);
    assertThat(p.state()).isEqualTo(Http1ResponseParser.State.HEAD_COMPLETE);
    p.feed(buf, s);
    assertThat(p.state()).isEqualTo(Http1ResponseParser.State.MESSAGE_COMPLETE);
    assertThat(buf.remaining()).isEqualTo(5);
    assertThat(s.text()).isEqualTo("ok");
  }
}
