package io.squall.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.http.HttpServerOptions;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test kit's client: fetch options, cookies, redirects, raw connections, server options. */
@SquallTest
class SquallClientTest {
  private final CompletableFuture<Void> never = new CompletableFuture<>();

  /** Sets a cookie. */
  public static class SetCookie extends RequestHandler {
    public void get() {
      setCookie("session", getArgument("v", "s1"));
      write("set");
    }
  }

  /** Shows the request. */
  public static class Echo extends RequestHandler {
    public void get() {
      echo();
    }

    public void post() {
      echo();
    }

    public void put() {
      echo();
    }

    private void echo() {
      write(
          request().method()
              + " "
              + request().uri()
              + " cookie="
              + getCookie("session")
              + " x="
              + request().headers().get("X-Test")
              + " host="
              + request().host()
              + " body="
              + request().bodyText()
              + " a="
              + getArgument("a", "-"));
    }
  }

  /** Redirects to the echo. */
  public static class Redirect extends RequestHandler {
    public void get() {
      redirect("/echo?from=redirect");
    }
  }

  /** Flushes three pieces. */
  public static class Chunks extends RequestHandler {
    public void get() {
      for (String piece : new String[] {"one;", "two;"}) {
        write(piece);
        flush();
      }
      write("three");
    }
  }

  /** Never answers. */
  public class Never extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      return never;
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/set", SetCookie::new)
        .route("/echo", Echo::new)
        .route("/redirect", Redirect::new)
        .route("/never", Never::new)
        .route("/chunks", Chunks::new)
        .build();
  }

  @TestServerOptions
  HttpServerOptions options() {
    return HttpServerOptions.builder().maxBodySize(1000).build();
  }

  @Test
  void cookiesAreKeptAcrossFetches(SquallClient client) {
    assertThat(client.fetch("/echo").text()).contains("cookie=null");
    client.fetch("/set?v=abc");
    assertThat(client.fetch("/echo").text()).contains("cookie=abc");
    assertThat(client.fetch("/echo").text()).contains("cookie=abc");
    client.fetch("/set?v=def");
    assertThat(client.fetch("/echo").text()).contains("cookie=def");
    client.clearCookies();
    assertThat(client.fetch("/echo").text()).contains("cookie=null");
  }

  @Test
  void eachTestStartsWithoutCookies(SquallClient client) {
    assertThat(client.cookies().getCookieStore().getCookies()).isEmpty();
    assertThat(client.fetch("/echo").text()).contains("cookie=null");
  }

  @Test
  void redirectsAreFollowedByDefault(SquallClient client) {
    FetchResponse r = client.fetch("/redirect");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).startsWith("GET /echo?from=redirect");
    assertThat(r.uri().getPath()).isEqualTo("/echo");
  }

  @Test
  void followRedirectsFalse(SquallClient client) {
    FetchResponse r = client.fetch("/redirect", FetchOptions.get().followRedirects(false));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("location")).isEqualTo("/echo?from=redirect");
    assertThat(r.uri().getPath()).isEqualTo("/redirect");
  }

  @Test
  void methodsHeadersBodiesAndForms(SquallClient client) {
    assertThat(
            client
                .fetch("/echo", FetchOptions.method("PUT", "raw".getBytes()).header("X-Test", "t"))
                .text())
        .startsWith("PUT /echo ")
        .contains("x=t")
        .contains("body=raw");
    assertThat(client.fetch("/echo", FetchOptions.post().form(Map.of("a", "x&y=z"))).text())
        .contains("body=a=x%26y%3Dz")
        .endsWith("a=x&y=z");
    assertThat(client.fetch("/echo", FetchOptions.post().body("text")).text())
        .startsWith("POST")
        .contains("body=text");
  }

  @Test
  void hostHeaderCanBeSet(SquallClient client) {
    assertThat(client.fetch("/echo", FetchOptions.get().header("Host", "example.org")).text())
        .contains("host=example.org");
    assertThat(client.fetch("/echo").text()).contains("host=127.0.0.1:" + client.port());
  }

  @Test
  void fetchAsync(SquallClient client) throws Exception {
    CompletableFuture<FetchResponse> f = client.fetchAsync("/echo?a=1", FetchOptions.get());
    assertThat(f.get(5, TimeUnit.SECONDS).text()).endsWith("a=1");
  }

  @Test
  void timeoutFailsTheFetch(SquallClient client) {
    assertThatThrownBy(
            () -> client.fetch("/never", FetchOptions.get().timeout(Duration.ofMillis(200))))
        .hasMessageContaining("/never");
  }

  @Test
  void urlAndPort(SquallClient client) {
    assertThat(client.url("/x")).isEqualTo("http://127.0.0.1:" + client.port() + "/x");
    assertThat(client.fetch(client.url("/echo")).status()).isEqualTo(200);
    assertThat(client.loop().isRunning()).isTrue();
    assertThat(client.server().port()).isEqualTo(client.port());
  }

  @Test
  void serverOptionsApply(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(413);
    }
    assertThat(client.fetch("/echo", FetchOptions.post().body(new byte[1000])).status())
        .isEqualTo(200);
  }

  @Test
  void rawConnectionKeepAliveAndClose(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET /echo?a=1 HTTP/1.1\r\nHost: h\r\n\r\n");
      RawConnection.Response first = raw.readResponse();
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.text()).endsWith("a=1");
      raw.timeout(200);
      assertThat(raw.isClosedByServer()).isFalse();
      raw.timeout(5000);
      raw.send("GET /echo?a=2 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      RawConnection.Response second = raw.readResponse();
      assertThat(second.text()).endsWith("a=2");
      assertThat(second.header("Connection")).isEqualTo("close");
      assertThat(raw.isClosedByServer()).isTrue();
    }
  }

  @Test
  void rawConnectionReadsHttp10Responses(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET /echo HTTP/1.0\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.statusLine()).startsWith("HTTP/1.0 200");
      assertThat(r.text()).startsWith("GET /echo");
    }
  }

  @Test
  void rawConnectionReadsChunkedBodies(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET /chunks HTTP/1.1\r\nHost: h\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(r.text()).isEqualTo("one;two;three");
      // the connection is still usable: the whole chunked body was consumed
      raw.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThat(raw.readResponse().text()).startsWith("GET /echo");
    }
  }

  @Test
  void closeStopsTheServer() throws IOException {
    SquallClient c = SquallClient.start(app());
    int port = c.port();
    assertThat(c.fetch("/echo").status()).isEqualTo(200);
    c.close();
    assertThat(c.loop().isRunning()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }
}
