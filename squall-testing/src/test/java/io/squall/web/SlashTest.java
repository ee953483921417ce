package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import org.junit.jupiter.api.Test;

/**
 * @RemoveSlash and @AddSlash (Tornado's removeslash/addslash).
 */
@SquallTest
class SlashTest {

  /** Serves paths without a trailing slash. */
  @RemoveSlash
  public static class Remove extends RequestHandler {
    public void get() {
      write("removed " + request().uri());
    }

    public void get(String rest) {
      write("removed " + request().uri());
    }

    /** Also routed with one group ("/any/(.*)"): build() requires a method for each count. */
    public void post(String... rest) {
      write("post " + request().uri());
    }
  }

  /** Serves paths with a trailing slash. */
  @AddSlash
  public static class Add extends RequestHandler {
    public void get() {
      write("added " + request().uri());
    }

    public void post() {
      write("post " + request().uri());
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/remove/?", Remove::new)
        .route("/add/?", Add::new)
        .route("/any/(.*)", Remove::new)
        .route("/", Remove::new)
        .build();
  }

  private static final FetchOptions NO_FOLLOW = FetchOptions.get().followRedirects(false);

  @Test
  void removeSlashRedirectsGet(SquallClient client) {
    FetchResponse r = client.fetch("/remove/", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/remove");
    FetchResponse q = client.fetch("/remove/?a=1&b=2", NO_FOLLOW);
    assertThat(q.header("Location")).isEqualTo("/remove?a=1&b=2");
    assertThat(client.fetch("/remove/?a=1").text()).isEqualTo("removed /remove?a=1");
    assertThat(client.fetch("/remove", NO_FOLLOW).status()).isEqualTo(200);
  }

  @Test
  void removeSlashRedirectsHead(SquallClient client) {
    FetchResponse r =
        client.fetch("/remove/", FetchOptions.method("HEAD", null).followRedirects(false));
    assertThat(r.status()).isEqualTo(301);
  }

  @Test
  void removeSlashGives404ForPost(SquallClient client) {
    assertThat(client.fetch("/remove/", FetchOptions.post().body("x")).status()).isEqualTo(404);
    assertThat(client.fetch("/remove", FetchOptions.post().body("x")).text())
        .isEqualTo("post /remove");
  }

  @Test
  void rootIsNotRedirected(SquallClient client) {
    FetchResponse r = client.fetch("/", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("removed /");
  }

  @Test
  void severalSlashesGoAtOnce(SquallClient client) {
    FetchResponse r = client.fetch("/any/x///", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/any/x");
  }

  @Test
  void removeSlashNeverRedirectsToAnotherHost(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      // "//evil.example/" without its trailing slash would be a scheme-relative URL
      raw.send("GET /any//evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(301);
      assertThat(r.header("Location")).isEqualTo("/any//evil.example");
    }
    Application app = Application.builder().route("/(.*)", Remove::new).build();
    try (SquallClient c = SquallClient.start(app);
        RawConnection raw = c.raw()) {
      raw.send("GET //evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("Location")).isNull();
    }
  }

  @Test
  void addSlashRedirectsGet(SquallClient client) {
    FetchResponse r = client.fetch("/add", NO_FOLLOW);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/add/");
    FetchResponse q = client.fetch("/add?x=%20y", NO_FOLLOW);
    assertThat(q.header("Location")).isEqualTo("/add/?x=%20y");
    assertThat(client.fetch("/add").text()).isEqualTo("added /add/");
  }

  @Test
  void addSlashGives404ForPost(SquallClient client) {
    assertThat(client.fetch("/add", FetchOptions.post()).status()).isEqualTo(404);
    assertThat(client.fetch("/add/", FetchOptions.post()).text()).isEqualTo("post /add/");
  }
}
