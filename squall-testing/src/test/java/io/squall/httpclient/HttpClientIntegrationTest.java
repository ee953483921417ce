package io.squall.httpclient;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against Squall's own server and against the JDK's HTTP server, the same behaviour
 * expected from both.
 */
class HttpClientIntegrationTest {
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private Backend backend(String name) {
    Backend b = name.equals("squall") ? Backend.squall() : Backend.jdk();
    resources.add(b);
    return b;
  }

  private HttpClient client(HttpClientOptions options) {
    HttpClient c = new HttpClient(options);
    resources.add(c);
    return c;
  }

  private HttpClient client() {
    return client(HttpClientOptions.defaults());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Runs {@code r} on the client's loop and waits for its value. */
  private static <T> T onLoop(HttpClient c, java.util.function.Supplier<T> r) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    c.async().ioLoop().addCallback(() -> f.complete(r.get()));
    return f.get(10, SECONDS);
  }

  // ---------------------------------------------------------------- basics

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void getsABody(String server) throws Exception {
    Backend b = backend(server);
    HttpResponse r = client().fetch(b.url("/hello"));
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.effectiveUrl()).isEqualTo(b.url("/hello"));
    assertThat(r.request().url()).isEqualTo(b.url("/hello"));
    assertThat(r.requestTime()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void headHasNoBodyAndKeepsTheConnection(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    HttpResponse r = c.fetch(HttpRequest.builder(b.url("/hello")).method("HEAD").build());
    assertThat(r.code()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(onLoop(c, () -> c.async().idleConnections())).isEqualTo(1);
    assertThat(c.fetch(b.url("/hello")).text()).isEqualTo("Hello");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void postsABodyWithBasicAuthAndUserAgent(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    HttpResponse r =
        c.fetch(
            HttpRequest.builder(b.url("/echo"))
                .method("POST")
                .body("a=1&b=2")
                .basicAuth("user", "pass")
                .build());
    assertThat(r.text())
        .isEqualTo("POST|a=1&b=2|Basic dXNlcjpwYXNz|Squall|application/x-www-form-urlencoded|");
    HttpResponse ua = c.fetch(HttpRequest.builder(b.url("/echo")).userAgent("probe/1.0").build());
    assertThat(ua.text()).isEqualTo("GET|||probe/1.0||");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void userInfoInTheUrlIsBasicAuth(String server) throws Exception {
    Backend b = backend(server);
    String url = b.url("/echo").replace("http://", "http://user:pass@");
    assertThat(client().fetch(url).text()).startsWith("GET||Basic dXNlcjpwYXNz|");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void nonSuccessRaisesWithTheResponseUnlessRaiseErrorIsOff(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    assertThatThrownBy(() -> c.fetch(b.url("/status/404")))
        .isInstanceOfSatisfying(
            HttpClientError.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.getMessage()).isEqualTo("HTTP 404: Not Found");
              assertThat(e.response().text()).isEqualTo("nope");
            });
    HttpResponse r = c.fetch(HttpRequest.builder(b.url("/status/503")).raiseError(false).build());
    assertThat(r.code()).isEqualTo(503);
    assertThat(r.text()).isEqualTo("nope");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void headerCallbackSeesEveryLine(String server) throws Exception {
    Backend b = backend(server);
    List<String> lines = new CopyOnWriteArrayList<>();
    client().fetch(HttpRequest.builder(b.url("/hello")).headerCallback(lines::add).build());
    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK\r\n");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("\r\n");
    assertThat(lines).anyMatch(l -> l.toLowerCase().startsWith("content-length: 5\r\n"));
  }

  // ---------------------------------------------------------------- redirects

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void followsRedirects(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      HttpResponse r = c.fetch(b.url("/redirect/" + code + "?to=" + enc("/hello")));
      assertThat(r.code()).as("after %d", code).isEqualTo(200);
      assertThat(r.text()).isEqualTo("Hello");
      assertThat(r.effectiveUrl()).isEqualTo(b.url("/hello"));
      assertThat(r.request().url()).contains("/redirect/" + code);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void redirectsNotFollowedAreErrorsWithTheResponse(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    String url = b.url("/redirect/302?to=" + enc("/hello"));
    assertThatThrownBy(() -> c.fetch(HttpRequest.builder(url).followRedirects(false).build()))
        .isInstanceOfSatisfying(
            HttpClientError.class,
            e -> assertThat(e.response().headers().get("Location")).isEqualTo("/hello"));
    HttpResponse r = c.fetch(HttpRequest.builder(url).maxRedirects(0).raiseError(false).build());
    assertThat(r.code()).isEqualTo(302);
    assertThatThrownBy(() -> c.fetch(b.url("/loop")))
        .isInstanceOfSatisfying(HttpClientError.class, e -> assertThat(e.code()).isEqualTo(302));
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void redirectMethodRulesAsTornado(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    String to = enc("/echo");
    for (int code : new int[] {301, 302, 303}) {
      HttpResponse r =
          c.fetch(
              HttpRequest.builder(b.url("/redirect/" + code + "?to=" + to))
                  .method("POST")
                  .body("payload")
                  .build());
      assertThat(r.text()).as("POST after %d", code).startsWith("GET||");
    }
    for (int code : new int[] {307, 308}) {
      HttpResponse r =
          c.fetch(
              HttpRequest.builder(b.url("/redirect/" + code + "?to=" + to))
                  .method("POST")
                  .body("payload")
                  .build());
      assertThat(r.text()).as("POST after %d", code).startsWith("POST|payload|");
    }
  }

  @Test
  void crossOriginRedirectDropsCredentials() throws Exception {
    Backend a = backend("squall");
    Backend other = backend("jdk");
    HttpClient c = client();
    HttpResponse same =
        c.fetch(
            HttpRequest.builder(a.url("/redirect/302?to=" + enc("/echo")))
                .basicAuth("user", "pass")
                .build());
    assertThat(same.text()).startsWith("GET||Basic ");
    HttpResponse cross =
        c.fetch(
            HttpRequest.builder(a.url("/redirect/302?to=" + enc(other.url("/echo"))))
                .basicAuth("user", "pass")
                .header("Cookie", "secret=1")
                .build());
    assertThat(cross.text()).startsWith("GET|||");
    assertThat(cross.effectiveUrl()).isEqualTo(other.url("/echo"));
  }

  // ---------------------------------------------------------------- bodies

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void chunkedResponse(String server) throws Exception {
    Backend b = backend(server);
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpResponse r =
        client().fetch(HttpRequest.builder(b.url("/chunked")).headerCallback(lines::add).build());
    assertThat(r.text()).isEqualTo("chunk1-chunk2");
    assertThat(lines).anyMatch(l -> l.equalsIgnoreCase("transfer-encoding: chunked\r\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void gzipResponseIsInflated(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    HttpResponse r = c.fetch(b.url("/gzip"));
    assertThat(r.text()).isEqualTo("x".repeat(5000));
    assertThat(r.headers().get("X-Consumed-Content-Encoding")).isEqualTo("gzip");
    assertThat(r.headers().contains("Content-Encoding")).isFalse();
    HttpResponse raw =
        c.fetch(HttpRequest.builder(b.url("/gzip")).decompressResponse(false).build());
    if (server.equals("jdk")) { // gzips whatever was asked
      assertThat(raw.body()[0] & 0xff).isEqualTo(0x1f);
      assertThat(raw.headers().get("Content-Encoding")).isEqualTo("gzip");
    } else { // Squall compresses only when asked
      assertThat(raw.text()).isEqualTo("x".repeat(5000));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void streamsABodyLargerThanMaxBufferSize(String server) throws Exception {
    Backend b = backend(server);
    int size = 3 * 1024 * 1024;
    HttpClient c = client(HttpClientOptions.builder().maxBufferSize(256 * 1024).build());
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    AtomicLong largest = new AtomicLong();
    HttpResponse r =
        c.fetch(
            HttpRequest.builder(b.url("/big/" + size))
                .streamingCallback(
                    chunk -> {
                      largest.accumulateAndGet(chunk.length, Math::max);
                      got.writeBytes(chunk);
                    })
                .build());
    assertThat(r.body()).isEmpty();
    assertThat(got.size()).isEqualTo(size);
    assertThat(Arrays.equals(got.toByteArray(), Backend.pattern(size))).isTrue();
    assertThat(largest.get()).isLessThanOrEqualTo(Fetch.CHUNK);
    // without a streaming callback the body must fit the buffer size (Tornado's rule)
    assertThatThrownBy(() -> c.fetch(b.url("/big/" + size)))
        .isInstanceOf(ResponseTooLargeError.class)
        .hasMessageContaining("maxBodySize");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void streamingCallbackWithBackPressure(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    AtomicLong total = new AtomicLong();
    HttpResponse r =
        c.fetch(
            HttpRequest.builder(b.url("/big/500000"))
                .streamingCallbackAsync(
                    chunk -> {
                      total.addAndGet(chunk.length);
                      // complete later, from another thread
                      return CompletableFuture.runAsync(() -> {});
                    })
                .build());
    assertThat(r.code()).isEqualTo(200);
    assertThat(total.get()).isEqualTo(500000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void bodyProducerStreamsTheUpload(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    BodyProducer producer =
        w ->
            w.write("one,".getBytes(StandardCharsets.UTF_8))
                .thenCompose(v -> w.write("two,".getBytes(StandardCharsets.UTF_8)))
                .thenCompose(v -> w.write("three".getBytes(StandardCharsets.UTF_8)));
    HttpResponse chunked =
        c.fetch(HttpRequest.builder(b.url("/echo")).method("PUT").bodyProducer(producer).build());
    assertThat(chunked.text()).startsWith("PUT|one,two,three|");
    HttpResponse sized =
        c.fetch(
            HttpRequest.builder(b.url("/echo"))
                .method("PUT")
                .header("Content-Length", "13")
                .bodyProducer(producer)
                .build());
    assertThat(sized.text()).startsWith("PUT|one,two,three|").endsWith("|");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void responseHeadOverTheLimit(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    assertThatThrownBy(
            () -> c.fetch(HttpRequest.builder(b.url("/bighead")).maxHeaderSize(4096).build()))
        .isInstanceOf(ResponseTooLargeError.class)
        .hasMessageContaining("maxHeaderSize");
    assertThat(c.fetch(b.url("/bighead")).text()).isEqualTo("ok");
    assertThatThrownBy(
            () -> c.fetch(HttpRequest.builder(b.url("/big/5000")).maxBodySize(4999).build()))
        .isInstanceOf(ResponseTooLargeError.class);
  }

  // ---------------------------------------------------------------- timeouts

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void requestTimeout(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    assertThatThrownBy(
            () ->
                c.fetch(
                    HttpRequest.builder(b.url("/gate"))
                        .requestTimeout(Duration.ofMillis(300))
                        .build()))
        .isInstanceOf(HttpTimeoutError.class)
        .hasMessage("Timeout during request");
    b.openGate();
    assertThat(c.fetch(b.url("/gate")).text()).isEqualTo("through");
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void serverThatStallsMidBody(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                c.fetch(
                    HttpRequest.builder(b.url("/stall"))
                        .requestTimeout(Duration.ofMillis(500))
                        .streamingCallback(got::writeBytes)
                        .build()))
        .isInstanceOf(HttpTimeoutError.class);
    assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("0123456789");
    assertThat(onLoop(c, () -> c.async().idleConnections())).isZero();
  }

  @Test
  void connectTimeoutOnAListenerWhoseBacklogIsFull() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new ArrayList<>();
      try {
        // the kernel completes backlog+1 handshakes, then drops SYNs: connects hang
        while (fillers.size() < 64) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
          } catch (java.net.SocketTimeoutException e) {
            s.close();
            break;
          }
          fillers.add(s);
        }
        assertThat(fillers.size()).isLessThan(64);
        HttpClient c = client();
        String url = "http://127.0.0.1:" + full.getLocalPort() + "/";
        assertThatThrownBy(
                () ->
                    c.fetch(
                        HttpRequest.builder(url).connectTimeout(Duration.ofMillis(300)).build()))
            .isInstanceOf(HttpTimeoutError.class)
            .hasMessage("Timeout while connecting");
        assertThat(onLoop(c, () -> c.async().activeRequests())).isZero();
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void refusedConnectionIsTheConnectException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/";
    assertThatThrownBy(() -> client().fetch(url)).isInstanceOf(ConnectException.class);
  }

  @Test
  void httpsToAClosedPortFailsLikeHttp() {
    // TLS itself is tested in io.squall.http.HttpsServerTest
    assertThatThrownBy(() -> client().fetch("https://127.0.0.1:1/"))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void requestsThatCannotBeSent() throws Exception {
    HttpClient c = client();
    assertThatThrownBy(
            () -> c.fetch(HttpRequest.builder("http://127.0.0.1:1/").method("POST").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Body must be given");
    assertThatThrownBy(() -> c.fetch(HttpRequest.builder("http://127.0.0.1:1/").body("x").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Body must not be given");
    assertThatThrownBy(() -> HttpRequest.of("ftp://example.com/"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- pool

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void keepAliveConnectionsAreReused(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c = client();
    String first = c.fetch(b.url("/port")).text();
    assertThat(onLoop(c, () -> c.async().idleConnections())).isEqualTo(1);
    String second = c.fetch(b.url("/port")).text();
    assertThat(second).isEqualTo(first);
    String closing =
        c.fetch(HttpRequest.builder(b.url("/port")).header("Connection", "close").build()).text();
    assertThat(closing).isEqualTo(first); // sent on the pooled connection, which then closes
    assertThat(onLoop(c, () -> c.async().idleConnections())).isZero();
    assertThat(c.fetch(b.url("/port")).text()).isNotEqualTo(first);
  }

  @Test
  void noReuseWhenIdleTimeoutIsZero() throws Exception {
    Backend b = backend("squall");
    HttpClient c = client(HttpClientOptions.builder().idleTimeout(Duration.ZERO).build());
    String first = c.fetch(b.url("/port")).text();
    assertThat(c.fetch(b.url("/port")).text()).isNotEqualTo(first);
    assertThat(onLoop(c, () -> c.async().idleConnections())).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void poolLimitQueuesAndQueueTimeout(String server) throws Exception {
    Backend b = backend(server);
    HttpClient c =
        client(
            HttpClientOptions.builder()
                .maxConnections(2)
                .queueTimeout(Duration.ofMillis(300))
                .build());
    AsyncHttpClient async = c.async();
    CompletableFuture<HttpResponse> one = async.fetch(b.url("/gate"));
    CompletableFuture<HttpResponse> two = async.fetch(b.url("/gate"));
    assertThat(b.arrived.tryAcquire(2, 10, SECONDS)).isTrue();
    CompletableFuture<HttpResponse> three = async.fetch(b.url("/hello"));
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> three.get(10, SECONDS));
    assertThat(e.getCause())
        .isInstanceOf(HttpTimeoutError.class)
        .hasMessage("Timeout in request queue");
    b.openGate();
    assertThat(one.get(10, SECONDS).text()).isEqualTo("through");
    assertThat(two.get(10, SECONDS).text()).isEqualTo("through");
    assertThat(onLoop(c, () -> async.activeRequests())).isZero();
  }

  @Test
  void queuedRequestRunsWhenASlotFrees() throws Exception {
    Backend b = backend("squall");
    HttpClient c = client(HttpClientOptions.builder().maxConnections(1).build());
    AsyncHttpClient async = c.async();
    CompletableFuture<HttpResponse> one = async.fetch(b.url("/gate"));
    assertThat(b.arrived.tryAcquire(1, 10, SECONDS)).isTrue();
    CompletableFuture<HttpResponse> two = async.fetch(b.url("/port"));
    assertThat(onLoop(c, async::queuedRequests)).isEqualTo(1);
    assertThat(two).isNotDone();
    b.openGate();
    assertThat(one.get(10, SECONDS).text()).isEqualTo("through");
    assertThat(two.get(10, SECONDS).code()).isEqualTo(200);
  }

  @Test
  void perHostCapDoesNotHoldBackOtherHosts() throws Exception {
    Backend busy = backend("squall");
    Backend free = backend("jdk");
    HttpClient c = client(HttpClientOptions.builder().maxConnectionsPerHost(1).build());
    AsyncHttpClient async = c.async();
    CompletableFuture<HttpResponse> one = async.fetch(busy.url("/gate"));
    assertThat(busy.arrived.tryAcquire(1, 10, SECONDS)).isTrue();
    CompletableFuture<HttpResponse> queued = async.fetch(busy.url("/hello"));
    assertThat(async.fetch(free.url("/hello")).get(10, SECONDS).text()).isEqualTo("Hello");
    assertThat(queued).isNotDone();
    busy.openGate();
    assertThat(one.get(10, SECONDS).text()).isEqualTo("through");
    assertThat(queued.get(10, SECONDS).text()).isEqualTo("Hello");
  }

  @Test
  void closingTheClientFailsWhatIsRunning() throws Exception {
    Backend b = backend("squall");
    HttpClient c = new HttpClient();
    CompletableFuture<HttpResponse> f = c.async().fetch(b.url("/gate"));
    assertThat(b.arrived.tryAcquire(1, 10, SECONDS)).isTrue();
    c.async().close();
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> f.get(10, SECONDS));
    assertThat(e.getCause()).isInstanceOf(HttpClientError.class).hasMessageContaining("closed");
    c.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"squall", "jdk"})
  void expect100ContinueSendsTheBodyAfterTheGoAhead(String server) throws Exception {
    Backend b = backend(server);
    HttpResponse r =
        client()
            .fetch(
                HttpRequest.builder(b.url("/echo"))
                    .method("PUT")
                    .body("after continue")
                    .expect100Continue(true)
                    .requestTimeout(Duration.ofSeconds(5))
                    .build());
    assertThat(r.text()).startsWith("PUT|after continue|");
  }
}
