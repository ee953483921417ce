package io.squall.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad request, fed whole and byte by byte, gets its status. */
class Http1RequestParserBadInputTest {
  private static final String H = "Host: h\r\n";
  private static final String POST = "POST / HTTP/1.1\r\n" + H;
  private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        // request line
        bad("one space only", "GET /HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("two spaces before target", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("two spaces before version", "GET /  HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("trailing space", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400),
        bad("tab as separator", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("missing version", "GET /\r\n" + H + "\r\n", 400),
        bad("missing target", "GET HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("lower-case version", "GET / http/1.1\r\n" + H + "\r\n", 400),
        bad("version without minor", "GET / HTTP/1\r\n" + H + "\r\n", 400),
        bad("two-digit major", "GET / HTTP/11.1\r\n" + H + "\r\n", 400),
        bad("version junk", "GET / HTTP/1.1x\r\n" + H + "\r\n", 400),
        bad("garbage line", "asdf\r\n\r\n", 400),
        bad("method with comma", "FOO,BAR / HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("method with slash", "GE/T / HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("empty method", " / HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("control char in target", "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("DEL in target", "GET /a\u007fb HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("NUL in method", "GE\u0000T / HTTP/1.1\r\n" + H + "\r\n", 400),
        bad("bare CR ends request line", "GET / HTTP/1.1\r" + H + "\r\n", 400),
        bad("too many leading empty lines", "\r\n".repeat(17) + "GET / HTTP/1.0\r\n\r\n", 400),
        bad("HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505),
        bad("HTTP/0.9", "GET / HTTP/0.9\r\n" + H + "\r\n", 505),
        bad("HTTP/3.1", "GET / HTTP/3.1\r\n" + H + "\r\n", 505),
        bad(
            "request line too long",
            "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + H + "\r\n",
            414),
        bad("endless request line", "GET /" + "a".repeat(9000), 414),
        // header lines
        bad("no colon", "GET / HTTP/1.0\r\nasdf\r\n\r\n", 400),
        bad("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
        bad("tab before colon", "GET / HTTP/1.1\r\n" + H + "X\t: y\r\n\r\n", 400),
        bad("empty name", "GET / HTTP/1.1\r\n" + H + ": y\r\n\r\n", 400),
        bad("invalid name char", "GET / HTTP/1.1\r\n" + H + "X(y): z\r\n\r\n", 400),
        bad("non-ASCII name", "GET / HTTP/1.1\r\n" + H + "X\u00e9: z\r\n\r\n", 400),
        bad("obs-fold", "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n", 400),
        bad("obs-fold with tab", "GET / HTTP/1.1\r\n" + H + "X: a\r\n\tb\r\n\r\n", 400),
        bad("space before first header", "GET / HTTP/1.1\r\n " + H + "\r\n", 400),
        bad("NUL in value", "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n", 400),
        bad("bare CR in value", "GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n", 400),
        bad("CR CR LF", "GET / HTTP/1.1\r\n" + H + "X: a\r\r\n\r\n", 400),
        bad("vertical tab in value", "GET / HTTP/1.1\r\n" + H + "X: a\u000bb\r\n\r\n", 400),
        bad("form feed in value", "GET / HTTP/1.1\r\n" + H + "X: a\u000cb\r\n\r\n", 400),
        bad("escape in value", "GET / HTTP/1.1\r\n" + H + "X: a\u001bb\r\n\r\n", 400),
        bad("DEL in value", "GET / HTTP/1.1\r\n" + H + "X: a\u007fb\r\n\r\n", 400),
        bad("bare CR as final line", "GET / HTTP/1.1\r\n" + H + "\r\r\n", 400),
        bad(
            "head too large",
            "GET / HTTP/1.1\r\n" + H + ("X: " + "v".repeat(1000) + "\r\n").repeat(70) + "\r\n",
            431),
        bad("one huge header", "GET / HTTP/1.1\r\n" + H + "X: " + "v".repeat(70_000), 431),
        bad("too many headers", "GET / HTTP/1.1\r\n" + H + "X: v\r\n".repeat(300) + "\r\n", 431),
        // Host
        bad("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400),
        bad("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
        bad("two Host headers in 1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400),
        bad("Host with space", "GET / HTTP/1.0\r\nHost: foo bar\r\n\r\n", 400),
        bad("Host with list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", 400),
        bad("Host with slash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
        bad("Host with bad escape", "GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n", 400),
        // Content-Length
        bad(
            "differing Content-Length in one header",
            POST + "Content-Length: 5, 6\r\n\r\nhello",
            400),
        bad(
            "differing Content-Length headers",
            POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            400),
        // found by the differential test (issue 16): Tornado and h11 compare the values as written
        bad("same value, other digits", POST + "Content-Length: 5, 05\r\n\r\nhello", 400),
        bad(
            "same value, other digits, two headers",
            POST + "Content-Length: 5\r\nContent-Length: 005\r\n\r\nhello",
            400),
        bad("non-numeric Content-Length", POST + "Content-Length: foo\r\n\r\n", 400),
        bad("plus sign", POST + "Content-Length: +10\r\n\r\n", 400),
        bad("negative", POST + "Content-Length: -1\r\n\r\n", 400),
        bad("underscore", POST + "Content-Length: 1_0\r\n\r\n", 400),
        bad("hex", POST + "Content-Length: 0x10\r\n\r\n", 400),
        bad("decimal point", POST + "Content-Length: 1.0\r\n\r\n", 400),
        bad("empty", POST + "Content-Length:\r\n\r\n", 400),
        bad("trailing comma", POST + "Content-Length: 5,\r\n\r\nhello", 400),
        bad("inner space", POST + "Content-Length: 1 0\r\n\r\n", 400),
        bad("overflow", POST + "Content-Length: 9223372036854775808\r\n\r\n", 400),
        bad("huge overflow", POST + "Content-Length: 99999999999999999999999\r\n\r\n", 400),
        // Transfer-Encoding
        bad(
            "both CL and TE",
            POST + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\nok\r\n0\r\n\r\n",
            400),
        bad(
            "TE in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400),
        bad("gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
        bad("gzip alone", POST + "Transfer-Encoding: gzip\r\n\r\n", 501),
        bad("chunked not last", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n", 501),
        bad("identity", POST + "Transfer-Encoding: identity\r\n\r\n", 501),
        bad("chunked with params", POST + "Transfer-Encoding: chunked;q=1\r\n\r\n", 501),
        bad("chunked twice", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400),
        bad(
            "chunked twice in two headers",
            POST + "Transfer-Encoding: chunked\r\nTransfer-encoding: chunked\r\n\r\n",
            400),
        bad("empty TE element", POST + "Transfer-Encoding: , chunked\r\n\r\n", 400),
        bad("empty TE", POST + "Transfer-Encoding:\r\n\r\n", 400),
        // chunked body
        bad("non-hex chunk size", CHUNKED + "xyz\r\nabc\r\n0\r\n\r\n", 400),
        bad(
            "underscore in chunk size",
            CHUNKED + "1_a\r\n" + "a".repeat(26) + "\r\n0\r\n\r\n",
            400),
        bad("empty chunk size", CHUNKED + "\r\nabc\r\n0\r\n\r\n", 400),
        bad("negative chunk size", CHUNKED + "-1\r\nabc\r\n0\r\n\r\n", 400),
        bad("0x prefix", CHUNKED + "0x3\r\nabc\r\n0\r\n\r\n", 400),
        bad("chunk size overflow", CHUNKED + "10000000000000000\r\n", 400),
        bad("chunk size too long", CHUNKED + "0".repeat(5000) + "1\r\na\r\n0\r\n\r\n", 400),
        bad("space after size", CHUNKED + "3 \r\nabc\r\n0\r\n\r\n", 400),
        bad("space before size", CHUNKED + " 3\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext without name", CHUNKED + "3;\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext without value", CHUNKED + "3;a=\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext bad name", CHUNKED + "3;a@b\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext unterminated quote", CHUNKED + "3;a=\"b\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext without semicolon", CHUNKED + "3 a\r\nabc\r\n0\r\n\r\n", 400),
        bad("ext NUL", CHUNKED + "3;a=\"\u0000\"\r\nabc\r\n0\r\n\r\n", 400),
        bad("bare LF after chunk size", CHUNKED + "3\nabc\r\n0\r\n\r\n", 400),
        bad("bare CR in chunk line", CHUNKED + "3\r;x\r\nabc\r\n0\r\n\r\n", 400),
        bad("missing CRLF after data", CHUNKED + "3\r\nabcd\r\n0\r\n\r\n", 400),
        bad("LF only after data", CHUNKED + "3\r\nabc\n0\r\n\r\n", 400),
        bad("CR only after data", CHUNKED + "3\r\nabc\r0\r\n\r\n", 400),
        bad("bare LF ends trailers", CHUNKED + "0\r\n\n", 400),
        bad("bare LF trailer line", CHUNKED + "0\r\nX: y\n\r\n", 400),
        bad("bad trailer name", CHUNKED + "0\r\nX y: z\r\n\r\n", 400),
        bad("obs-fold in trailers", CHUNKED + "0\r\nX: y\r\n z\r\n\r\n", 400),
        bad("NUL in trailer", CHUNKED + "0\r\nX: \u0000\r\n\r\n", 400),
        bad(
            "trailers too large",
            CHUNKED + "0\r\n" + ("X: " + "v".repeat(1000) + "\r\n").repeat(70) + "\r\n",
            431));
  }

  private static Arguments bad(String name, String raw, int status) {
    return Arguments.of(name, raw, status);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("cases")
  void wholeInput(String name, String raw, int status) {
    assertThat(statusOf(List.of(bytes(raw)))).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("cases")
  void byteByByte(String name, String raw, int status) {
    byte[] b = bytes(raw).array();
    List<ByteBuffer> pieces = new java.util.ArrayList<>();
    for (byte x : b) {
      pieces.add(ByteBuffer.wrap(new byte[] {x}));
    }
    assertThat(statusOf(pieces)).isEqualTo(status);
  }

  private static ByteBuffer bytes(String raw) {
    return ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static int statusOf(List<ByteBuffer> pieces) {
    Http1RequestParser p = new Http1RequestParser();
    HttpParseException e =
        catchThrowableOfType(HttpParseException.class, () -> ParserHarness.run(p, pieces));
    assertThat(e).as("expected a parse error").isNotNull();
    assertThat(e.closeConnection()).isTrue();
    assertThat(p.state()).isEqualTo(Http1RequestParser.State.FAILED);
    return e.status();
  }
}
