package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyArgumentsTest {
  private final Map<String, List<String>> args = new LinkedHashMap<>();
  private final Map<String, List<HttpFile>> files = new LinkedHashMap<>();

  private static byte[] crlf(String s) {
    return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private void multipart(String boundaryParam, byte[] body) {
    BodyArguments.parseBodyArguments(
        "multipart/form-data; boundary=" + boundaryParam, body, args, files);
  }

  // ---- query strings ----

  @Test
  void queryKeepsOrderRepeatsAndBlanks() {
    Map<String, List<String>> q = BodyArguments.parseQueryString("a=1&b&a=&&c=%20&d=x+y");
    assertThat(q.keySet()).containsExactly("a", "b", "c", "d");
    assertThat(q.get("a")).containsExactly("1", "");
    assertThat(q.get("b")).containsExactly("");
    assertThat(q.get("c")).containsExactly(" ");
    assertThat(q.get("d")).containsExactly("x y");
  }

  @Test
  void queryDecodesNamesAndUtf8() {
    Map<String, List<String>> q = BodyArguments.parseQueryString("n%C3%A4me=caf%C3%A9&=v&k==x");
    assertThat(q.get("n\u00e4me")).containsExactly("caf\u00e9");
    assertThat(q.get("")).containsExactly("v");
    assertThat(q.get("k")).containsExactly("=x");
  }

  @Test
  void querySemicolonIsNotASeparator() {
    assertThat(BodyArguments.parseQueryString("a=1;b=2")).containsOnlyKeys("a");
  }

  @Test
  void malformedEscapesStayLiteral() {
    Map<String, List<String>> q = BodyArguments.parseQueryString("a=%zz&b=%4&c=100%");
    assertThat(q.get("a")).containsExactly("%zz");
    assertThat(q.get("b")).containsExactly("%4");
    assertThat(q.get("c")).containsExactly("100%");
  }

  @Test
  void rawLatin1BytesFromTheTargetAreDecodedAsUtf8() {
    // "é" arrived as two raw bytes C3 A9, which the start line holds as two Latin-1 chars.
    assertThat(BodyArguments.parseQueryString("x=\u00c3\u00a9").get("x")).containsExactly("\u00e9");
  }

  @Test
  void invalidUtf8IsA400NotAReplacement() {
    assertThatThrownBy(() -> BodyArguments.parseQueryString("a=%FF"))
        .isInstanceOfSatisfying(
            HttpInputException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> BodyArguments.parseQueryString("%C3=1"))
        .isInstanceOf(HttpInputException.class);
    assertThat(BodyArguments.parseQueryString("a=%FF", StandardCharsets.ISO_8859_1).get("a"))
        .containsExactly("\u00ff");
  }

  @Test
  void emptyQuery() {
    assertThat(BodyArguments.parseQueryString("")).isEmpty();
    assertThat(BodyArguments.parseQueryString(null)).isEmpty();
    assertThat(BodyArguments.parseQueryString("&&")).isEmpty();
  }

  // ---- urlencoded bodies ----

  @Test
  void formBodyAddsToExistingArguments() {
    args.put("a", new java.util.ArrayList<>(List.of("from-query")));
    BodyArguments.parseBodyArguments(
        "application/x-www-form-urlencoded; charset=UTF-8",
        "a=1&b=%E2%82%AC".getBytes(StandardCharsets.US_ASCII),
        args,
        files);
    assertThat(args.get("a")).containsExactly("from-query", "1");
    assertThat(args.get("b")).containsExactly("\u20ac");
    assertThat(files).isEmpty();
  }

  @Test
  void formBodyWithInvalidUtf8IsA400() {
    assertThatThrownBy(
            () ->
                BodyArguments.parseBodyArguments(
                    "application/x-www-form-urlencoded",
                    new byte[] {'a', '=', (byte) 0xC3},
                    args,
                    files))
        .isInstanceOf(HttpInputException.class);
    assertThat(args).isEmpty();
  }

  @Test
  void otherContentTypesAreIgnored() {
    BodyArguments.parseBodyArguments("application/json", "{\"a\":1}".getBytes(), args, files);
    BodyArguments.parseBodyArguments(null, "a=1".getBytes(), args, files);
    BodyArguments.parseBodyArguments(
        "application/x-www-form-urlencodedX", "a=1".getBytes(), args, files);
    assertThat(args).isEmpty();
  }

  // ---- multipart ----

  @Test
  void fileUpload() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="files"; filename="ab.txt"

            Foo
            --1234--"""));
    HttpFile f = files.get("files").get(0);
    assertThat(f.filename()).isEqualTo("ab.txt");
    assertThat(f.body()).isEqualTo("Foo".getBytes());
    assertThat(f.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void fieldsAndFilesTogether() {
    multipart(
        "\"AaB03x\"",
        crlf(
            """
            preamble to ignore
            --AaB03x
            Content-Disposition: form-data; name="submit-name"

            Larry
            --AaB03x
            content-disposition: form-data; name="files"; filename="file1.txt"
            Content-Type: text/plain

            ... contents of file1.txt ...
            --AaB03x
            Content-Disposition: form-data; name="submit-name"

            Second
            line
            --AaB03x
            Content-Disposition: form-data; name="empty"; filename=""


            --AaB03x--
            epilogue to ignore
            """));
    assertThat(args.keySet()).containsExactly("submit-name", "empty");
    assertThat(args.get("submit-name")).containsExactly("Larry", "Second\r\nline");
    assertThat(args.get("empty")).containsExactly("");
    HttpFile f = files.get("files").get(0);
    assertThat(f.contentType()).isEqualTo("text/plain");
    assertThat(new String(f.body(), StandardCharsets.UTF_8))
        .isEqualTo("... contents of file1.txt ...");
  }

  @Test
  void unquotedParameters() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name=files; filename=ab.txt

            Foo
            --1234--"""));
    assertThat(files.get("files").get(0).filename()).isEqualTo("ab.txt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a;b.txt",
        "a\"b.txt",
        "a\";b.txt",
        "a;\"b.txt",
        "a\";\";.txt",
        "a\\\"b.txt",
        "a\\b.txt",
        "a b.txt",
        "a\tb.txt"
      })
  void specialFilenames(String filename) {
    String escaped = filename.replace("\\", "\\\\").replace("\"", "\\\"");
    multipart(
        "1234",
        crlf(
            "--1234\nContent-Disposition: form-data; name=\"files\"; filename=\""
                + escaped
                + "\"\n\nFoo\n--1234--"));
    assertThat(files.get("files").get(0).filename()).isEqualTo(filename);
  }

  @Test
  void unescapedBackslashesInFilenamesSurvive() {
    multipart(
        "1234",
        crlf(
            "--1234\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\dir\\a.txt\"\n\nx\n--1234--"));
    assertThat(files.get("f").get(0).filename()).isEqualTo("C:\\dir\\a.txt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb.txt", "a\u0000b.txt", "a\u0008b.txt"})
  void controlCharsInPartHeadersAreRefused(String filename) {
    assertThatThrownBy(
            () ->
                multipart(
                    "1234",
                    crlf(
                        "--1234\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + filename
                            + "\"\n\nFoo\n--1234--")))
        .isInstanceOf(HttpInputException.class);
    assertThat(files).isEmpty();
  }

  @Test
  void rfc5987FilenameWins() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="files"; filename="ab.txt"; filename*=UTF-8''%C3%A1b.txt

            Foo
            --1234--"""));
    assertThat(files.get("files").get(0).filename()).isEqualTo("\u00e1b.txt");
  }

  @Test
  void rawUtf8Filename() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="files"; filename="\u6d4b\u8bd5.txt"

            Foo
            --1234--"""));
    assertThat(files.get("files").get(0).filename()).isEqualTo("\u6d4b\u8bd5.txt");
  }

  @Test
  void emptyPartBodySharingTheDelimiterCrlf() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="files"; filename="ab.txt"

            --1234--"""));
    assertThat(files.get("files").get(0).body()).isEmpty();
  }

  @Test
  void dataAfterFinalBoundaryIsIgnored() {
    multipart(
        "1234",
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="a"

            1
            --1234--
            trailing junk
            --1234
            """));
    assertThat(args.get("a")).containsExactly("1");
  }

  @Test
  void binaryFileBodyIsKeptRaw() {
    byte[] head = crlf("--b\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\n\n");
    byte[] data = {0, (byte) 0xFF, '\r', '\n', '-', '-', 'b', 'x', 13};
    byte[] tail = crlf("\n--b--\n");
    byte[] body = new byte[head.length + data.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(data, 0, body, head.length, data.length);
    System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
    assertThatThrownBy(() -> multipart("b", body)).isInstanceOf(HttpInputException.class);
    // "\r\n--bx" is a delimiter followed by junk: malformed. With a longer boundary it is data:
    byte[] body2 =
        new String(body, StandardCharsets.ISO_8859_1)
            .replace("--b\r\nC", "--bound\r\nC")
            .replace("--b--", "--bound--")
            .getBytes(StandardCharsets.ISO_8859_1);
    multipart("bound", body2);
    assertThat(files.get("f").get(0).body()).isEqualTo(data);
  }

  static String[] malformed() {
    return new String[] {
      // no final boundary
      "--1234\nContent-Disposition: form-data; name=\"a\"\n\nFoo\n",
      // missing headers
      "--1234\n\nFoo\n--1234--",
      // not form-data
      "--1234\nContent-Disposition: invalid; name=\"files\"; filename=\"ab.txt\"\n\nFoo\n--1234--",
      // no CRLF before the boundary
      "--1234\nContent-Disposition: form-data; name=\"files\"; filename=\"ab.txt\"\n\nFoo--1234--",
      // no name
      "--1234\nContent-Disposition: form-data; filename=\"ab.txt\"\n\nFoo\n--1234--",
      // empty name
      "--1234\nContent-Disposition: form-data; name=\"\"\n\nFoo\n--1234--",
      // no Content-Disposition
      "--1234\nContent-Type: text/plain\n\nFoo\n--1234--",
      // two Content-Dispositions
      "--1234\nContent-Disposition: form-data; name=a\nContent-Disposition: form-data; name=b\n\nx\n--1234--",
      // folded header
      "--1234\nContent-Disposition: form-data;\n name=a\n\nx\n--1234--",
      // header without colon
      "--1234\nContent-Disposition form-data; name=a\n\nx\n--1234--",
      // no boundary at all
      "just some text",
      // junk after the boundary
      "--1234junk\nContent-Disposition: form-data; name=a\n\nx\n--1234--",
      // field value that is not UTF-8
      "--1234\nContent-Disposition: form-data; name=a\n\n\u00ff\n--1234--",
      // empty body
      "",
    };
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("malformed")
  void malformedMultipartIsA400AndAddsNothing(String body) {
    byte[] bytes = body.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    args.put("keep", new java.util.ArrayList<>(List.of("me")));
    assertThatThrownBy(() -> multipart("1234", bytes))
        .isInstanceOfSatisfying(
            HttpInputException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("Invalid multipart/form-data");
            });
    assertThat(args).containsOnlyKeys("keep");
    assertThat(files).isEmpty();
  }

  @Test
  void errorInALaterPartLeavesEarlierPartsOut() {
    byte[] body =
        crlf(
            "--1234\nContent-Disposition: form-data; name=\"ok\"\n\n1\n"
                + "--1234\nContent-Disposition: form-data\n\n2\n--1234--");
    assertThatThrownBy(() -> multipart("1234", body)).isInstanceOf(HttpInputException.class);
    assertThat(args).isEmpty();
  }

  @Test
  void missingBoundaryParameter() {
    assertThatThrownBy(
            () -> BodyArguments.parseBodyArguments("multipart/form-data", new byte[0], args, files))
        .isInstanceOf(HttpInputException.class)
        .hasMessageContaining("boundary");
    assertThatThrownBy(
            () ->
                BodyArguments.parseBodyArguments(
                    "multipart/form-data; boundary=", new byte[0], args, files))
        .isInstanceOf(HttpInputException.class);
  }

  @Test
  void limits() {
    byte[] body =
        crlf(
            """
            --1234
            Content-Disposition: form-data; name="files"; filename="ab.txt"

            --1234--""");
    assertThatThrownBy(
            () ->
                BodyArguments.parseBodyArguments(
                    "multipart/form-data; boundary=1234",
                    body,
                    args,
                    files,
                    new MultipartLimits(0, 1000)))
        .hasMessageContaining("too many parts")
        // GHSA-qjxf-f2mg-c6mc: over the part limit is 413, like any body over a limit
        .satisfies(e -> assertThat(((HttpInputException) e).status()).isEqualTo(413));
    assertThatThrownBy(
            () ->
                BodyArguments.parseBodyArguments(
                    "multipart/form-data; boundary=1234",
                    body,
                    args,
                    files,
                    new MultipartLimits(10, 10)))
        .hasMessageContaining("headers too large");
    BodyArguments.parseBodyArguments(
        "multipart/form-data; boundary=1234", body, args, files, new MultipartLimits(1, 1000));
    assertThat(files).containsKey("files");
  }

  @Test
  void semicolonsInQuotedParametersParseLinearly() {
    int n = 200_000;
    byte[] body =
        ("--1234\r\nContent-Disposition: form-data; x=\""
                + ";".repeat(n)
                + "\"; name=\"files\"; filename=\"a.txt\"\r\n\r\nFoo\r\n--1234--\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    BodyArguments.parseBodyArguments(
        "multipart/form-data; boundary=1234", body, args, files, new MultipartLimits(10, n + 1000));
    assertThat(files.get("files").get(0).filename()).isEqualTo("a.txt");
  }
}
