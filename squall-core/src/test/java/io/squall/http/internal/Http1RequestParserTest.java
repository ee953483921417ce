package io.squall.http.internal;

import static io.squall.http.internal.ParserHarness.ascii;
import static io.squall.http.internal.ParserHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpVersion;
import io.squall.http.internal.Http1RequestParser.State;
import io.squall.http.internal.ParserHarness.Message;
import io.squall.http.internal.ParserHarness.Recorder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1RequestParserTest {

  @Test
  void simpleGet() {
    List<Message> m = parse("GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n");
    assertThat(m).hasSize(1);
    Message g = m.get(0);
    assertThat(g.method()).isEqualTo("GET");
    assertThat(g.target()).isEqualTo("/a?b=c");
    assertThat(g.version()).isEqualTo("HTTP/1.1");
    assertThat(g.headers()).containsExactly("Host: example.com", "Accept: */*");
    assertThat(g.framing()).isEqualTo(BodyFraming.NONE);
    assertThat(g.contentLength()).isEqualTo(-1);
    assertThat(g.keepAlive()).isTrue();
    assertThat(g.complete()).isTrue();
  }

  @Test
  void stopsAfterHeadBeforeTheBody() {
    Http1RequestParser p = new Http1RequestParser();
    String head =
        "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
    ByteBuffer buf = ascii(head + "hello");
    Recorder r = new Recorder();
    int n = p.feed(buf, r);
    assertThat(n).isEqualTo(head.length());
    assertThat(p.state()).isEqualTo(State.HEAD_COMPLETE);
    assertThat(buf.remaining()).isEqualTo(5);
    assertThat(p.head().expectContinue()).isTrue();
    assertThat(p.head().contentLength()).isEqualTo(5);
    assertThat(r.events).isEqualTo(1);

    assertThat(p.feed(buf, r)).isEqualTo(5);
    assertThat(p.state()).isEqualTo(State.MESSAGE_COMPLETE);
    assertThat(r.messages).singleElement().extracting(Message::body).isEqualTo("hello");
  }

  @Test
  void requestWithoutBodyCompletesOnAnEmptyFeed() {
    Http1RequestParser p = new Http1RequestParser();
    ByteBuffer buf = ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    Recorder r = new Recorder();
    p.feed(buf, r);
    assertThat(p.state()).isEqualTo(State.HEAD_COMPLETE);
    assertThat(p.feed(ByteBuffer.allocate(0), r)).isZero();
    assertThat(p.state()).isEqualTo(State.MESSAGE_COMPLETE);
    assertThat(r.messages).hasSize(1);
  }

  @Test
  void pipelinedRequestsWaitForReset() {
    Http1RequestParser p = new Http1RequestParser();
    String one = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n";
    String two = "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n";
    ByteBuffer buf = ascii(one + two);
    Recorder r = new Recorder();
    p.feed(buf, r);
    p.feed(buf, r);
    assertThat(p.state()).isEqualTo(State.MESSAGE_COMPLETE);
    assertThat(buf.remaining()).isEqualTo(two.length());
    assertThat(p.feed(buf, r)).isZero(); // waits its turn
    assertThat(buf.remaining()).isEqualTo(two.length());
    p.reset();
    p.feed(buf, r);
    p.feed(buf, r);
    assertThat(r.messages).extracting(Message::target).containsExactly("/1", "/2");
    assertThat(buf.hasRemaining()).isFalse();
  }

  @Test
  void contentLengthBody() {
    Message m =
        parse("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world").get(0);
    assertThat(m.framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
    assertThat(m.contentLength()).isEqualTo(11);
    assertThat(m.body()).isEqualTo("hello world");
  }

  @Test
  void contentLengthZero() {
    Message m = parse("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n").get(0);
    assertThat(m.framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
    assertThat(m.body()).isEmpty();
    assertThat(m.complete()).isTrue();
  }

  @Test
  void identicalRepeatedContentLengthsAreAccepted() {
    Message m =
        parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
            .get(0);
    assertThat(m.contentLength()).isEqualTo(3);
    assertThat(m.body()).isEqualTo("abc");
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailers() {
    String raw =
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "6 ; a ; b=\"q\\\"uoted;\"\r\n world\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n";
    Message m = parse(raw).get(0);
    assertThat(m.framing()).isEqualTo(BodyFraming.CHUNKED);
    assertThat(m.body()).isEqualTo("hello world");
    assertThat(m.trailers()).containsExactly("X-Checksum: abc", "X-Other: 1");
  }

  @Test
  void chunkedTransferEncodingIsCaseInsensitiveAndUpperHexWorks() {
    Message m =
        parse(
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: CHUNKED\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
            .get(0);
    assertThat(m.body()).isEqualTo("0123456789");
    assertThat(m.trailers()).isEmpty();
  }

  @Test
  void leadingEmptyLinesAreSkipped() {
    Message m = parse("\r\n\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").get(0);
    assertThat(m.target()).isEqualTo("/");
  }

  @Test
  void bareLineFeedsAreAcceptedInTheHead() {
    Message m = parse("GET / HTTP/1.0\nHost: h\nX: y\n\n").get(0);
    assertThat(m.headers()).containsExactly("Host: h", "X: y");
    assertThat(m.version()).isEqualTo("HTTP/1.0");
  }

  @Test
  void headerNamesKeepTheirSpellingAndValuesAreTrimmed() {
    Message m =
        parse(
                "GET / HTTP/1.1\r\nhost: h\r\nCONTENT-length: 0\r\nX-Custom-Thing:\t  v a l \t\r\n"
                    + "Empty:\r\nX-Latin: caf\u00e9\r\n\r\n")
            .get(0);
    assertThat(m.headers())
        .containsExactly(
            "host: h",
            "CONTENT-length: 0",
            "X-Custom-Thing: v a l",
            "Empty: ",
            "X-Latin: caf\u00e9");
    assertThat(m.framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
  }

  @Test
  void headersAreCaseInsensitiveForLookup() {
    Http1RequestParser p = new Http1RequestParser();
    p.feed(
        ascii("GET / HTTP/1.1\r\nhost: h\r\nset-cookie: a\r\nSet-Cookie: b\r\n\r\n"),
        new Recorder());
    HttpHeaders h = p.head().headers();
    assertThat(h.get("HOST")).isEqualTo("h");
    assertThat(h.getAll("Set-Cookie")).containsExactly("a", "b");
  }

  @Test
  void http10AndMinorVersionsAbove1() {
    assertThat(parse("GET / HTTP/1.0\r\n\r\n").get(0).version()).isEqualTo("HTTP/1.0");
    Message m = parse("GET / HTTP/1.2\r\nHost: h\r\n\r\n").get(0);
    assertThat(m.version()).isEqualTo(HttpVersion.HTTP_1_1.text());
  }

  @Test
  void keepAliveFollowsTornadosRule() {
    assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").get(0).keepAlive()).isTrue();
    assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").get(0).keepAlive())
        .isFalse();
    assertThat(
            parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, close\r\n\r\n")
                .get(0)
                .keepAlive())
        .isFalse();
    assertThat(parse("GET / HTTP/1.0\r\n\r\n").get(0).keepAlive()).isFalse();
    assertThat(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").get(0).keepAlive())
        .isTrue();
    assertThat(parse("POST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").get(0).keepAlive())
        .isFalse();
    assertThat(
            parse("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")
                .get(0)
                .keepAlive())
        .isTrue();
  }

  @Test
  void hostMayBeEmptyOrAnIpLiteralWithPort() {
    assertThat(parse("GET / HTTP/1.1\r\nHost:\r\n\r\n")).hasSize(1);
    assertThat(parse("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n")).hasSize(1);
    assertThat(parse("GET / HTTP/1.1\r\nHost: ex%41mple.com\r\n\r\n")).hasSize(1);
  }

  @Test
  void obsTextInTargetAndValuesIsKeptAsLatin1() {
    byte[] raw =
        "GET /\u00e9 HTTP/1.1\r\nHost: h\r\nX: \u00ff\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    List<Message> m = ParserHarness.run(new Http1RequestParser(), List.of(ByteBuffer.wrap(raw)));
    assertThat(m.get(0).target()).isEqualTo("/\u00e9");
    assertThat(m.get(0).headers()).contains("X: \u00ff");
  }

  @Test
  void directBuffersParseTheSame() {
    String raw =
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n";
    byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    assertThat(ParserHarness.run(new Http1RequestParser(), List.of(direct))).isEqualTo(parse(raw));
  }

  @Test
  void bufferWithOffsetParsesTheSame() {
    String raw = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";
    byte[] bytes = ("JUNK" + raw + "TAIL").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer view = ByteBuffer.wrap(bytes, 4, raw.length()).slice();
    assertThat(ParserHarness.run(new Http1RequestParser(), List.of(view))).isEqualTo(parse(raw));
  }

  @Test
  void bodyChunksAreViewsNotCopies() {
    Http1RequestParser p = new Http1RequestParser();
    ByteBuffer buf = ascii("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
    List<ByteBuffer> chunks = new ArrayList<>();
    Http1RequestParser.Listener l =
        new Recorder() {
          @Override
          public void onBodyChunk(ByteBuffer chunk) {
            chunks.add(chunk);
          }

          @Override
          public void onMessageComplete(HttpHeaders trailers) {}
        };
    p.feed(buf, l);
    p.feed(buf, l);
    assertThat(chunks).singleElement().satisfies(c -> assertThat(c.array()).isSameAs(buf.array()));
  }

  @Test
  void limitsAreExactBoundaries() {
    String line = "GET /" + "a".repeat(94) + " HTTP/1.1"; // 108 bytes
    assertThat(line).hasSize(108);
    ParserLimits ok = ParserLimits.DEFAULT.withMaxRequestLineLength(108);
    Http1RequestParser p = new Http1RequestParser(ok);
    p.feed(ascii(line + "\r\nHost: h\r\n\r\n"), new Recorder());
    assertThat(p.state()).isEqualTo(State.HEAD_COMPLETE);

    Http1RequestParser tight = new Http1RequestParser(ok.withMaxRequestLineLength(107));
    assertThatThrownBy(() -> tight.feed(ascii(line + "\r\nHost: h\r\n\r\n"), new Recorder()))
        .isInstanceOfSatisfying(
            HttpParseException.class, e -> assertThat(e.status()).isEqualTo(414));

    String head = line + "\r\nHost: h\r\n\r\n";
    Http1RequestParser exact =
        new Http1RequestParser(ParserLimits.DEFAULT.withMaxHeaderSize(head.length()));
    exact.feed(ascii(head), new Recorder());
    assertThat(exact.state()).isEqualTo(State.HEAD_COMPLETE);
    Http1RequestParser over =
        new Http1RequestParser(ParserLimits.DEFAULT.withMaxHeaderSize(head.length() - 1));
    assertThatThrownBy(() -> over.feed(ascii(head), new Recorder()))
        .isInstanceOfSatisfying(
            HttpParseException.class, e -> assertThat(e.status()).isEqualTo(431));
  }

  @Test
  void headerCountLimit() {
    StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 9; i++) {
      sb.append("X-").append(i).append(": v\r\n");
    }
    String raw = sb.append("\r\n").toString();
    Http1RequestParser ten = new Http1RequestParser(ParserLimits.DEFAULT.withMaxHeaderCount(10));
    ten.feed(ascii(raw), new Recorder());
    assertThat(ten.state()).isEqualTo(State.HEAD_COMPLETE);
    Http1RequestParser nine = new Http1RequestParser(ParserLimits.DEFAULT.withMaxHeaderCount(9));
    assertThatThrownBy(() -> nine.feed(ascii(raw), new Recorder()))
        .isInstanceOfSatisfying(
            HttpParseException.class, e -> assertThat(e.status()).isEqualTo(431));
  }

  @Test
  void oversizedLineIsRefusedBeforeItsEndArrives() {
    Http1RequestParser p =
        new Http1RequestParser(ParserLimits.DEFAULT.withMaxRequestLineLength(100));
    Recorder r = new Recorder();
    p.feed(ascii("GET /" + "a".repeat(90)), r); // still within the limit: kept
    assertThat(p.state()).isEqualTo(State.REQUEST_LINE);
    assertThatThrownBy(() -> p.feed(ascii("a".repeat(20)), r))
        .isInstanceOfSatisfying(
            HttpParseException.class, e -> assertThat(e.status()).isEqualTo(414));
    assertThat(p.state()).isEqualTo(State.FAILED);
    assertThatThrownBy(() -> p.feed(ascii("x"), r)).isInstanceOf(IllegalStateException.class);
    p.reset();
    p.feed(ascii("GET / HTTP/1.0\r\n\r\n"), r);
    assertThat(p.state()).isEqualTo(State.HEAD_COMPLETE);
  }

  @Test
  void parseErrorsSayToCloseAndCarryNoStackTrace() {
    HttpParseException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpParseException.class,
            () -> new Http1RequestParser().feed(ascii("garbage\r\n\r\n"), new Recorder()));
    assertThat(e.closeConnection()).isTrue();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("Malformed request line");
  }

  @Test
  void largeChunkSizeIsReportedNotBuffered() {
    Http1RequestParser p = new Http1RequestParser();
    Recorder r = new Recorder();
    ByteBuffer buf =
        ascii(
            "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nab");
    ParserHarness.drive(p, buf, r);
    assertThat(p.state()).isEqualTo(State.CHUNK_DATA);
    assertThat(r.pending().body()).isEqualTo("ab");
  }
}
