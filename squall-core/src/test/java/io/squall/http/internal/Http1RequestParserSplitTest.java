package io.squall.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.internal.ParserHarness.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** However the input is cut into pieces, the parse result is the same. */
class Http1RequestParserSplitTest {

  static Stream<Arguments> requests() {
    String get =
        "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test\r\n"
            + "Accept: */*\r\nCookie: a=1; b=2\r\n\r\n";
    String post =
        "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/x-www-form-urlencoded"
            + "\r\nContent-Length: 13\r\n\r\nname=x&age=42";
    String chunked =
        "PUT /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
            + "5;ext=1\r\nhello\r\n"
            + "1;a;b=\"c;d\"\r\n \r\n"
            + "10\r\n0123456789abcdef\r\n"
            + "0;last\r\nX-Sum: 42\r\nX-More: yes\r\n\r\n";
    String pipelined =
        get
            + post
            + "\r\n" // a stray CRLF between messages, skipped
            + "DELETE /x HTTP/1.0\nConnection: keep-alive\n\n";
    return Stream.of(
        Arguments.of("GET", get, 1),
        Arguments.of("POST", post, 1),
        Arguments.of("chunked", chunked, 1),
        Arguments.of("three pipelined", pipelined + chunked, 4));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<Message> parseWhole(byte[] b) {
    return ParserHarness.run(new Http1RequestParser(), List.of(ByteBuffer.wrap(b)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void wholeInputParses(String name, String raw, int count) {
    List<Message> m = parseWhole(bytes(raw));
    assertThat(m).hasSize(count).allMatch(Message::complete);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void everySplitPointGivesTheSameResult(String name, String raw, int count) {
    byte[] b = bytes(raw);
    List<Message> expected = parseWhole(b);
    for (int cut = 0; cut <= b.length; cut++) {
      List<ByteBuffer> pieces =
          List.of(
              ByteBuffer.wrap(b, 0, cut).slice(), ByteBuffer.wrap(b, cut, b.length - cut).slice());
      assertThat(ParserHarness.run(new Http1RequestParser(), pieces))
          .as("cut at %d", cut)
          .isEqualTo(expected);
      // Same cut with direct buffers (the parser's copying path).
      assertThat(
              ParserHarness.run(
                  new Http1RequestParser(), List.of(direct(b, 0, cut), direct(b, cut, b.length))))
          .as("direct, cut at %d", cut)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void byteByByteGivesTheSameResult(String name, String raw, int count) {
    byte[] b = bytes(raw);
    List<ByteBuffer> pieces = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      pieces.add(ByteBuffer.wrap(b, i, 1).slice());
    }
    assertThat(ParserHarness.run(new Http1RequestParser(), pieces)).isEqualTo(parseWhole(b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void randomSplitsGiveTheSameResult(String name, String raw, int count) {
    byte[] b = bytes(raw);
    List<Message> expected = parseWhole(b);
    Random rnd = new Random(0x5EED + raw.length());
    for (int run = 0; run < 300; run++) {
      List<ByteBuffer> pieces = new ArrayList<>();
      int pos = 0;
      while (pos < b.length) {
        int n = Math.min(b.length - pos, rnd.nextInt(rnd.nextBoolean() ? 4 : 40));
        pieces.add(
            rnd.nextInt(4) == 0 ? direct(b, pos, pos + n) : ByteBuffer.wrap(b, pos, n).slice());
        pos += n;
      }
      assertThat(ParserHarness.run(new Http1RequestParser(), pieces))
          .as("run %d", run)
          .isEqualTo(expected);
    }
  }

  private static ByteBuffer direct(byte[] b, int from, int to) {
    return ByteBuffer.allocateDirect(to - from).put(b, from, to - from).flip();
  }
}
