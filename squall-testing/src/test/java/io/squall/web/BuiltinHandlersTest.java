package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerRequest;
import io.squall.http.ResponseStartLine;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** RedirectHandler, ErrorHandler and FallbackHandler. */
@SquallTest
class BuiltinHandlersTest {
  private final List<String> fallbackSaw = new CopyOnWriteArrayList<>();

  private void fallback(HttpServerRequest request) {
    fallbackSaw.add(request.method() + " " + request.uri() + " " + request.bodyText());
    byte[] body = ("fallback for " + request.path()).getBytes(StandardCharsets.UTF_8);
    HttpHeaders h = new HttpHeaders();
    h.set("Content-Type", "text/plain");
    h.set("Content-Length", Integer.toString(body.length));
    request.connection().writeHeaders(new ResponseStartLine("HTTP/1.1", 200, "OK"), h, body);
    request.connection().finish();
  }

  /** A target page. */
  public static class Echo extends RequestHandler {
    public void get() {
      write("at " + request().uri());
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/old", () -> new RedirectHandler("/new"))
        .route("/old/([^/]+)/([^/]+)", () -> new RedirectHandler("/new/{1}/{0}"))
        .route("/temp/(.*)", () -> new RedirectHandler("/new?from={0}", false))
        .route("/five/(.)(.)(.)(.)(.)", () -> new RedirectHandler("/new/{4}{3}{2}{1}{0}"))
        .route("/new.*", Echo::new)
        .route("/gone", () -> new ErrorHandler(410))
        .route("/legacy/.*", () -> new FallbackHandler(this::fallback))
        .build();
  }

  private static final FetchOptions NO_FOLLOW = FetchOptions.get().followRedirects(false);

  @Test
  void redirectIsPermanentByDefault(SquallClient client) {
    FetchResponse r = client.fetch("/old", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/new");
    assertThat(client.fetch("/old").text()).isEqualTo("at /new");
  }

  @Test
  void redirectFillsGroups(SquallClient client) {
    FetchResponse r = client.fetch("/old/a/b", NO_FOLLOW);
    assertThat(r.header("Location")).isEqualTo("/new/b/a");
  }

  @Test
  void redirectFillsAnyNumberOfGroups(SquallClient client) {
    FetchResponse r = client.fetch("/five/abcde", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/new/edcba");
  }

  @Test
  void redirectCarriesTheQuery(SquallClient client) {
    assertThat(client.fetch("/old?x=1&y=2", NO_FOLLOW).header("Location"))
        .isEqualTo("/new?x=1&y=2");
    assertThat(client.fetch("/old/a/b?q=%20", NO_FOLLOW).header("Location"))
        .isEqualTo("/new/b/a?q=%20");
    // a target with its own query gets the request's appended
    FetchResponse t = client.fetch("/temp/home?x=1", NO_FOLLOW);
    assertThat(t.status()).isEqualTo(302);
    assertThat(t.header("Location")).isEqualTo("/new?from=home&x=1");
  }

  @Test
  void redirectHandlerRefusesPost(SquallClient client) {
    assertThat(client.fetch("/old", FetchOptions.post()).status()).isEqualTo(405);
  }

  @Test
  void redirectNeverInjectsHeaders(SquallClient client) {
    FetchResponse r = client.fetch("/temp/a%0D%0AInjected:%20yes", NO_FOLLOW);
    assertThat(r.header("Injected")).isNull();
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/new?from=a%0D%0AInjected%3A%20yes");
    // escaped groups round-trip
    assertThat(client.fetch("/old/a%20b/c%2Fd", NO_FOLLOW).header("Location"))
        .isEqualTo("/new/c/d/a%20b");
  }

  @Test
  void errorHandler(SquallClient client) {
    FetchResponse r = client.fetch("/gone");
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.text()).contains("410: Gone");
    assertThat(client.fetch("/gone", FetchOptions.post().body("x")).status()).isEqualTo(410);
  }

  @Test
  void errorHandlerIsNotXsrfChecked() {
    Application app =
        Application.builder()
            .route("/gone", () -> new ErrorHandler(410))
            .settings(Settings.builder().xsrfCookies(true).build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/gone", FetchOptions.post()).status()).isEqualTo(410);
    }
  }

  @Test
  void fallbackHandlerGetsTheWholeRequest(SquallClient client) {
    FetchResponse r = client.fetch("/legacy/x?y=1", FetchOptions.post().body("payload"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("fallback for /legacy/x");
    assertThat(fallbackSaw).containsExactly("POST /legacy/x?y=1 payload");
    // the connection goes on serving
    assertThat(client.fetch("/legacy/again").text()).isEqualTo("fallback for /legacy/again");
    assertThat(client.fetch("/new").text()).isEqualTo("at /new");
  }
}
