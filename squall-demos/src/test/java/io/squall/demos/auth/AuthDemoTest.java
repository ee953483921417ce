package io.squall.demos.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.auth.testprovider.TestProvider;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.web.Application;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login demo: without configuration the page says what to set; configured against a real test
 * provider on another port, both logins complete and a forged callback is refused.
 */
class AuthDemoTest {
  private static SquallClient serve(AuthDemoConfig config) {
    return SquallClient.start(Application.builder().mount("/auth", AuthDemo.app(config)).build());
  }

  @Test
  void withoutEnvironmentThePageSaysWhatToSet() {
    try (SquallClient client = serve(AuthDemoConfig.fromEnvironment(Map.of()))) {
      FetchResponse r = client.fetch("/auth/");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text())
          .contains("SQUALL_GITHUB_CLIENT_ID", "SQUALL_GITHUB_CLIENT_SECRET")
          .contains("SQUALL_GOOGLE_CLIENT_ID", "SQUALL_GOOGLE_CLIENT_SECRET")
          .contains(client.url("/auth/github"), client.url("/auth/google"))
          .contains("Nobody is logged in")
          .doesNotContain("Log in with GitHub</a>");
      // the login routes go back to the page instead of failing
      FetchResponse login = client.fetch("/auth/github", FetchOptions.get().followRedirects(false));
      assertThat(login.status()).isEqualTo(302);
      assertThat(login.header("Location")).isEqualTo("/auth/");
    }
  }

  @Test
  void blankVariablesCountAsUnset() {
    AuthDemoConfig c =
        AuthDemoConfig.fromEnvironment(
            Map.of("SQUALL_GITHUB_CLIENT_ID", "id", "SQUALL_GITHUB_CLIENT_SECRET", " "));
    assertThat(c.github()).isNull();
    assertThat(c.google()).isNull();
    AuthDemoConfig set =
        AuthDemoConfig.fromEnvironment(
            Map.of("SQUALL_GOOGLE_CLIENT_ID", "gid", "SQUALL_GOOGLE_CLIENT_SECRET", "gs"));
    assertThat(set.google().clientId()).isEqualTo("gid");
    assertThat(set.google().authorizeUrl()).startsWith("https://accounts.google.com/");
  }

  @Test
  void configuredAgainstTheTestProviderBothLoginsComplete() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client =
            serve(
                new AuthDemoConfig(
                    provider.github(), provider.google(), null, "a demo secret of some length"))) {
      FetchResponse page = client.fetch("/auth/");
      assertThat(page.text())
          .contains("Log in with GitHub</a>", "Log in with Google</a>")
          .doesNotContain("SQUALL_GITHUB_CLIENT_ID");

      FetchResponse github = client.fetch("/auth/github");
      assertThat(github.status()).isEqualTo(200);
      assertThat(github.uri().getPath()).isEqualTo("/auth/");
      assertThat(github.text()).contains("Logged in as <strong>" + TestProvider.USER_LOGIN);

      client.fetch("/auth/logout", FetchOptions.post().body(""));
      assertThat(client.fetch("/auth/").text()).contains("Nobody is logged in");

      FetchResponse google = client.fetch("/auth/google");
      assertThat(google.status()).isEqualTo(200);
      assertThat(google.text())
          .contains("Logged in as <strong>" + TestProvider.USER_NAME + "</strong> through google");
    }
  }

  @Test
  void aForgedCallbackShowsWhyAndLogsNobodyIn() {
    try (TestProvider provider = TestProvider.start();
        SquallClient client =
            serve(
                new AuthDemoConfig(
                    provider.github(), provider.google(), null, "a demo secret of some length"))) {
      FetchOptions noFollow = FetchOptions.get().followRedirects(false);
      URI authorize = URI.create(client.fetch("/auth/google", noFollow).header("Location"));
      String callback = client.fetch(authorize.toString(), noFollow).header("Location");
      FetchResponse r = client.fetch(callback.replaceAll("state=[^&]*", "state=forged"), noFollow);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.text()).contains("OAuth state mismatch").contains("Nobody is logged in");
    }
  }
}
