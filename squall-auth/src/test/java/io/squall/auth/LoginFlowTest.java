package io.squall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.auth.internal.JwksCache;
import io.squall.auth.testprovider.TestProvider;
import io.squall.auth.testprovider.TestProvider.IdTokenFault;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.net.HttpCookie;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole redirect dance against a real provider on another port: the browser is the JDK client
 * with a cookie jar, the application's calls to the provider go through Squall's async client.
 */
@SquallTest
class LoginFlowTest {
  TestProvider provider;

  @TestApplication
  Application app() {
    JwksCache.clear();
    provider = TestProvider.start();
    return LoginTestApp.app(provider);
  }

  @AfterEach
  void stopProvider() {
    provider.close();
  }

  private static FetchOptions noFollow() {
    return FetchOptions.get().followRedirects(false);
  }

  /** Leg one: the app's redirect to the provider, checked for what every authorize URL needs. */
  private static URI authorizeUrl(SquallClient client, String login) {
    FetchResponse r = client.fetch(login, noFollow());
    assertThat(r.status()).as("GET %s", login).isEqualTo(302);
    return URI.create(r.header("Location"));
  }

  /** The provider's consent: the callback URL it sends the browser back to. */
  private static String callback(SquallClient client, URI authorize) {
    FetchResponse r = client.fetch(authorize.toString(), noFollow());
    assertThat(r.status()).as("provider %s", authorize).isEqualTo(302);
    return r.header("Location");
  }

  private static Map<String, String> query(String url) {
    String q = URI.create(url).getRawQuery();
    return java.util.Arrays.stream(q.split("&"))
        .map(kv -> kv.split("=", 2))
        .collect(
            Collectors.toMap(
                kv -> kv[0],
                kv -> java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String withParam(String url, String name, String value) {
    Map<String, String> q = new java.util.LinkedHashMap<>(query(url));
    if (value == null) {
      q.remove(name);
    } else {
      q.put(name, value);
    }
    String base = url.substring(0, url.indexOf('?'));
    return base
        + "?"
        + q.entrySet().stream()
            .map(e -> e.getKey() + "=" + io.squall.escape.Escape.urlEscape(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  private static void assertNobodyLoggedIn(SquallClient client) {
    FetchResponse me = client.fetch("/me");
    assertThat(me.status()).isEqualTo(401);
    assertThat(client.cookies().getCookieStore().getCookies())
        .extracting(HttpCookie::getName)
        .doesNotContain("user");
  }

  private static void assertLoggedIn(SquallClient client, String expected) {
    FetchResponse me = client.fetch("/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text()).isEqualTo(expected);
  }

  private static final String GOOGLE_USER =
      "google|"
          + TestProvider.USER_SUB
          + "|"
          + TestProvider.USER_NAME
          + "|"
          + TestProvider.USER_EMAIL;

  // ---------------------------------------------------------------------------------- success

  @Test
  void googleLoginFollowsTheRedirectsAndEndsLoggedIn(SquallClient client) {
    FetchResponse r = client.fetch("/login/google");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.uri().getPath()).isEqualTo("/me");
    assertThat(r.text()).isEqualTo(GOOGLE_USER);
    assertLoggedIn(client, GOOGLE_USER);
  }

  @Test
  void theAuthorizeRedirectCarriesClientScopeStateAndNonceAndTheStateCookieIsGuarded(
      SquallClient client) {
    FetchResponse r = client.fetch("/login/google", noFollow());
    assertThat(r.status()).isEqualTo(302);
    URI location = URI.create(r.header("Location"));
    assertThat(location.toString()).startsWith(provider.url("/authorize?"));
    Map<String, String> q = query(location.toString());
    assertThat(q)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", TestProvider.CLIENT_ID)
        .containsEntry("redirect_uri", client.url("/login/google"))
        .containsEntry("scope", "openid email profile");
    assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(q.get("state"));
    String setCookie = r.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith("_oauth2_google=")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");

    FetchResponse again = client.fetch("/login/google", noFollow());
    assertThat(query(again.header("Location")).get("state")).isNotEqualTo(q.get("state"));
  }

  @Test
  void githubLoginEndsLoggedInWithTheNumericIdAndTheLoginAsName(SquallClient client) {
    FetchResponse r = client.fetch("/login/github");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text())
        .isEqualTo(
            "github|"
                + TestProvider.USER_SUB
                + "|"
                + TestProvider.USER_LOGIN
                + "|"
                + TestProvider.USER_EMAIL);
    Map<String, String> q = query(authorizeUrl(client, "/login/github").toString());
    assertThat(q).containsEntry("scope", "read:user user:email").doesNotContainKey("nonce");
  }

  @Test
  void facebookLoginEndsLoggedInThroughTheGraphApiWithAnAppSecretProof(SquallClient client) {
    FetchResponse r = client.fetch("/login/facebook");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text())
        .isEqualTo("facebook|" + TestProvider.USER_SUB + "|" + TestProvider.USER_NAME + "|null");
  }

  @Test
  void theJwksIsFetchedOnceForSeveralLogins(SquallClient client) {
    client.fetch("/login/google");
    client.clearCookies();
    assertThat(client.fetch("/login/google").text()).isEqualTo(GOOGLE_USER);
    assertThat(provider.jwksFetches()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------- state

  @ParameterizedTest
  @ValueSource(strings = {"/login/google", "/login/github", "/login/facebook"})
  void aWrongStateIsRefusedBeforeTheCodeIsSpent(String login, SquallClient client) {
    String cb = callback(client, authorizeUrl(client, login));
    FetchResponse r = client.fetch(withParam(cb, "state", "forged-state"), noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("STATE_MISMATCH: ");
    assertThat(provider.tokenRequests()).isZero();
    assertNobodyLoggedIn(client);
  }

  @Test
  void aCallbackWithoutStateIsRefused(SquallClient client) {
    String cb = callback(client, authorizeUrl(client, "/login/google"));
    FetchResponse r = client.fetch(withParam(cb, "state", null), noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("STATE_MISSING: ").contains("no state");
    assertThat(provider.tokenRequests()).isZero();
    assertNobodyLoggedIn(client);
  }

  @Test
  void aCallbackInABrowserThatDidNotStartTheLoginIsRefused(SquallClient client) {
    // the attacker's own callback, delivered to the victim's browser (login CSRF)
    String cb = callback(client, authorizeUrl(client, "/login/google"));
    client.clearCookies();
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("STATE_MISSING: ").contains("cookie");
    assertNobodyLoggedIn(client);
  }

  @Test
  void aTamperedStateCookieIsRefused(SquallClient client) {
    String cb = callback(client, authorizeUrl(client, "/login/google"));
    String state = query(cb).get("state");
    client.clearCookies();
    HttpCookie forged = new HttpCookie("_oauth2_google", state + ".nonce");
    forged.setPath("/");
    client.cookies().getCookieStore().add(URI.create(client.url("/")), forged);
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("STATE_MISSING: ").contains("not signed");
    assertNobodyLoggedIn(client);
  }

  @Test
  void aStateServesOneCallbackOnly(SquallClient client) {
    URI authorize = authorizeUrl(client, "/login/google");
    String stateCookie =
        client.cookies().getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("_oauth2_google"))
            .findFirst()
            .orElseThrow()
            .getValue();
    String cb = callback(client, authorize);
    assertThat(client.fetch(cb, noFollow()).status()).isEqualTo(302); // logged in
    assertThat(client.cookies().getCookieStore().getCookies())
        .extracting(HttpCookie::getName)
        .doesNotContain("_oauth2_google");

    client.clearCookies();
    FetchResponse replay = client.fetch(cb, noFollow());
    assertThat(replay.status()).isEqualTo(403);
    assertThat(replay.text()).startsWith("STATE_MISSING: ");

    // a replay that also carries the old cookie: the state matches, but the code is spent
    HttpCookie old = new HttpCookie("_oauth2_google", stateCookie);
    old.setPath("/");
    client.cookies().getCookieStore().add(URI.create(client.url("/")), old);
    FetchResponse withCookie = client.fetch(cb, noFollow());
    assertThat(withCookie.status()).isEqualTo(403);
    assertThat(withCookie.text()).startsWith("CODE_REJECTED: ").contains("invalid_grant");
    assertNobodyLoggedIn(client);
  }

  // ---------------------------------------------------------------------------------- codes

  @ParameterizedTest
  @ValueSource(strings = {"/login/google", "/login/github", "/login/facebook"})
  void anExpiredCodeIsRefusedByTheProvider(String login, SquallClient client) {
    String cb = callback(client, authorizeUrl(client, login));
    provider.expireCodes();
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("CODE_REJECTED: ").contains("expired code");
    assertNobodyLoggedIn(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/login/google", "/login/github", "/login/facebook"})
  void anUnknownCodeIsRefusedByTheProvider(String login, SquallClient client) {
    String cb = callback(client, authorizeUrl(client, login));
    FetchResponse r = client.fetch(withParam(cb, "code", "made-up"), noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("CODE_REJECTED: ").contains("unknown or used code");
    assertNobodyLoggedIn(client);
  }

  @Test
  void aCallbackWithoutACodeIsRefused(SquallClient client) {
    String cb = callback(client, authorizeUrl(client, "/login/google"));
    FetchResponse r = client.fetch(withParam(cb, "code", null), noFollow());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).startsWith("CODE_MISSING: ");
    assertNobodyLoggedIn(client);
  }

  @Test
  void aUserWhoSaysNoAtTheProviderIsNotLoggedIn(SquallClient client) {
    provider.denyWith("access_denied");
    String cb = callback(client, authorizeUrl(client, "/login/github"));
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).startsWith("ACCESS_DENIED: ").contains("error=access_denied");
    assertNobodyLoggedIn(client);
  }

  @Test
  void aProviderThatIsGoneIsA502(SquallClient client) {
    String cb = callback(client, authorizeUrl(client, "/login/github"));
    provider.close();
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.text()).startsWith("PROVIDER_FAILURE: ").contains("token request");
    assertNobodyLoggedIn(client);
  }

  // ---------------------------------------------------------------------------------- ID token

  @ParameterizedTest
  @EnumSource(value = IdTokenFault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aFaultyIdTokenIsRefused(IdTokenFault fault, SquallClient client) {
    provider.idTokenFault(fault);
    String cb = callback(client, authorizeUrl(client, "/login/google"));
    FetchResponse r = client.fetch(cb, noFollow());
    assertThat(r.status()).as(fault.name()).isEqualTo(403);
    String expected =
        switch (fault) {
          case BAD_SIGNATURE, UNKNOWN_KEY -> "signature does not verify";
          case WRONG_AUDIENCE -> "does not include client id " + TestProvider.CLIENT_ID;
          case WRONG_ISSUER -> "issuer https://evil.example is not one of";
          case EXPIRED -> "expired at";
          case WRONG_NONCE -> "nonce is not the one";
          case HS256 -> "signed with HS256, not RS256";
          case NONE -> throw new AssertionError();
        };
    assertThat(r.text()).as(fault.name()).startsWith("INVALID_ID_TOKEN: ").contains(expected);
    assertNobodyLoggedIn(client);
  }

  // ---------------------------------------------------------------------------------- unhandled

  @Test
  void anUnhandledAuthErrorAnswersItsStatusWithTheReasonOnThePage(SquallClient client) {
    String cb = callback(client, authorizeUrl(client, "/plain/google"));
    FetchResponse r = client.fetch(withParam(cb, "state", "forged"), noFollow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).contains("403: OAuth state mismatch");
    assertNobodyLoggedIn(client);

    provider.idTokenFault(IdTokenFault.BAD_SIGNATURE);
    String cb2 = callback(client, authorizeUrl(client, "/plain/google"));
    FetchResponse bad = client.fetch(cb2, noFollow());
    assertThat(bad.status()).isEqualTo(403);
    assertThat(bad.text()).contains("403: Invalid ID token");
    assertNobodyLoggedIn(client);
  }
}
