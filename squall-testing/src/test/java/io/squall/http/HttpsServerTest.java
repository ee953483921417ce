package io.squall.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.httpclient.HttpClient;
import io.squall.httpclient.HttpRequest;
import io.squall.httpclient.HttpResponse;
import io.squall.ioloop.IOLoop;
import io.squall.testing.ExternalTools;
import io.squall.testing.SelfSignedCertificate;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.websocket.WebSocketClient;
import io.squall.websocket.WebSocketClientOptions;
import io.squall.websocket.WebSocketConnection;
import io.squall.websocket.WebSocketHandler;
import io.squall.websocket.WebSocketMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squall's server over TLS, answered by three independent clients (the JDK's HTTP client, curl,
 * Squall's own client) and by Squall's WebSocket client over wss://.
 */
class HttpsServerTest {
  @TempDir static Path dir;
  static SelfSignedCertificate cert;
  static IOLoop loop;
  static HttpServer server;
  static int port;

  static final byte[] BIG = new byte[6 * 1024 * 1024 + 17];

  /** Says how the request arrived: scheme, SNI name, client certificate. */
  public static final class Info extends RequestHandler {
    @Override
    public void get() {
      String sni =
          request()
              .getSslSession()
              .map(s -> s instanceof ExtendedSSLSession e ? e.getRequestedServerNames() : null)
              .map(HttpsServerTest::firstName)
              .orElse("-");
      write(
          request().protocol()
              + " "
              + sni
              + " "
              + request().getSslCertificate().isPresent()
              + " "
              + request().fullUrl());
    }
  }

  /** Answers the digest and length of the body. */
  public static final class Upload extends RequestHandler {
    @Override
    public void post() throws Exception {
      byte[] body = request().body();
      write(sha256(body) + " " + body.length);
    }
  }

  /** Sends {@link #BIG}. */
  public static final class Download extends RequestHandler {
    @Override
    public void get() {
      write(BIG);
    }
  }

  /** Echoes messages. */
  public static final class Echo extends WebSocketHandler {
    @Override
    public void onMessage(String message) {
      writeMessage("echo: " + message);
    }
  }

  static String firstName(List<SNIServerName> names) {
    for (SNIServerName n : names) {
      if (n instanceof SNIHostName h) {
        return h.getAsciiName();
      }
    }
    return "none";
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @BeforeAll
  static void start() throws Exception {
    new Random(42).nextBytes(BIG);
    cert = SelfSignedCertificate.create(dir, "localhost", "dns:localhost");
    Application app =
        Application.builder()
            .route("/info", Info::new)
            .route("/upload", Upload::new)
            .route("/big", Download::new)
            .route("/ws", Echo::new)
            .build();
    loop = IOLoop.startOnNewThread("https-test");
    CompletableFuture<HttpServer> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            f.complete(app.listen(0, cert.serverContext()));
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    server = f.get(10, SECONDS);
    port = server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    loop.shutdown();
  }

  static String url(String path) {
    return "https://localhost:" + port + path;
  }

  private static HttpRequest.Builder trusted(String path) {
    return HttpRequest.builder(url(path)).caFile(cert.certificatePem());
  }

  // ---------------------------------------------------------------- the JDK's client

  @Test
  void jdkClientGetsThePageAndMovesMegabytesBothWaysOnOneConnection() throws Exception {
    try (java.net.http.HttpClient jdk =
        java.net.http.HttpClient.newBuilder()
            .sslContext(cert.clientContext())
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()) {
      var info =
          jdk.send(
              java.net.http.HttpRequest.newBuilder(URI.create(url("/info"))).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(info.statusCode()).isEqualTo(200);
      assertThat(info.body()).isEqualTo("https localhost false " + url("/info"));
      assertThat(info.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);

      var up =
          jdk.send(
              java.net.http.HttpRequest.newBuilder(URI.create(url("/upload")))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(BIG))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(up.body()).isEqualTo(sha256(BIG) + " " + BIG.length);
      var down =
          jdk.send(
              java.net.http.HttpRequest.newBuilder(URI.create(url("/big"))).build(),
              java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertThat(down.body()).isEqualTo(BIG);
    }
  }

  // ---------------------------------------------------------------- curl

  private static String curl(String... args) throws Exception {
    Path curl = ExternalTools.require("curl", "curl");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                curl.toString(),
                "-sS",
                "-v",
                "--max-time",
                "30",
                "--cacert",
                cert.certificatePem().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void curlWithCacertNegotiatesHttp11AndKeepsTheConnection() throws Exception {
    String out = curl(url("/info"), url("/info"));
    assertThat(out).contains("https localhost false " + url("/info"));
    assertThat(out).containsPattern("(?i)ALPN[:,].*server accepted( to use)? http/1\\.1");
    assertThat(out).containsPattern("(?i)re-?using existing connection");
  }

  @Test
  void curlUploadsAndDownloadsMegabytes(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("big.bin");
    java.nio.file.Files.write(file, BIG);
    String up =
        curl(
            "-H",
            "Content-Type: application/octet-stream",
            "--data-binary",
            "@" + file,
            url("/upload"));
    assertThat(up).contains(sha256(BIG) + " " + BIG.length);
    Path got = tmp.resolve("got.bin");
    curl("-o", got.toString(), url("/big"));
    assertThat(java.nio.file.Files.readAllBytes(got)).isEqualTo(BIG);
  }

  // ---------------------------------------------------------------- Squall's client

  @Test
  void ourClientVerifiesAgainstTheCaFileAndSendsSni() throws Exception {
    try (HttpClient c = new HttpClient()) {
      HttpResponse r = c.fetch(trusted("/info").build());
      assertThat(r.text()).isEqualTo("https localhost false " + url("/info"));
      HttpResponse up =
          c.fetch(
              trusted("/upload")
                  .method("POST")
                  .header("Content-Type", "application/octet-stream")
                  .body(BIG)
                  .build());
      assertThat(up.text()).isEqualTo(sha256(BIG) + " " + BIG.length);
      HttpResponse down = c.fetch(trusted("/big").build());
      assertThat(down.body()).isEqualTo(BIG);
      CompletableFuture<Integer> idle = new CompletableFuture<>();
      c.async().ioLoop().addCallback(() -> idle.complete(c.async().idleConnections()));
      assertThat(idle.get(10, SECONDS)).isEqualTo(1); // all three on one kept-alive connection
    }
  }

  private static Throwable handshakeFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLHandshakeException) {
        return c;
      }
    }
    return null;
  }

  @Test
  void ourClientRefusesAnUntrustedCertificate() throws Exception {
    try (HttpClient c = new HttpClient()) {
      assertThatThrownBy(() -> c.fetch(url("/info")))
          .satisfies(
              e -> {
                assertThat(handshakeFailure(e)).isNotNull();
                assertThat(e).hasMessageContaining("localhost:" + port);
              });
      // validateCert(false) skips the check (for tests and nothing else)
      HttpResponse r = c.fetch(HttpRequest.builder(url("/info")).validateCert(false).build());
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void ourClientRefusesAHostNameTheCertificateDoesNotName() throws Exception {
    try (HttpClient c = new HttpClient()) {
      String byIp = "https://127.0.0.1:" + port + "/info";
      assertThatThrownBy(
              () -> c.fetch(HttpRequest.builder(byIp).caFile(cert.certificatePem()).build()))
          .satisfies(
              e -> {
                assertThat(handshakeFailure(e)).isNotNull();
                assertThat(e).hasMessageContaining("127.0.0.1");
              });
    }
  }

  @Test
  void aConnectionOpenedWithoutChecksIsNotReusedForACheckedRequest() throws Exception {
    try (HttpClient c = new HttpClient()) {
      HttpResponse unchecked =
          c.fetch(HttpRequest.builder(url("/info")).validateCert(false).build());
      assertThat(unchecked.code()).isEqualTo(200); // its connection is now idle in the pool
      assertThatThrownBy(() -> c.fetch(url("/info")))
          .satisfies(e -> assertThat(handshakeFailure(e)).isNotNull());
      assertThat(c.fetch(trusted("/info").build()).code()).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- bad clients

  @Test
  void plainHttpOnTheTlsPortClosesThatConnectionOnly() throws Exception {
    try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      out.write(
          "GET /info HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = raw.getInputStream();
      byte[] got = in.readAllBytes(); // at most an alert, then the end of the stream
      assertThat(new String(got, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
    }
    try (HttpClient c = new HttpClient()) {
      assertThat(c.fetch(trusted("/info").build()).code()).isEqualTo(200);
    }
  }

  @Test
  void aFailedHandshakeLeavesOtherConnectionsServed() throws Exception {
    try (HttpClient c = new HttpClient()) {
      HttpResponse first = c.fetch(trusted("/info").build()); // a kept-alive connection
      assertThat(first.code()).isEqualTo(200);
      try (HttpClient other = new HttpClient()) {
        assertThatThrownBy(() -> other.fetch(url("/info")))
            .satisfies(e -> assertThat(handshakeFailure(e)).isNotNull());
      }
      assertThat(c.fetch(trusted("/info").build()).code()).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- wss://

  @Test
  void wssEchoRoundTrip() throws Exception {
    WebSocketClientOptions options =
        WebSocketClientOptions.builder().loop(loop).caFile(cert.certificatePem()).build();
    WebSocketConnection conn =
        WebSocketClient.connect("wss://localhost:" + port + "/ws", options).get(20, SECONDS);
    try {
      conn.writeMessage("over tls").get(10, SECONDS);
      WebSocketMessage m = conn.readMessage().get(10, SECONDS);
      assertThat(m).isEqualTo(WebSocketMessage.text("echo: over tls"));
    } finally {
      conn.close();
    }
  }

  @Test
  void wssRefusesAnUntrustedServer() {
    WebSocketClientOptions options = WebSocketClientOptions.builder().loop(loop).build();
    assertThatThrownBy(
            () ->
                WebSocketClient.connect("wss://localhost:" + port + "/ws", options)
                    .get(20, SECONDS))
        .satisfies(e -> assertThat(handshakeFailure(e)).isNotNull());
  }
}
