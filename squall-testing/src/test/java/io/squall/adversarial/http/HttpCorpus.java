package io.squall.adversarial.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the corpus of the differential parsing test: valid requests as real clients send them,
 * systematic mutations of each (line endings, separators, control bytes, framing headers, chunk
 * sizes, request lines), seeded random byte mutations, and hand-written smuggling classics. Every
 * case carries a {@link Case#kind() kind} so disagreements can be grouped and settled per class.
 */
final class HttpCorpus {

  /** One input: a byte string sent on a fresh connection. */
  record Case(String id, String kind, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static final String CRLF = "\r\n";

  /** Valid requests, spelled as curl, browsers, Python requests and the JDK client send them. */
  static final Map<String, String> BASES = new LinkedHashMap<>();

  static {
    BASES.put(
        "curl-get",
        "GET /hello?x=1 HTTP/1.1\r\nHost: localhost:8888\r\nUser-Agent: curl/8.5.0\r\n"
            + "Accept: */*\r\n\r\n");
    BASES.put(
        "browser-get",
        "GET /static/app.js HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive\r\n"
            + "sec-ch-ua: \"Chromium\";v=\"120\"\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
            + "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: en-GB,en;q=0.9\r\n"
            + "Cookie: a=1; b=\"two\"\r\n\r\n");
    BASES.put(
        "form-post",
        "POST /form HTTP/1.1\r\nHost: example.com\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\n"
            + "a=1&b=2&c=3");
    BASES.put(
        "json-post",
        "POST /api/items HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: python-requests/2.31\r\n"
            + "Accept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: keep-alive\r\n"
            + "Content-Length: 16\r\nContent-Type: application/json\r\n\r\n{\"name\": \"spam\"}");
    BASES.put(
        "chunked-post",
        "POST /upload HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Type: text/plain\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    BASES.put(
        "chunked-trailer",
        "POST /t HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n"
            + "Trailer: X-Sum\r\n\r\n3;name=value\r\nabc\r\n0\r\nX-Sum: 3\r\n\r\n");
    BASES.put("http10-get", "GET /old HTTP/1.0\r\nUser-Agent: ab/2.3\r\n\r\n");
    BASES.put(
        "http10-post",
        "POST /old HTTP/1.0\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nabcd");
    BASES.put(
        "jdk-put",
        "PUT /items/7 HTTP/1.1\r\nContent-Length: 3\r\nHost: localhost:9000\r\n"
            + "User-Agent: Java-http-client/21\r\n\r\nxyz");
    BASES.put(
        "pipelined",
        "GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n"
            + "okGET /c HTTP/1.1\r\nHost: h\r\n\r\n");
    BASES.put(
        "absolute-form",
        "GET http://example.com:8080/p?q=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
    BASES.put("options-star", "OPTIONS * HTTP/1.1\r\nHost: example.com\r\n\r\n");
    BASES.put(
        "expect-continue",
        "POST /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
  }

  private HttpCorpus() {}

  /** The whole corpus, in a fixed order (the random part is seeded). */
  static List<Case> generate() {
    List<Case> out = new ArrayList<>();
    BASES.forEach((name, text) -> out.add(new Case("base/" + name, "valid", latin1(text))));
    BASES.forEach((name, text) -> lineMutations(name, text, out));
    framingHeaders(out);
    chunkMutations(out);
    requestLines(out);
    hostVariants(out);
    classics(out);
    randomMutations(out, 20_26_12_03L, 1500);
    return out;
  }

  // ---- systematic mutations of each base: for every line of the head ----

  private static final String[] TERMINATORS = {"\n", "\r", "\r\r\n", "\n\r", "\r \n"};
  private static final String[] ODD_BYTES = {
    "\0", "\u000b", "\u000c", "\r", "\n", "\u007f", "\u0080", "\u00ff", " ", "\t", "\u001b"
  };

  private static void lineMutations(String name, String text, List<Case> out) {
    int headEnd = text.indexOf("\r\n\r\n") + 2;
    String head = text.substring(0, headEnd);
    String rest = text.substring(headEnd + 2); // the body
    String[] lines = head.split("\r\n", -1);
    int n = lines.length - 1; // the last split element is the empty string after the final CRLF
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < TERMINATORS.length; t++) {
        String[] copy = lines.clone();
        out.add(
            c(
                name + "/line" + i + "/term" + t,
                i == 0 ? "terminator-request-line" : "terminator-header",
                join(copy, i, TERMINATORS[t]) + rest));
      }
      if (i == 0) {
        continue;
      }
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String fname = line.substring(0, colon);
      String value = line.substring(colon + 1);
      for (int b = 0; b < ODD_BYTES.length; b++) {
        String odd = ODD_BYTES[b];
        out.add(
            c(
                name + "/line" + i + "/name-suffix" + b,
                "byte-in-name",
                replaceLine(lines, i, fname + odd + ":" + value) + rest));
        out.add(
            c(
                name + "/line" + i + "/name-prefix" + b,
                "byte-before-name",
                replaceLine(lines, i, odd + fname + ":" + value) + rest));
        int mid = value.length() / 2;
        out.add(
            c(
                name + "/line" + i + "/value-mid" + b,
                "byte-in-value",
                replaceLine(
                        lines,
                        i,
                        fname + ":" + value.substring(0, mid) + odd + value.substring(mid))
                    + rest));
        out.add(
            c(
                name + "/line" + i + "/value-end" + b,
                "byte-end-value",
                replaceLine(lines, i, fname + ":" + value + odd) + rest));
      }
      out.add(
          c(
              name + "/line" + i + "/fold",
              isFraming(fname) ? "obs-fold-framing" : "obs-fold",
              replaceLine(lines, i, fname + ":" + CRLF + " " + value.strip()) + rest));
      out.add(
          c(
              name + "/line" + i + "/dup",
              isFraming(fname) ? "duplicate-framing" : "duplicate-header",
              replaceLine(lines, i, line + CRLF + line) + rest));
      out.add(
          c(
              name + "/line" + i + "/drop",
              isFraming(fname) ? "drop-framing" : "drop-header",
              replaceLine(lines, i, null) + rest));
      out.add(
          c(
              name + "/line" + i + "/nocolon",
              "no-colon",
              replaceLine(lines, i, fname + value) + rest));
      out.add(
          c(
              name + "/line" + i + "/upper",
              "name-case",
              replaceLine(lines, i, fname.toUpperCase(java.util.Locale.ROOT) + ":" + value)
                  + rest));
      out.add(
          c(
              name + "/line" + i + "/nospace",
              "value-ows",
              replaceLine(lines, i, fname + ":" + value.strip()) + rest));
      out.add(
          c(
              name + "/line" + i + "/tabs",
              "value-ows",
              replaceLine(lines, i, fname + ":\t" + value.strip() + " \t") + rest));
    }
    // body boundaries: one byte short, one byte extra
    if (!rest.isEmpty()) {
      out.add(c(name + "/body-short", "body-length", head + CRLF + cut(rest)));
      out.add(c(name + "/body-extra", "body-length", text + "X"));
    }
  }

  private static String cut(String rest) {
    return rest.substring(0, rest.length() - 1);
  }

  private static boolean isFraming(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    return n.equals("content-length") || n.equals("transfer-encoding") || n.equals("host");
  }

  private static String join(String[] lines, int special, String term) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < lines.length - 1; k++) {
      sb.append(lines[k]).append(k == special ? term : CRLF);
    }
    return sb.append(CRLF).toString();
  }

  private static String replaceLine(String[] lines, int i, String replacement) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < lines.length - 1; k++) {
      String l = k == i ? replacement : lines[k];
      if (l != null) {
        sb.append(l).append(CRLF);
      }
    }
    return sb.append(CRLF).toString();
  }

  // ---- Content-Length and Transfer-Encoding values ----

  static final String[] CONTENT_LENGTHS = {
    "5",
    "05",
    "+5",
    "-5",
    " 5",
    "5 ",
    "5,5",
    "5, 5",
    "5,6",
    "5,,5",
    ",5",
    "5,",
    "0x5",
    "5.0",
    "5e0",
    "\u00b9",
    "5\u000b",
    "\u000b5",
    "99999999999999999999",
    "9223372036854775807",
    "4294967301",
    "",
    "a"
  };

  static final String[] TRANSFER_ENCODINGS = {
    "chunked",
    "Chunked",
    "CHUNKED",
    "chunked, chunked",
    "chunked,chunked",
    "identity, chunked",
    "gzip, chunked",
    "chunked, gzip",
    "chunked, identity",
    "identity",
    "gzip",
    " chunked",
    "chunked ",
    "\tchunked",
    "\u000bchunked",
    "chunked\u000b",
    "\u000cchunked",
    "chunked\r",
    "xchunked",
    "chunked;q=1.0",
    "chunk",
    "chunked, ",
    ", chunked",
    "\"chunked\"",
    "chunked\u0000",
    ""
  };

  private static void framingHeaders(List<Case> out) {
    String start = "POST /f HTTP/1.1\r\nHost: h\r\n";
    String chunkedBody = "5\r\nhello\r\n0\r\n\r\n";
    String after = "GET /next HTTP/1.1\r\nHost: h\r\n\r\n";
    for (int k = 0; k < CONTENT_LENGTHS.length; k++) {
      String cl = CONTENT_LENGTHS[k];
      out.add(
          c(
              "cl/" + k,
              "content-length-value",
              start + "Content-Length: " + cl + "\r\n\r\nhello" + after));
      out.add(
          c(
              "cl-twice/" + k,
              "content-length-twice",
              start + "Content-Length: 5\r\nContent-Length: " + cl + "\r\n\r\nhello" + after));
      out.add(
          c(
              "cl-10/" + k,
              "http10-content-length",
              "POST /f HTTP/1.0\r\nContent-Length: " + cl + "\r\n\r\nhello"));
    }
    for (int k = 0; k < TRANSFER_ENCODINGS.length; k++) {
      String te = TRANSFER_ENCODINGS[k];
      out.add(
          c(
              "te/" + k,
              "transfer-encoding-value",
              start + "Transfer-Encoding: " + te + "\r\n\r\n" + chunkedBody + after));
      out.add(
          c(
              "te-twice/" + k,
              "transfer-encoding-twice",
              start
                  + "Transfer-Encoding: chunked\r\nTransfer-Encoding: "
                  + te
                  + "\r\n\r\n"
                  + chunkedBody
                  + after));
      out.add(
          c(
              "te-cl/" + k,
              "te-and-cl",
              start
                  + "Content-Length: 4\r\nTransfer-Encoding: "
                  + te
                  + "\r\n\r\n"
                  + chunkedBody
                  + after));
      out.add(
          c(
              "cl-te/" + k,
              "te-and-cl",
              start
                  + "Transfer-Encoding: "
                  + te
                  + "\r\nContent-Length: 19\r\n\r\n"
                  + chunkedBody
                  + after));
      out.add(
          c(
              "te-10/" + k,
              "http10-transfer-encoding",
              "POST /f HTTP/1.0\r\nTransfer-Encoding: " + te + "\r\n\r\n" + chunkedBody));
      out.add(
          c(
              "te-name/" + k,
              "transfer-encoding-name",
              start
                  + "Transfer-Encoding"
                  + (k % 2 == 0 ? " " : "\t")
                  + ": chunked\r\n\r\n"
                  + chunkedBody
                  + after));
    }
  }

  // ---- chunked body framing ----

  static final String[] CHUNK_SIZES = {
    "5",
    "05",
    "0005",
    "5 ",
    " 5",
    "5\t",
    "+5",
    "-5",
    "0x5",
    "5;",
    "5;a",
    "5;a=b",
    "5 ;a=b",
    "5; a = b",
    "5;a=\"b c\"",
    "5;a=\"unterminated",
    "5;a=\"b\\\"c\"",
    "5;=b",
    "5;a=",
    "5\u0000",
    "5\u000b",
    "fffffffffffffffff5",
    "10000000000000005",
    "5z",
    "z5",
    "",
    "5;a\u0001"
  };

  private static void chunkMutations(List<Case> out) {
    String start = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    String after = "GET /next HTTP/1.1\r\nHost: h\r\n\r\n";
    for (int k = 0; k < CHUNK_SIZES.length; k++) {
      out.add(
          c(
              "chunk-size/" + k,
              "chunk-size",
              start + CHUNK_SIZES[k] + "\r\nhello\r\n0\r\n\r\n" + after));
      out.add(
          c(
              "chunk-last/" + k,
              "last-chunk",
              start + "5\r\nhello\r\n" + CHUNK_SIZES[k].replace('5', '0') + "\r\n\r\n" + after));
    }
    String[][] variants = {
      {"size-lf", "5\nhello\r\n0\r\n\r\n"},
      {"data-lf", "5\r\nhello\n0\r\n\r\n"},
      {"data-cr", "5\r\nhello\r0\r\n\r\n"},
      {"data-none", "5\r\nhello0\r\n\r\n"},
      {"data-long", "5\r\nhelloX\r\n0\r\n\r\n"},
      {"data-short", "5\r\nhell\r\n0\r\n\r\n"},
      {"last-lf", "5\r\nhello\r\n0\n\r\n"},
      {"end-lf", "5\r\nhello\r\n0\r\n\n"},
      {"end-missing", "5\r\nhello\r\n0\r\n"},
      {"trailer", "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"},
      {"trailer-lf", "5\r\nhello\r\n0\r\nX-T: 1\n\r\n"},
      {"trailer-fold", "5\r\nhello\r\n0\r\nX-T: 1\r\n 2\r\n\r\n"},
      {"trailer-nocolon", "5\r\nhello\r\n0\r\nX-T\r\n\r\n"},
      {"trailer-space", "5\r\nhello\r\n0\r\nX-T : 1\r\n\r\n"},
      {"trailer-cl", "5\r\nhello\r\n0\r\nContent-Length: 50\r\n\r\n"},
      {"trailer-te", "5\r\nhello\r\n0\r\nTransfer-Encoding: chunked\r\n\r\n"},
      {"upper-hex", "A\r\n0123456789\r\n0\r\n\r\n"},
      {"lower-hex", "a\r\n0123456789\r\n0\r\n\r\n"},
      {"zero-then-data", "0\r\n\r\nhello"},
      {"many-zeros", "000000000000000000000000000000005\r\nhello\r\n0\r\n\r\n"},
      {"no-last-chunk", "5\r\nhello\r\n"},
      {"empty-chunk-line", "\r\n5\r\nhello\r\n0\r\n\r\n"},
    };
    for (String[] v : variants) {
      out.add(c("chunk/" + v[0], "chunk-framing", start + v[1] + after));
    }
  }

  // ---- request lines ----

  static final String[] REQUEST_LINES = {
    "GET / HTTP/1.1",
    "GET  / HTTP/1.1",
    "GET /  HTTP/1.1",
    "GET\t/ HTTP/1.1",
    "GET /\tHTTP/1.1",
    " GET / HTTP/1.1",
    "GET / HTTP/1.1 ",
    "GET / http/1.1",
    "GET / HTTP/1.10",
    "GET / HTTP/1.2",
    "GET / HTTP/1.9",
    "GET / HTTP/2.0",
    "GET / HTTP/0.9",
    "GET / HTTP/1",
    "GET / HTTP/1.",
    "GET / HTTP/ 1.1",
    "GET / HTTP/11",
    "GET / HTTP/1.1/",
    "GET /",
    "GET / HTTP/1.1 extra",
    "get / HTTP/1.1",
    "G@T / HTTP/1.1",
    "G(T / HTTP/1.1",
    "GET\u0000 / HTTP/1.1",
    "CUSTOM-METHOD_1 / HTTP/1.1",
    "GET /a b HTTP/1.1",
    "GET /a\u0000b HTTP/1.1",
    "GET /a\u007fb HTTP/1.1",
    "GET /a\u00e9b HTTP/1.1",
    "GET /a#frag HTTP/1.1",
    "GET /a\"b HTTP/1.1",
    "GET /a<b> HTTP/1.1",
    "GET /a{b} HTTP/1.1",
    "GET /a\\b HTTP/1.1",
    "GET /a|b HTTP/1.1",
    "GET /a^b HTTP/1.1",
    "GET /a`b HTTP/1.1",
    "GET ? HTTP/1.1",
    "GET * HTTP/1.1",
    "GET example.com:80 HTTP/1.1",
    "CONNECT example.com:443 HTTP/1.1",
    "GET http://other.example/x HTTP/1.1",
    "GET https://u:p@example.com/x HTTP/1.1",
    "GET //double/slash HTTP/1.1",
    "GET /%00 HTTP/1.1",
    "GET /%zz HTTP/1.1",
    " / HTTP/1.1",
    "GET  HTTP/1.1",
    "GET HTTP/1.1",
    "",
  };

  private static void requestLines(List<Case> out) {
    for (int k = 0; k < REQUEST_LINES.length; k++) {
      String rl = REQUEST_LINES[k];
      out.add(c("request-line/" + k, "request-line", rl + "\r\nHost: h\r\n\r\n"));
      out.add(c("request-line-lf/" + k, "request-line", rl + "\nHost: h\n\n"));
    }
    for (int k = 0; k < 20; k++) {
      out.add(
          c(
              "leading-crlf/" + k,
              "leading-empty-lines",
              "\r\n".repeat(k) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    }
    out.add(c("leading-space", "leading-empty-lines", " \r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    out.add(c("leading-lf", "leading-empty-lines", "\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  }

  private static void hostVariants(List<Case> out) {
    String[] hosts = {
      "h",
      "",
      " ",
      "h:80",
      "h:",
      "[::1]:80",
      "[::1",
      "1.2.3.4",
      "h h",
      "h/p",
      "h?q",
      "h#f",
      "u@h",
      "u:p@h",
      "h%20x",
      "h%zz",
      "h\u0000",
      "h\u00e9",
      "h:80:90",
      "h,other",
      "\"h\""
    };
    for (int k = 0; k < hosts.length; k++) {
      out.add(c("host/" + k, "host-value", "GET / HTTP/1.1\r\nHost: " + hosts[k] + "\r\n\r\n"));
    }
    out.add(c("host/missing", "host-count", "GET / HTTP/1.1\r\nX: y\r\n\r\n"));
    out.add(c("host/twice-same", "host-count", "GET / HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n"));
    out.add(c("host/twice-diff", "host-count", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    out.add(c("host/http10-missing", "host-count", "GET / HTTP/1.0\r\n\r\n"));
    out.add(c("host/http10-twice", "host-count", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"));
  }

  // ---- hand-written smuggling classics (Netty's and Jetty's advisories among them) ----

  /** The smuggling cases, and two that Squall accepts (bare LF ends head lines, RFC 9112 2.2). */
  static final Map<String, String> CLASSICS = new LinkedHashMap<>(SmugglingCases.ALL);

  static {
    CLASSICS.put("bare-LF-head", "GET / HTTP/1.1\nHost: h\nContent-Length: 3\n\nabc");
    CLASSICS.put(
        "head-then-lf-cr-lf",
        "GET / HTTP/1.1\r\nHost: h\r\n\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n");
  }

  private static void classics(List<Case> out) {
    CLASSICS.forEach((name, text) -> out.add(c("classic/" + name, "classic", text)));
  }

  // ---- seeded random byte mutations of the bases ----

  private static final byte[] INTERESTING = {
    0,
    '\r',
    '\n',
    ' ',
    '\t',
    0x0b,
    0x0c,
    ':',
    ',',
    ';',
    '"',
    '\\',
    '0',
    '9',
    'f',
    0x7f,
    (byte) 0x80,
    (byte) 0xff,
    '-',
    '+'
  };

  private static void randomMutations(List<Case> out, long seed, int count) {
    Random r = new Random(seed);
    List<byte[]> bases = new ArrayList<>();
    BASES.values().forEach(t -> bases.add(latin1(t)));
    for (int k = 0; k < count; k++) {
      byte[] b = bases.get(r.nextInt(bases.size())).clone();
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits; e++) {
        b = mutate(b, r);
      }
      out.add(new Case("random/" + k, "random", b));
    }
  }

  private static byte[] mutate(byte[] b, Random r) {
    if (b.length == 0) {
      return new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]};
    }
    int at = r.nextInt(b.length);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    switch (r.nextInt(4)) {
      case 0 -> { // replace
        b[at] =
            r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        return b;
      }
      case 1 -> { // insert
        o.write(b, 0, at);
        o.write(INTERESTING[r.nextInt(INTERESTING.length)]);
        o.write(b, at, b.length - at);
      }
      case 2 -> { // delete
        o.write(b, 0, at);
        o.write(b, at + 1, b.length - at - 1);
      }
      default -> { // duplicate a slice
        int len = Math.min(1 + r.nextInt(16), b.length - at);
        o.write(b, 0, at + len);
        o.write(b, at, b.length - at);
      }
    }
    return o.toByteArray();
  }

  private static Case c(String id, String kind, String text) {
    return new Case(id, kind, latin1(text));
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
