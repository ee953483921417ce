package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 server against real clients: the JDK HttpClient and raw sockets. */
class HttpServerIntegrationTest {
  private TestHttpServer server;
  private HttpClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Echoes method, uri, body size and the argument {@code a}. */
  private static void echo(HttpServerRequest r) {
    String a = r.arguments().containsKey("a") ? String.join(",", r.arguments().get("a")) : "-";
    TestHttpServer.respond(
        r, 200, r.method() + " " + r.uri() + " " + r.body().length + " a=" + a + " " + r.version());
  }

  private HttpClient client() {
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client;
  }

  @Test
  void jdkClientGetsAndPostsOverOneConnection() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    HttpClient c = client();
    HttpResponse<String> r1 =
        c.send(
            HttpRequest.newBuilder(URI.create(server.url("/x?a=1&a=2"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r1.statusCode()).isEqualTo(200);
    assertThat(r1.body()).isEqualTo("GET /x?a=1&a=2 0 a=1,2 HTTP/1.1");
    assertThat(r1.headers().firstValue("Date")).isPresent();
    HttpResponse<String> r2 =
        c.send(
            HttpRequest.newBuilder(URI.create(server.url("/form")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=h%C3%A9llo+w"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r2.body()).isEqualTo("POST /form 14 a=héllo w HTTP/1.1");
    assertThat(server.server.connectionCount()).isEqualTo(1);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneSocket() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    try (Socket s = server.connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 3; i++) {
        out.write(
            ("GET /k" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String resp = readResponse(in);
        assertThat(resp)
            .startsWith("HTTP/1.1 200 OK\r\n")
            .endsWith("GET /k" + i + " 0 a=- HTTP/1.1");
        assertThat(resp).doesNotContain("Connection: close");
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    String all =
        "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String resp = server.exchange(all);
    int i1 = resp.indexOf("GET /1 0");
    int i2 = resp.indexOf("POST /2 3");
    int i3 = resp.indexOf("GET /3 0");
    assertThat(i1).isPositive();
    assertThat(i2).isGreaterThan(i1);
    assertThat(i3).isGreaterThan(i2);
    assertThat(resp.split("HTTP/1.1 200 OK", -1)).hasSize(4);
  }

  @Test
  void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    String resp = server.exchange("GET /a HTTP/1.0\r\n\r\n");
    assertThat(resp).startsWith("HTTP/1.0 200 OK").endsWith("GET /a 0 a=- HTTP/1.0");
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write(
              "GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String r = readResponse(s.getInputStream());
      assertThat(r).contains("Connection: keep-alive");
      s.getOutputStream().write("GET /c HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(TestHttpServer.readToClose(s.getInputStream())).endsWith("GET /c 0 a=- HTTP/1.0");
    }
  }

  @Test
  void keepAliveFollowsEveryConnectionTokenOfTheRequest() throws Exception {
    // One rule for the request side (the parser's): a close token anywhere wins, also on a second
    // Connection line and in HTTP/1.0 next to keep-alive. Each exchange reads until the server
    // closes, so a connection kept open fails it with a read timeout.
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    assertThat(
            server.exchange(
                "GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n"))
        .contains("Connection: close")
        .endsWith("GET /a 0 a=- HTTP/1.1");
    assertThat(server.exchange("GET /b HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"))
        .startsWith("HTTP/1.0 200 OK")
        .doesNotContain("Connection: keep-alive")
        .endsWith("GET /b 0 a=- HTTP/1.0");
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    String resp = server.exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(resp).contains("Connection: close").endsWith("GET / 0 a=- HTTP/1.1");
  }

  @Test
  void headGetsHeadersWithoutBody() throws Exception {
    server = TestHttpServer.start(HttpServerIntegrationTest::echo);
    String resp = server.exchange("HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(resp)
        .startsWith("HTTP/1.1 200 OK")
        .contains("Content-Length: ")
        .endsWith("\r\n\r\n");
  }

  @Test
  void absoluteFormTargetIsAccepted() throws Exception {
    server = TestHttpServer.start(r -> TestHttpServer.respond(r, 200, r.host() + " " + r.uri()));
    String resp =
        server.exchange(
            "GET http://example.com:81/p?q=1 HTTP/1.1\r\nHost: other\r\nConnection: close\r\n\r\n");
    assertThat(resp).endsWith("example.com:81 /p?q=1");
  }

  @Test
  void chunkedRequestBodyIsDecoded() throws Exception {
    server = TestHttpServer.start(r -> TestHttpServer.respond(r, 200, r.bodyText()));
    String resp =
        server.exchange(
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: t\r\n\r\n");
    assertThat(resp).startsWith("HTTP/1.1 200").endsWith("hello world");
  }

  @Test
  void responsesWithoutLengthAreChunkedFor11AndClosedFor10() throws Exception {
    server =
        TestHttpServer.start(
            r -> {
              HttpHeaders h = new HttpHeaders();
              r.connection()
                  .writeHeaders(
                      new ResponseStartLine("HTTP/1.1", 200, "OK"), h, "part1-".getBytes());
              r.connection().write("part2".getBytes());
              r.connection().finish();
            });
    String r11 = server.exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(r11)
        .contains("Transfer-Encoding: chunked")
        .endsWith("6\r\npart1-\r\n5\r\npart2\r\n0\r\n\r\n");
    String r10 = server.exchange("GET / HTTP/1.0\r\n\r\n");
    assertThat(r10).doesNotContain("chunked").endsWith("part1-part2");
  }

  @Test
  void expectContinueGets100BeforeTheBody() throws Exception {
    server = TestHttpServer.start(r -> TestHttpServer.respond(r, 200, "got " + r.body().length));
    try (Socket s = server.connect()) {
      OutputStream out = s.getOutputStream();
      out.write(
          "PUT /u HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String interim = readHead(in);
      assertThat(interim).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      out.write("abcde".getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(in)).endsWith("got 5");
    }
  }

  @Test
  void bodyOverTheLimitGets413BeforeItIsSent() throws Exception {
    AtomicInteger called = new AtomicInteger();
    server =
        TestHttpServer.start(
            r -> {
              called.incrementAndGet();
              TestHttpServer.respond(r, 200, "no");
            },
            HttpServerOptions.builder().maxBodySize(1000).build());
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write(
              "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String resp = TestHttpServer.readToClose(s.getInputStream());
      assertThat(resp)
          .startsWith("HTTP/1.1 413 ")
          .contains("Connection: close")
          .doesNotContain("100 Continue");
    }
    // chunked bodies are counted as they come
    String resp =
        server.exchange(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "400\r\n"
                + "x".repeat(1024)
                + "\r\n0\r\n\r\n");
    assertThat(resp).startsWith("HTTP/1.1 413 ");
    assertThat(called).hasValue(0);
  }

  @Test
  void headerTimeoutCutsOffSlowClients() throws Exception {
    server =
        TestHttpServer.start(
            HttpServerIntegrationTest::echo,
            HttpServerOptions.builder().headerTimeout(Duration.ofMillis(300)).build());
    try (Socket s = server.connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      String resp = TestHttpServer.readToClose(s.getInputStream());
      assertThat(resp).startsWith("HTTP/1.1 408 ");
    }
  }

  @Test
  void bodyTimeoutCutsOffSlowUploads() throws Exception {
    server =
        TestHttpServer.start(
            HttpServerIntegrationTest::echo,
            HttpServerOptions.builder().bodyTimeout(Duration.ofMillis(300)).build());
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write(
              "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"
                  .getBytes(StandardCharsets.US_ASCII));
      String resp = TestHttpServer.readToClose(s.getInputStream());
      assertThat(resp).startsWith("HTTP/1.1 408 ").contains("Connection: close");
    }
  }

  @Test
  void noKeepAliveClosesAfterEachResponse() throws Exception {
    server =
        TestHttpServer.start(
            HttpServerIntegrationTest::echo, HttpServerOptions.builder().noKeepAlive(true).build());
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write(
              ("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String resp = TestHttpServer.readToClose(s.getInputStream());
      assertThat(resp).contains("Connection: close").endsWith("GET /1 0 a=- HTTP/1.1");
    }
  }

  @Test
  void protocolOptionIsReported() throws Exception {
    server =
        TestHttpServer.start(
            (HttpRequestCallback)
                r -> TestHttpServer.respond(r, 200, r.protocol() + " " + r.fullUrl()),
            HttpServerOptions.builder().protocol("https").build());
    assertThat(
            server.exchange("GET /p?q HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n"))
        .endsWith("https https://example.org/p?q");
  }

  @Test
  void idleKeepAliveConnectionsAreClosed() throws Exception {
    server =
        TestHttpServer.start(
            HttpServerIntegrationTest::echo,
            HttpServerOptions.builder().idleConnectionTimeout(Duration.ofMillis(300)).build());
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String all = TestHttpServer.readToClose(s.getInputStream()); // returns when the server closes
      assertThat(all).startsWith("HTTP/1.1 200 OK").endsWith("GET / 0 a=- HTTP/1.1");
    }
  }

  @Test
  void aFailingHandlerHarmsNoOtherConnection() throws Exception {
    server =
        TestHttpServer.start(
            r -> {
              if (r.path().equals("/boom")) {
                throw new IllegalStateException("boom");
              }
              echo(r);
            });
    String bad = server.exchange("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(bad).startsWith("HTTP/1.1 500 ");
    HttpResponse<String> ok =
        client()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/fine"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ok.body()).startsWith("GET /fine");
  }

  @Test
  void responseSplittingIsRefused() throws Exception {
    CompletableFuture<Throwable> refused = new CompletableFuture<>();
    server =
        TestHttpServer.start(
            r -> {
              HttpHeaders h = new HttpHeaders();
              try {
                h.set("X-Evil", "a\r\nSet-Cookie: owned=1");
              } catch (IllegalArgumentException e) {
                refused.complete(e);
              }
              TestHttpServer.respond(r, 200, "ok");
            });
    String resp = server.exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(resp).doesNotContain("owned");
    assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gracefulShutdownFinishesInFlightRequestsAndClosesIdleOnes() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CompletableFuture<HttpServerRequest> held = new CompletableFuture<>();
    server =
        TestHttpServer.start(
            r -> {
              if (r.path().equals("/slow")) {
                held.complete(r);
                inHandler.countDown();
              } else {
                echo(r);
              }
            });
    Socket idle = server.connect();
    idle.getOutputStream()
        .write("GET /i HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    readResponse(idle.getInputStream());
    Socket busy = server.connect();
    busy.getOutputStream()
        .write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> done = server.server.shutdown(Duration.ofSeconds(10));
    assertThat(TestHttpServer.readToClose(idle.getInputStream())).isEmpty(); // idle closed
    assertThat(done).isNotDone();
    HttpServerRequest r = held.get();
    server.loop.addCallback(() -> TestHttpServer.respond(r, 200, "late but whole"));
    String resp = TestHttpServer.readToClose(busy.getInputStream());
    assertThat(resp).contains("Connection: close").endsWith("late but whole");
    done.get(5, TimeUnit.SECONDS);
    assertThat(server.server.connectionCount()).isZero();
    idle.close();
    busy.close();
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** Reads one response framed by Content-Length. */
  static String readResponse(InputStream in) throws Exception {
    String head = readHead(in);
    int len = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(len);
    return head + new String(body, StandardCharsets.UTF_8);
  }
}
