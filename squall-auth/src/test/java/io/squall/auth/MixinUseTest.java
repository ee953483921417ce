package io.squall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.auth.testprovider.TestProvider;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mixins' other uses and misuses: API calls after login, missing settings, bad configs. */
class MixinUseTest {
  @Test
  void oauth2RequestCallsTheApiWithTheUsersToken() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client = SquallClient.start(LoginTestApp.app(provider))) {
      assertThat(client.fetch("/login/github").status()).isEqualTo(200);
      FetchResponse r = client.fetch("/api/github/user");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo(TestProvider.USER_LOGIN);
    }
  }

  @Test
  void oauth2RequestWithARevokedTokenFailsAsAProviderFailure() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client = SquallClient.start(LoginTestApp.app(provider))) {
      FetchResponse r = client.fetch("/api/github/user"); // no token cookie: not logged in
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.text()).contains("502: OAuth provider failed");
    }
  }

  /** A Google login handler in an application without the settings it needs. */
  public static final class Bare extends RequestHandler implements GoogleOAuth2Mixin {
    @Override
    public void get() {
      try {
        authorizeRedirect("http://127.0.0.1/cb");
      } catch (IllegalStateException e) {
        setStatus(500);
        finish(e.getMessage());
      }
    }
  }

  @Test
  void withoutTheConfigSettingTheErrorNamesTheKeyAndTheFactory() {
    try (SquallClient client =
        SquallClient.start(
            Application.builder()
                .route("/", Bare::new)
                .settings(Settings.builder().cookieSecret("sixteen or more chars").build())
                .build())) {
      FetchResponse r = client.fetch("/");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("'google_oauth' setting").contains("OAuth2Config.google");
    }
  }

  @Test
  void withoutACookieSecretTheRedirectRefusesToStart() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client =
            SquallClient.start(
                Application.builder()
                    .route("/", Bare::new)
                    .settings(
                        Settings.builder()
                            .set(GoogleOAuth2Mixin.SETTINGS_KEY, provider.google())
                            .build())
                    .build())) {
      FetchResponse r = client.fetch("/", FetchOptions.get().followRedirects(false));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.header("Location")).isNull();
      assertThat(r.text()).contains("'cookieSecret' setting");
      assertThat(r.header("Set-Cookie")).isNull();
    }
  }

  @Test
  void theRealProvidersAreTheDefaults() {
    OAuth2Config g = OAuth2Config.google("id", "secret");
    assertThat(g.openIdConnect()).isTrue();
    assertThat(g.authorizeUrl()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
    assertThat(g.jwksUrl()).isEqualTo("https://www.googleapis.com/oauth2/v3/certs");
    assertThat(g.issuers()).contains("https://accounts.google.com");
    assertThat(g.scope()).containsExactly("openid", "email", "profile");
    OAuth2Config gh = OAuth2Config.github("id", "secret");
    assertThat(gh.openIdConnect()).isFalse();
    assertThat(gh.accessTokenUrl()).isEqualTo("https://github.com/login/oauth/access_token");
    assertThat(OAuth2Config.facebook("id", "secret").userInfoUrl())
        .isEqualTo("https://graph.facebook.com/me");
    OAuth2Config local = gh.toBuilder().authorizeUrl("http://127.0.0.1:1/a").build();
    assertThat(local.authorizeUrl()).isEqualTo("http://127.0.0.1:1/a");
    assertThat(local.clientId()).isEqualTo("id");
  }

  @Test
  void aBadConfigIsRefusedByName() {
    assertThatThrownBy(() -> OAuth2Config.builder("Bad Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider name");
    assertThatThrownBy(() -> OAuth2Config.google("", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("google: clientId is required");
    assertThatThrownBy(
            () -> OAuth2Config.github("id", "s").toBuilder().accessTokenUrl("/relative").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accessTokenUrl must be an absolute http(s) URL");
    assertThatThrownBy(
            () -> OAuth2Config.google("id", "s").toBuilder().issuers(java.util.Set.of()).build())
        .hasMessageContaining("needs issuers");
    assertThatThrownBy(() -> OAuth2Config.github("id", "s").toBuilder().stateMaxAge(Duration.ZERO))
        .hasMessageContaining("stateMaxAge must be positive");
  }

  /** A handler that tries to set the state itself. */
  public static final class OwnState extends RequestHandler implements GitHubOAuth2Mixin {
    @Override
    public void get() {
      try {
        authorizeRedirect("http://127.0.0.1/cb", List.of(), Map.of("state", "mine"));
      } catch (IllegalArgumentException e) {
        setStatus(500);
        finish(e.getMessage());
      }
    }
  }

  @Test
  void extraParamsCannotReplaceTheState() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client =
            SquallClient.start(
                Application.builder()
                    .route("/", OwnState::new)
                    .settings(
                        Settings.builder()
                            .cookieSecret("sixteen or more chars")
                            .set(GitHubOAuth2Mixin.SETTINGS_KEY, provider.github())
                            .build())
                    .build())) {
      FetchResponse r = client.fetch("/", FetchOptions.get().followRedirects(false));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("must not set state");
    }
  }
}
