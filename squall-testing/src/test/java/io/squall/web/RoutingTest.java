package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How requests find their handler: paths, groups, names, hosts, mounts, and what matches none. */
@SquallTest
class RoutingTest {

  /** Writes a fixed text. */
  public static class Text extends RequestHandler {
    private final String text;

    public Text(String text) {
      this.text = text;
    }

    public void get() {
      write(text);
    }
  }

  /** Echoes one group. */
  public static class OneGroup extends RequestHandler {
    public void get(String id) {
      write("id=" + id);
    }
  }

  /** Echoes two groups in order. */
  public static class TwoGroups extends RequestHandler {
    public void get(String a, String b) {
      write(a + "|" + b);
    }
  }

  /** Named groups, parameters in the other order than in the pattern. */
  public static class Named extends RequestHandler {
    public void get(String post, String user) {
      write(Map.of("post", post, "user", user, "kwargs", pathKwargs()));
    }
  }

  /** Writes reverse URLs of named routes. */
  public static class Reverse extends RequestHandler {
    public void get() {
      write(
          reverseUrl("item", 42)
              + " "
              + reverseUrl("name", "a b/c?d&e")
              + " "
              + reverseUrl("home"));
    }
  }

  /** Only POST. */
  public static class PostOnly extends RequestHandler {
    public void post() {
      write("posted");
    }
  }

  /** An optional group: null when it did not match. */
  public static class Optional extends RequestHandler {
    public void get(String rest) {
      write(rest == null ? "<null>" : rest);
    }
  }

  /** The routes of a mounted application, and its own reverse URL. */
  public static class SubHandler extends RequestHandler {
    public void get() {
      write("sub " + request().path() + " " + reverseUrl("subx"));
    }
  }

  @TestApplication
  Application app() {
    Application sub =
        Application.builder()
            .route("/", () -> new Text("sub root"))
            .route("/x", SubHandler::new, "subx")
            .build();
    return Application.builder()
        .route("/", () -> new Text("home"), "home")
        .route("/hello", () -> new Text("hello"))
        .route("/items/(\\d+)", OneGroup::new, "item")
        .route("/name/([^/]+)", OneGroup::new, "name")
        .route("/two/([^/]+)/and/([^/]+)", TwoGroups::new)
        .route("/users/(?<user>[^/]+)/posts/(?<post>\\d+)", Named::new)
        .route("/reverse", Reverse::new)
        .route("/post-only", PostOnly::new)
        .route("/opt(/.*)?", Optional::new)
        .host("www\\.example\\.com", r -> r.route("/", () -> new Text("example host")))
        .host("(.*)\\.wild\\.test", r -> r.route("/hello", () -> new Text("wild hello")))
        .mount(
            "/api",
            r -> {
              r.route("/v/(\\d+)", OneGroup::new);
              r.route("/ping", () -> new Text("pong"), "ping");
            })
        .mount("/sub", sub)
        .build();
  }

  @Test
  void literalRoute(SquallClient client) {
    FetchResponse r = client.fetch("/hello");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
    assertThat(client.fetch("/").text()).isEqualTo("home");
  }

  @Test
  void literalRouteDoesNotMatchPrefixOrSuffix(SquallClient client) {
    assertThat(client.fetch("/hello/").status()).isEqualTo(404);
    assertThat(client.fetch("/hellox").status()).isEqualTo(404);
    assertThat(client.fetch("/hell").status()).isEqualTo(404);
  }

  @Test
  void patternGroupIsMethodArgument(SquallClient client) {
    assertThat(client.fetch("/items/17").text()).isEqualTo("id=17");
    assertThat(client.fetch("/items/abc").status()).isEqualTo(404);
    // the pattern is anchored at the end
    assertThat(client.fetch("/items/17/more").status()).isEqualTo(404);
  }

  @Test
  void twoGroupsInOrder(SquallClient client) {
    assertThat(client.fetch("/two/left/and/right").text()).isEqualTo("left|right");
  }

  @Test
  void groupsArePercentDecoded(SquallClient client) {
    assertThat(client.fetch("/name/caf%C3%A9%20au%2Flait").text()).isEqualTo("id=café au/lait");
    // '+' is not a space in a path
    assertThat(client.fetch("/name/a+b").text()).isEqualTo("id=a+b");
  }

  @Test
  void invalidUtf8InGroupIs400(SquallClient client) {
    FetchResponse r = client.fetch("/name/%ff%fe");
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void optionalGroupThatDidNotMatchIsNull(SquallClient client) {
    assertThat(client.fetch("/opt").text()).isEqualTo("<null>");
    assertThat(client.fetch("/opt/x").text()).isEqualTo("/x");
  }

  @Test
  void namedGroupsBindByParameterName(SquallClient client) {
    FetchResponse r = client.fetch("/users/ann/posts/7");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("user").asText()).isEqualTo("ann");
    assertThat(r.json().get("post").asText()).isEqualTo("7");
    assertThat(r.json().get("kwargs").get("user").asText()).isEqualTo("ann");
    assertThat(r.json().get("kwargs").get("post").asText()).isEqualTo("7");
  }

  @Test
  void reverseUrlFillsAndEscapesGroups(SquallClient client) {
    assertThat(client.fetch("/reverse").text()).isEqualTo("/items/42 /name/a%20b/c%3Fd%26e /");
  }

  @Test
  void reverseUrlOnTheApplication() {
    Application app = app();
    assertThat(app.reverseUrl("item", "5")).isEqualTo("/items/5");
    assertThat(app.reverseUrl("ping")).isEqualTo("/api/ping");
    assertThat(app.reverseUrl("name", "café")).isEqualTo("/name/caf%C3%A9");
    assertThatThrownBy(() -> app.reverseUrl("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> app.reverseUrl("item")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reversedUrlRoutesBack(SquallClient client) {
    String url = app().reverseUrl("name", "x y?z");
    assertThat(client.fetch(url).text()).isEqualTo("id=x y?z");
  }

  @Test
  void hostRulesComeFirst(SquallClient client) {
    FetchOptions host = FetchOptions.get().header("Host", "www.example.com");
    assertThat(client.fetch("/", host).text()).isEqualTo("example host");
    FetchOptions withPort = FetchOptions.get().header("Host", "WWW.Example.com:8080");
    assertThat(client.fetch("/", withPort).text()).isEqualTo("example host");
    assertThat(client.fetch("/").text()).isEqualTo("home");
  }

  @Test
  void firstMatchingHostDecides(SquallClient client) {
    FetchOptions wild = FetchOptions.get().header("Host", "a.wild.test");
    assertThat(client.fetch("/hello", wild).text()).isEqualTo("wild hello");
    // as Tornado: a host rule that matches but has no route for the path gives 404, it does not
    // fall through to the routes for any host
    assertThat(client.fetch("/items/1", wild).status()).isEqualTo(404);
  }

  @Test
  void mountedGroup(SquallClient client) {
    assertThat(client.fetch("/api/v/3").text()).isEqualTo("id=3");
    assertThat(client.fetch("/api/ping").text()).isEqualTo("pong");
    assertThat(client.fetch("/v/3").status()).isEqualTo(404);
    assertThat(client.fetch("/apiping").status()).isEqualTo(404);
  }

  @Test
  void mountedApplication(SquallClient client) {
    assertThat(client.fetch("/sub/").text()).isEqualTo("sub root");
    assertThat(client.fetch("/sub/x").text()).isEqualTo("sub /sub/x /sub/x");
    assertThat(client.fetch("/sub/nothing").status()).isEqualTo(404);
    assertThat(client.fetch("/x").status()).isEqualTo(404);
    assertThat(client.fetch("/subx").status()).isEqualTo(404);
  }

  /** Writes the versioned URL of a static file of its application. */
  public static class StaticLink extends RequestHandler {
    public void get() {
      write(staticUrl("a.txt"));
    }
  }

  @Test
  void mountedApplicationKeepsItsOwnSettings(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("a.txt"), "static of the sub app");
    Application sub =
        Application.builder()
            .route("/link", StaticLink::new)
            .settings(Settings.builder().staticPath(dir).build())
            .build();
    Application app = Application.builder().mount("/sub", sub).build();
    try (SquallClient client = SquallClient.start(app)) {
      String link = client.fetch("/sub/link").text();
      assertThat(link).matches("/sub/static/a\\.txt\\?v=[0-9a-f]{32}");
      assertThat(client.fetch(link).text()).isEqualTo("static of the sub app");
      assertThat(client.fetch("/static/a.txt").status()).isEqualTo(404);
    }
  }

  @Test
  void unmatchedPathIs404WithErrorPage(SquallClient client) {
    FetchResponse r = client.fetch("/nowhere");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).contains("404: Not Found");
    assertThat(r.header("Content-Type")).startsWith("text/html");
  }

  @Test
  void defaultHandlerSetting() {
    Application app =
        Application.builder()
            .route("/", () -> new Text("home"))
            .settings(Settings.builder().defaultHandler(() -> new Text("fallback page")).build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/").text()).isEqualTo("home");
      FetchResponse r = client.fetch("/anything/else");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("fallback page");
    }
  }

  @Test
  void defaultHandlerCanBeAnErrorHandler() {
    Application app =
        Application.builder()
            .settings(Settings.builder().defaultHandler(() -> new ErrorHandler(410)).build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/x").status()).isEqualTo(410);
      assertThat(client.fetch("/x", FetchOptions.post().body("a")).status()).isEqualTo(410);
    }
  }

  @Test
  void unknownMethodIs405(SquallClient client) {
    FetchResponse r = client.fetch("/hello", FetchOptions.method("PROPFIND", new byte[0]));
    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void unimplementedVerbIs405WithAllow(SquallClient client) {
    FetchResponse r = client.fetch("/hello", FetchOptions.post().body("x=1"));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    FetchResponse p = client.fetch("/post-only");
    assertThat(p.status()).isEqualTo(405);
    assertThat(p.header("Allow")).isEqualTo("POST");
    assertThat(client.fetch("/post-only", FetchOptions.post()).text()).isEqualTo("posted");
  }

  @Test
  void headIsServedByGetWithoutBody(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response head = raw.readResponse(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo("5");
      // the next response follows at once: no body bytes were sent for HEAD
      RawConnection.Response get = raw.readResponse();
      assertThat(get.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(get.text()).isEqualTo("hello");
    }
  }

  @Test
  void headOfUnimplementedGetIs405(SquallClient client) {
    FetchResponse r = client.fetch("/post-only", FetchOptions.method("HEAD", null));
    assertThat(r.status()).isEqualTo(405);
  }
}
