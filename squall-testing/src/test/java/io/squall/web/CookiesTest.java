package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.internal.CookieSecret;
import io.squall.web.internal.SignedValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain and signed cookies: the Set-Cookie text, clearing, signing, tampering, expiry, keys. */
@SquallTest
class CookiesTest {
  static final String SECRET = "0123456789abcdef-cookie-secret";
  static final String OLD_SECRET = "old-secret-0123456789abcdef";
  static final String NEW_SECRET = "new-secret-0123456789abcdef";

  /** Sets one cookie per request, its options from the query. */
  public static class SetOne extends RequestHandler {
    public void get() {
      CookieOptions.Builder b = CookieOptions.builder();
      String domain = getArgument("domain", null);
      if (domain != null) {
        b.domain(domain);
      }
      String path = getArgument("path", null);
      if (path != null) {
        b.path(path);
      }
      String expires = getArgument("expires", null);
      if (expires != null) {
        b.expires(Instant.ofEpochSecond(Long.parseLong(expires)));
      }
      String maxAge = getArgument("maxage", null);
      if (maxAge != null) {
        b.maxAge(Duration.ofSeconds(Long.parseLong(maxAge)));
      }
      b.secure(getArgument("secure", null) != null);
      b.httpOnly(getArgument("httponly", null) != null);
      b.sameSite(getArgument("samesite", null));
      setCookie(
          getArgument("name", "c"), request().queryArguments().get("value").get(0), b.build());
    }
  }

  /** Sets two plain cookies with the defaults. */
  public static class SetTwo extends RequestHandler {
    public void get() {
      setCookie("a", "1");
      setCookie("b", "two");
    }
  }

  /** Clears cookies. */
  public static class Clear extends RequestHandler {
    public void get() {
      clearCookie("a");
      clearCookie("b", CookieOptions.builder().path("/sub").domain("example.com").build());
    }
  }

  /** Sets and reads a signed cookie. */
  public static class Signed extends RequestHandler {
    public void get() {
      String value = getArgument("set", null);
      if (value != null) {
        setSignedCookie("user", value);
        return;
      }
      String maxAge = getArgument("maxage", null);
      String v =
          maxAge == null
              ? getSignedCookie("user")
              : getSignedCookie("user", Double.parseDouble(maxAge));
      write(String.valueOf(v));
    }
  }

  /** Reads a signed cookie under another name. */
  public static class OtherName extends RequestHandler {
    public void get() {
      write(String.valueOf(getSignedCookie("admin")));
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/set", SetOne::new)
        .route("/set-two", SetTwo::new)
        .route("/clear", Clear::new)
        .route("/signed", Signed::new)
        .route("/other-name", OtherName::new)
        .settings(Settings.builder().cookieSecret(SECRET).build())
        .build();
  }

  private static String setCookie(SquallClient client, String query) {
    FetchResponse r = client.fetch("/set?" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> all = r.headerValues("Set-Cookie");
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void plainCookieDefaultsToPathRoot(SquallClient client) {
    assertThat(setCookie(client, "value=v1")).isEqualTo("c=v1; Path=/");
  }

  @Test
  void everyAttribute(SquallClient client) {
    String header =
        setCookie(
            client,
            "name=sid&value=abc&domain=example.com&path=/app&expires=784111777&maxage=3600"
                + "&secure=1&httponly=1&samesite=Strict");
    assertThat(header)
        .isEqualTo(
            "sid=abc; Domain=example.com; Expires=Sun, 06 Nov 1994 08:49:37 GMT; HttpOnly;"
                + " Max-Age=3600; Path=/app; SameSite=Strict; Secure");
  }

  @Test
  void sameSiteLaxAndNone(SquallClient client) {
    assertThat(setCookie(client, "value=x&samesite=lax")).isEqualTo("c=x; Path=/; SameSite=Lax");
    assertThat(setCookie(client, "value=x&samesite=None&secure=1"))
        .isEqualTo("c=x; Path=/; SameSite=None; Secure");
  }

  @Test
  void refusedCookiesAre500AndNotSent(SquallClient client) {
    try (ExpectLog log = ExpectLog.capture("io.squall.web", "Uncaught exception")) {
      // SameSite=None without Secure, an unknown SameSite, a bad name, non-ASCII, CR/LF
      for (String q :
          List.of(
              "value=x&samesite=None",
              "value=x&samesite=Sometimes",
              "name=a%20b&value=x",
              "value=caf%C3%A9",
              "value=a%0D%0ASet-Cookie:%20evil=1",
              "value=x&path=/a;%20evil")) {
        FetchResponse r = client.fetch("/set?" + q);
        assertThat(r.status()).as(q).isEqualTo(500);
        assertThat(r.headerValues("Set-Cookie")).as(q).isEmpty();
      }
      assertThat(log.count()).isEqualTo(6);
    }
  }

  @Test
  void valuesOutsideCookieOctetsAreQuoted(SquallClient client) {
    assertThat(setCookie(client, "value=a+b%3Bc%2Cd%22e%5Cf"))
        .isEqualTo("c=\"a b\\073c\\054d\\\"e\\\\f\"; Path=/");
  }

  @Test
  void severalCookies(SquallClient client) {
    FetchResponse r = client.fetch("/set-two");
    assertThat(r.headerValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=two; Path=/");
  }

  @Test
  void clearCookie(SquallClient client) {
    FetchResponse r = client.fetch("/clear");
    assertThat(r.headerValues("Set-Cookie"))
        .containsExactly(
            "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
            "b=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/sub");
  }

  @Test
  void signedCookieRoundTrip(SquallClient client) {
    FetchResponse set = client.fetch("/signed?set=ann");
    String header = set.header("Set-Cookie");
    assertThat(header).startsWith("user=2|1:0|10:").contains("|4:user|4:YW5u|");
    assertThat(header).contains("; Expires=").endsWith("; Path=/");
    // the client's cookie jar sends it back
    assertThat(client.fetch("/signed").text()).isEqualTo("ann");
  }

  @Test
  void missingSignedCookieIsNull(SquallClient client) {
    assertThat(client.fetch("/signed").text()).isEqualTo("null");
  }

  @Test
  void tamperedSignedCookieIsNull(SquallClient client) {
    String value = signedValue(client, "ann");
    client.clearCookies();
    assertThat(withCookie(client, "/signed", "user=" + value)).isEqualTo("ann");
    // change the payload (ann -> bob), keep the signature
    String forged = value.replace("|4:YW5u|", "|4:Ym9i|");
    assertThat(forged).isNotEqualTo(value);
    assertThat(withCookie(client, "/signed", "user=" + forged)).isEqualTo("null");
    // change one signature digit
    char last = value.charAt(value.length() - 1);
    String badSig = value.substring(0, value.length() - 1) + (last == '0' ? '1' : '0');
    assertThat(withCookie(client, "/signed", "user=" + badSig)).isEqualTo("null");
    // garbage and a bare value
    assertThat(withCookie(client, "/signed", "user=garbage")).isEqualTo("null");
    assertThat(withCookie(client, "/signed", "user=2|1:0|")).isEqualTo("null");
  }

  @Test
  void signedValueIsBoundToItsName(SquallClient client) {
    String value = signedValue(client, "ann");
    client.clearCookies();
    assertThat(withCookie(client, "/other-name", "admin=" + value)).isEqualTo("null");
  }

  @Test
  void expiredSignedCookieIsNull(SquallClient client) {
    CookieSecret secret =
        CookieSecret.versioned(Map.of(0, SECRET), 0); // as the application makes it
    InstantSource fortyDaysAgo = InstantSource.fixed(Instant.now().minus(Duration.ofDays(40)));
    String old =
        SignedValues.create(secret, "user", "ann".getBytes(StandardCharsets.UTF_8), fortyDaysAgo);
    InstantSource lastWeek = InstantSource.fixed(Instant.now().minus(Duration.ofDays(7)));
    String recent =
        SignedValues.create(secret, "user", "bob".getBytes(StandardCharsets.UTF_8), lastWeek);
    // the default limit is 31 days
    assertThat(withCookie(client, "/signed", "user=" + old)).isEqualTo("null");
    assertThat(withCookie(client, "/signed", "user=" + recent)).isEqualTo("bob");
    // a per-call limit
    assertThat(withCookie(client, "/signed?maxage=50", "user=" + old)).isEqualTo("ann");
    assertThat(withCookie(client, "/signed?maxage=5", "user=" + recent)).isEqualTo("null");
  }

  @Test
  void signedCookieMaxAgeSetting() {
    CookieSecret secret = CookieSecret.versioned(Map.of(0, SECRET), 0);
    String old =
        SignedValues.create(
            secret,
            "user",
            "ann".getBytes(StandardCharsets.UTF_8),
            InstantSource.fixed(Instant.now().minus(Duration.ofDays(40))));
    Application app =
        Application.builder()
            .route("/signed", Signed::new)
            .settings(Settings.builder().cookieSecret(SECRET).signedCookieMaxAgeDays(60).build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(withCookie(client, "/signed", "user=" + old)).isEqualTo("ann");
    }
  }

  @Test
  void keyRotation() {
    Application oldApp =
        signedApp(Settings.builder().cookieSecret(1, OLD_SECRET).cookieKeyVersion(1));
    Application rotating =
        signedApp(
            Settings.builder()
                .cookieSecret(1, OLD_SECRET)
                .cookieSecret(2, NEW_SECRET)
                .cookieKeyVersion(2));
    Application newOnly =
        signedApp(Settings.builder().cookieSecret(2, NEW_SECRET).cookieKeyVersion(2));
    try (SquallClient oldClient = SquallClient.start(oldApp);
        SquallClient rotatingClient = SquallClient.start(rotating);
        SquallClient newClient = SquallClient.start(newOnly)) {
      String signedWith1 = signedValue(oldClient, "ann");
      assertThat(signedWith1).startsWith("2|1:1|");
      String signedWith2 = signedValue(rotatingClient, "bob");
      assertThat(signedWith2).startsWith("2|1:2|");
      rotatingClient.clearCookies();

      // the rotating app reads both versions
      assertThat(withCookie(rotatingClient, "/signed", "user=" + signedWith1)).isEqualTo("ann");
      assertThat(withCookie(rotatingClient, "/signed", "user=" + signedWith2)).isEqualTo("bob");
      // once version 1 is gone, its cookies are invalid
      assertThat(withCookie(newClient, "/signed", "user=" + signedWith1)).isEqualTo("null");
      assertThat(withCookie(newClient, "/signed", "user=" + signedWith2)).isEqualTo("bob");
      // the old app does not know version 2
      assertThat(withCookie(oldClient, "/signed", "user=" + signedWith2)).isEqualTo("null");
      // a version-1 value relabelled as version 2 fails the signature check
      String relabelled = signedWith1.replaceFirst("^2\\|1:1\\|", "2|1:2|");
      assertThat(withCookie(rotatingClient, "/signed", "user=" + relabelled)).isEqualTo("null");
    }
  }

  @Test
  void signedCookieWithoutSecretIs500() {
    Application app = Application.builder().route("/signed", Signed::new).build();
    try (SquallClient client = SquallClient.start(app);
        ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      assertThat(client.fetch("/signed?set=x").status()).isEqualTo(500);
    }
  }

  private static Application signedApp(Settings.Builder settings) {
    return Application.builder().route("/signed", Signed::new).settings(settings.build()).build();
  }

  /** Has the server sign {@code value} and returns the cookie value it set. */
  private static String signedValue(SquallClient client, String value) {
    String header = client.fetch("/signed?set=" + value).header("Set-Cookie");
    assertThat(header).startsWith("user=");
    return header.substring("user=".length(), header.indexOf(';'));
  }

  /** Fetches with exactly this Cookie header (the client's cookie jar emptied first). */
  private static String withCookie(SquallClient client, String path, String cookie) {
    client.clearCookies();
    return client.fetch(path, FetchOptions.get().header("Cookie", cookie)).text();
  }
}
