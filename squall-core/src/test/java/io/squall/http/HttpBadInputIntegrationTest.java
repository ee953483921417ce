package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and malformed input against a real server: precise statuses, no smuggling, no 500s. */
class HttpBadInputIntegrationTest {
  private final List<String> served = new CopyOnWriteArrayList<>();
  private TestHttpServer server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private void start(HttpServerOptions options) throws Exception {
    server =
        TestHttpServer.start(
            r -> {
              served.add(r.method() + " " + r.uri());
              TestHttpServer.respond(
                  r,
                  200,
                  "ok " + r.uri() + " " + r.remoteIp() + " " + r.protocol() + " " + r.bodyText());
            },
            options);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad request line|GET /\\r\\n\\r\\n|400",
        "lower-case version|GET / http/1.1\\r\\nHost: x\\r\\n\\r\\n|400",
        "space before colon|GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n|400",
        "obs-fold|GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\r\\n b\\r\\n\\r\\n|400",
        "NUL in value|GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\u0000b\\r\\n\\r\\n|400",
        "missing Host|GET / HTTP/1.1\\r\\n\\r\\n|400",
        "unsupported version|GET / HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n|505",
        "unknown transfer coding|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n|501",
        "negative length|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: -1\\r\\n\\r\\n|400",
        "two lengths|POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nab|400",
        "bad chunk size|POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n|400",
      })
  void malformedRequestsGetAPreciseStatusAndAClosedConnection(String name, String raw, int status)
      throws Exception {
    start(HttpServerOptions.defaults());
    String resp = server.exchange(unescape(raw));
    assertThat(resp).startsWith("HTTP/1.1 " + status + " ").contains("Connection: close");
    assertThat(served).isEmpty();
  }

  private static String unescape(String s) {
    return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndNothingIsSmuggled() throws Exception {
    start(HttpServerOptions.defaults());
    String resp =
        server.exchange(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(resp).startsWith("HTTP/1.1 400 ");
    assertThat(resp.split("HTTP/1.1 ", -1)).hasSize(2); // one response only
    assertThat(served).isEmpty();
  }

  @Test
  void oversizedHeadsAndTargetsGet431And414() throws Exception {
    start(HttpServerOptions.builder().maxHeaderSize(1024).maxUriLength(256).build());
    assertThat(server.exchange("GET /" + "a".repeat(400) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 414 ");
    assertThat(
            server.exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431 ");
  }

  @Test
  void randomGarbageNeverGetsAServerErrorOrAStuckConnection() throws Exception {
    start(HttpServerOptions.defaults());
    Random random = new Random(42);
    String[] seeds = {
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
    };
    for (int i = 0; i < 150; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[1 + random.nextInt(300)];
        random.nextBytes(input);
      } else {
        input = seeds[i % seeds.length].getBytes(StandardCharsets.ISO_8859_1);
        for (int m = 0; m < 1 + random.nextInt(4); m++) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      }
      try (Socket s = server.connect()) {
        s.getOutputStream().write(input);
        s.shutdownOutput(); // EOF: the server must answer or close, never wait forever
        String resp = TestHttpServer.readToClose(s.getInputStream());
        if (!resp.isEmpty()) {
          assertThat(resp).as("input %d", i).startsWith("HTTP/1.");
          int status = Integer.parseInt(resp.substring(9, 12));
          assertThat(status).as("input %d: %s", i, resp).isNotIn(500, 502, 503, 504);
        }
      }
    }
    // the server is fine afterwards
    assertThat(server.exchange("GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200 ");
  }

  @Test
  void proxyHeadersAreUsedOnlyWhenTrusted() throws Exception {
    String req =
        "GET /ip HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4, 10.0.0.9\r\n"
            + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n";
    start(HttpServerOptions.defaults());
    assertThat(server.exchange(req)).endsWith("ok /ip 127.0.0.1 http ");
    server.close();
    start(HttpServerOptions.builder().xheaders(true).build());
    assertThat(server.exchange(req)).endsWith("ok /ip 10.0.0.9 https ");
    server.close();
    start(
        HttpServerOptions.builder().xheaders(true).trustedDownstream(List.of("10.0.0.9")).build());
    assertThat(server.exchange(req)).endsWith("ok /ip 1.2.3.4 https ");
    assertThat(
            server.exchange(
                "GET /ip HTTP/1.1\r\nHost: x\r\nX-Real-Ip: not-an-ip\r\nConnection: close\r\n\r\n"))
        .endsWith("ok /ip 127.0.0.1 http ");
  }

  @Test
  void gzipRequestBodiesAreInflatedWhenAsked() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("hello gzip".getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = bytes.toByteArray();
    start(HttpServerOptions.builder().decompressRequest(true).maxBodySize(1000).build());
    String head =
        "POST /z HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nConnection: close\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    assertThat(send(head, body)).endsWith("ok /z 127.0.0.1 http hello gzip");
    // a small bomb: 1 MB of zeros compresses to ~1 KB, over the 1000-byte limit once inflated
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      gz.write(new byte[1_000_000]);
    }
    byte[] b = bomb.toByteArray();
    String head2 =
        "POST /z HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: "
            + b.length
            + "\r\n\r\n";
    assertThat(b.length).isLessThan(1000 * 2);
    String resp = send(head2, b);
    assertThat(resp).startsWith("HTTP/1.1 413 ");
    // corrupt data is a 400
    byte[] corrupt = body.clone();
    corrupt[body.length / 2] ^= 0x55;
    corrupt[body.length / 2 + 1] ^= 0x55;
    assertThat(send(head, corrupt)).startsWith("HTTP/1.1 400 ");
  }

  private String send(String head, byte[] body) throws Exception {
    try (Socket s = server.connect()) {
      s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(body);
      return TestHttpServer.readToClose(s.getInputStream());
    }
  }
}
