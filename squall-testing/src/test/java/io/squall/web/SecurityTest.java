package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.net.HttpCookie;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Current user, @Authenticated, and XSRF protection. */
@SquallTest
class SecurityTest {

  /** Base: the user is the {@code user} cookie. */
  public abstract static class UserHandler extends RequestHandler {
    int lookups;

    @Override
    protected Object getCurrentUser() {
      lookups++;
      return getCookie("user");
    }
  }

  /** Shows who is logged in; looks the user up only once. */
  public static class WhoAmI extends UserHandler {
    public void get() {
      Object a = currentUser();
      Object b = currentUser();
      write(a + "/" + b + "/" + lookups);
    }
  }

  /** Methods that need a user. */
  public static class Private extends UserHandler {
    @Authenticated
    public void get() {
      write("secret for " + currentUser());
    }

    @Authenticated
    public void post() {
      write("posted by " + currentUser());
    }

    public void put() {
      write("put needs no user");
    }
  }

  /** A class that needs a user for every verb. */
  @Authenticated
  public static class PrivateClass extends UserHandler {
    public void get() {
      write("class secret");
    }

    public void delete() {
      write("deleted");
    }
  }

  /** Finds the user asynchronously in prepare. */
  public static class AsyncUser extends RequestHandler {
    public CompletableFuture<Void> prepare() {
      return loop()
          .runInExecutor(() -> getCookie("token") == null ? null : "user-of-" + getCookie("token"))
          .thenAccept(this::setCurrentUser);
    }

    @Override
    protected Object getCurrentUser() {
      throw new AssertionError("not called: prepare set the user");
    }

    @Authenticated
    public void get() {
      write("hello " + currentUser());
    }
  }

  /** A form page and the endpoint it posts to. */
  public static class Form extends RequestHandler {
    public void get() {
      write("<form method=post>" + xsrfFormHtml() + "</form>");
    }

    public void post() {
      write("ok post");
    }

    public void put() {
      write("ok put");
    }

    public void delete() {
      write("ok delete");
    }

    public void patch() {
      write("ok patch");
    }

    public void options() {
      write("ok options");
    }
  }

  /** Reads the token twice in one request. */
  public static class TokenTwice extends RequestHandler {
    public void get() {
      write(xsrfToken() + "\n" + xsrfToken());
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/whoami", WhoAmI::new)
        .route("/private", Private::new)
        .route("/private-class", PrivateClass::new)
        .route("/async-user", AsyncUser::new)
        .route("/form", Form::new)
        .route("/token-twice", TokenTwice::new)
        .settings(Settings.builder().loginUrl("/login").xsrfCookies(true).build())
        .build();
  }

  private static FetchOptions asUser(String user) {
    return FetchOptions.get().header("Cookie", "user=" + user).followRedirects(false);
  }

  // ---------------------------------------------------------------- current user

  @Test
  void currentUserIsLookedUpOnce(SquallClient client) {
    assertThat(client.fetch("/whoami", asUser("ann")).text()).isEqualTo("ann/ann/1");
    assertThat(client.fetch("/whoami").text()).isEqualTo("null/null/1");
  }

  @Test
  void authenticatedGetRedirectsToLoginWithNext(SquallClient client) {
    FetchResponse r =
        client.fetch("/private?a=1&b=x%20y", FetchOptions.get().followRedirects(false));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/login?next=%2Fprivate%3Fa%3D1%26b%3Dx%2520y");
    FetchResponse head =
        client.fetch("/private", FetchOptions.method("HEAD", null).followRedirects(false));
    assertThat(head.status()).isEqualTo(302);
  }

  @Test
  void authenticatedGetWithUser(SquallClient client) {
    FetchResponse r = client.fetch("/private", asUser("ann"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("secret for ann");
  }

  @Test
  void authenticatedPostWithoutUserIs403(SquallClient client) {
    String xsrf = xsrfCookie(client);
    FetchResponse r = client.fetch("/private", FetchOptions.post().header("X-XSRFToken", xsrf));
    assertThat(r.status()).isEqualTo(403);
    FetchResponse ok =
        client.fetch(
            "/private",
            FetchOptions.post().header("X-XSRFToken", xsrf).header("Cookie", "user=bob"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.text()).isEqualTo("posted by bob");
    FetchResponse put =
        client.fetch(
            "/private", FetchOptions.method("PUT", new byte[0]).header("X-XSRFToken", xsrf));
    assertThat(put.text()).isEqualTo("put needs no user");
  }

  @Test
  void authenticatedClass(SquallClient client) {
    assertThat(client.fetch("/private-class", FetchOptions.get().followRedirects(false)).status())
        .isEqualTo(302);
    assertThat(client.fetch("/private-class", asUser("c")).text()).isEqualTo("class secret");
    String xsrf = xsrfCookie(client);
    FetchResponse del =
        client.fetch(
            "/private-class", FetchOptions.method("DELETE", null).header("X-XSRFToken", xsrf));
    assertThat(del.status()).isEqualTo(403);
  }

  @Test
  void userSetInAsyncPrepare(SquallClient client) {
    FetchResponse r = client.fetch("/async-user", FetchOptions.get().header("Cookie", "token=t1"));
    assertThat(r.text()).isEqualTo("hello user-of-t1");
    FetchResponse anonymous =
        client.fetch("/async-user", FetchOptions.get().followRedirects(false));
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.header("Location")).isEqualTo("/login?next=%2Fasync-user");
  }

  @Test
  void absoluteLoginUrlGetsTheFullUrlAsNext() {
    Application app =
        Application.builder()
            .route("/private", Private::new)
            .settings(Settings.builder().loginUrl("https://login.example.com/signin").build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      FetchResponse r = client.fetch("/private?x=1", FetchOptions.get().followRedirects(false));
      assertThat(r.status()).isEqualTo(302);
      assertThat(r.header("Location"))
          .isEqualTo(
              "https://login.example.com/signin?next=http%3A%2F%2F127.0.0.1%3A"
                  + client.port()
                  + "%2Fprivate%3Fx%3D1");
    }
  }

  @Test
  void loginUrlWithQueryIsUsedAsIs() {
    Application app =
        Application.builder()
            .route("/private", Private::new)
            .settings(Settings.builder().loginUrl("/login?from=app").build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      FetchResponse r = client.fetch("/private", FetchOptions.get().followRedirects(false));
      assertThat(r.header("Location")).isEqualTo("/login?from=app");
    }
  }

  @Test
  void authenticatedWithoutLoginUrlIs500() {
    Application app = Application.builder().route("/private", Private::new).build();
    try (SquallClient client = SquallClient.start(app);
        ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      assertThat(client.fetch("/private").status()).isEqualTo(500);
    }
  }

  // ---------------------------------------------------------------- XSRF

  private static final Pattern FORM_TOKEN =
      Pattern.compile("<input type=\"hidden\" name=\"_xsrf\" value=\"([^\"]+)\">");

  /** Loads the form page and returns the _xsrf cookie the server set (kept in the jar). */
  private static String xsrfCookie(SquallClient client) {
    FetchResponse r = client.fetch("/form");
    assertThat(r.status()).isEqualTo(200);
    for (HttpCookie c : client.cookies().getCookieStore().getCookies()) {
      if (c.getName().equals("_xsrf")) {
        return c.getValue();
      }
    }
    throw new AssertionError("no _xsrf cookie: " + r.headerValues("Set-Cookie"));
  }

  @Test
  void formPageSetsCookieAndHiddenField(SquallClient client) {
    FetchResponse r = client.fetch("/form");
    assertThat(r.header("Set-Cookie"))
        .matches("_xsrf=2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|\\d+; Path=/");
    Matcher m = FORM_TOKEN.matcher(r.text());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).matches("2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|\\d+");
    // a second visit keeps the cookie's token and sets no new cookie
    FetchResponse again = client.fetch("/form");
    assertThat(again.header("Set-Cookie")).isNull();
  }

  @Test
  void tokenIsStableWithinARequest(SquallClient client) {
    String[] two = client.fetch("/token-twice").text().split("\n");
    assertThat(two[0]).isEqualTo(two[1]);
  }

  @Test
  void postWithoutTokenIs403(SquallClient client) {
    xsrfCookie(client);
    try (ExpectLog log = ExpectLog.expect("squall.general", "'_xsrf' argument missing")) {
      assertThat(client.fetch("/form", FetchOptions.post().form(Map.of("a", "1"))).status())
          .isEqualTo(403);
    }
  }

  @Test
  void postWithFormFieldFromThePage(SquallClient client) {
    FetchResponse page = client.fetch("/form");
    Matcher m = FORM_TOKEN.matcher(page.text());
    assertThat(m.find()).isTrue();
    String fromPage = m.group(1).replace("&#39;", "'");
    FetchResponse r = client.fetch("/form", FetchOptions.post().form(Map.of("_xsrf", fromPage)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("ok post");
  }

  @Test
  void postWithCookieValueAsFormField(SquallClient client) {
    String cookie = xsrfCookie(client);
    FetchResponse r = client.fetch("/form", FetchOptions.post().form(Map.of("_xsrf", cookie)));
    assertThat(r.text()).isEqualTo("ok post");
  }

  @Test
  void tokenInQueryArgumentCounts(SquallClient client) {
    String cookie = xsrfCookie(client);
    FetchResponse r =
        client.fetch(
            "/form?_xsrf="
                + java.net.URLEncoder.encode(cookie, java.nio.charset.StandardCharsets.UTF_8),
            FetchOptions.post());
    assertThat(r.text()).isEqualTo("ok post");
  }

  @Test
  void xsrfTokenHeader(SquallClient client) {
    String cookie = xsrfCookie(client);
    assertThat(client.fetch("/form", FetchOptions.post().header("X-XSRFToken", cookie)).text())
        .isEqualTo("ok post");
  }

  @Test
  void csrfTokenHeader(SquallClient client) {
    String cookie = xsrfCookie(client);
    assertThat(client.fetch("/form", FetchOptions.post().header("X-CSRFToken", cookie)).text())
        .isEqualTo("ok post");
  }

  @Test
  void everyUnsafeVerbIsChecked(SquallClient client) {
    String cookie = xsrfCookie(client);
    for (String verb : new String[] {"PUT", "DELETE", "PATCH"}) {
      assertThat(client.fetch("/form", FetchOptions.method(verb, new byte[0])).status())
          .as(verb)
          .isEqualTo(403);
      assertThat(
              client
                  .fetch(
                      "/form", FetchOptions.method(verb, new byte[0]).header("X-XSRFToken", cookie))
                  .text())
          .as(verb)
          .isEqualTo("ok " + verb.toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void safeVerbsAreNotChecked(SquallClient client) {
    assertThat(client.fetch("/form").status()).isEqualTo(200);
    assertThat(client.fetch("/form", FetchOptions.method("HEAD", null)).status()).isEqualTo(200);
    assertThat(client.fetch("/form", FetchOptions.method("OPTIONS", null)).text())
        .isEqualTo("ok options");
  }

  @Test
  void tokenFromAnotherSessionIs403(SquallClient client) {
    String mine = xsrfCookie(client);
    client.clearCookies();
    String theirs = xsrfCookie(client); // the jar now holds the second session's cookie
    assertThat(theirs).isNotEqualTo(mine);
    assertThat(client.fetch("/form", FetchOptions.post().header("X-XSRFToken", mine)).status())
        .isEqualTo(403);
    assertThat(client.fetch("/form", FetchOptions.post().header("X-XSRFToken", theirs)).status())
        .isEqualTo(200);
  }

  @Test
  void tokenWithoutCookieIs403(SquallClient client) {
    String cookie = xsrfCookie(client);
    client.clearCookies();
    assertThat(client.fetch("/form", FetchOptions.post().header("X-XSRFToken", cookie)).status())
        .isEqualTo(403);
  }

  @Test
  void malformedTokensAre403(SquallClient client) {
    xsrfCookie(client);
    for (String bad : new String[] {"2|zz|yy|1", "2|", "3|abc", "", "has space"}) {
      FetchResponse r = client.fetch("/form", FetchOptions.post().header("X-XSRFToken", bad));
      assertThat(r.status()).as(bad).isEqualTo(403);
    }
  }

  @Test
  void unmatchedPostIs404Not403(SquallClient client) {
    assertThat(client.fetch("/nowhere", FetchOptions.post()).status()).isEqualTo(404);
  }
}
