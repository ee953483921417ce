package io.squall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.auth.testprovider.TestProvider;
import io.squall.httpclient.AsyncHttpClient;
import io.squall.httpclient.HttpClientOptions;
import io.squall.ioloop.IOLoop;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Tornado's override points of the mixins: {@code getAuthHttpClient} (the provider calls go through
 * the application's client, which the mixin leaves open) and {@code getGoogleOauthSettings}.
 */
class HookOverridesTest {
  private static final String MY_SETTING = "my_google_credentials";

  /** The application's client: made on the handler's loop at first use, shared after. */
  static final class SharedClient {
    final HttpClientOptions options;
    final AtomicReference<AsyncHttpClient> client = new AtomicReference<>();
    final AtomicInteger uses = new AtomicInteger();

    SharedClient(HttpClientOptions options) {
      this.options = options;
    }

    AsyncHttpClient get(IOLoop loop) {
      uses.incrementAndGet();
      return client.updateAndGet(c -> c != null ? c : AsyncHttpClient.create(loop, options));
    }
  }

  /** Google login with its credentials under another setting and the HTTP client of the app's. */
  public static final class CustomLogin extends RequestHandler implements GoogleOAuth2Mixin {
    @Override
    public OAuth2Config getGoogleOauthSettings() {
      return (OAuth2Config) settings().get(MY_SETTING);
    }

    @Override
    public AsyncHttpClient getAuthHttpClient() {
      return ((SharedClient) settings().get("auth_client")).get(loop());
    }

    public CompletableFuture<Void> get(String... args) {
      return LoginTestApp.login(this, this, true);
    }
  }

  private static Application app(TestProvider provider, SharedClient client) {
    return Application.builder()
        .route("/login", CustomLogin::new)
        .route("/me", LoginTestApp.Me::new)
        .settings(
            Settings.builder()
                .cookieSecret("a test secret that is long enough to sign cookies")
                .set(MY_SETTING, provider.google())
                .set("auth_client", client)
                .build())
        .build();
  }

  @Test
  void theOverriddenSettingsAndTheSharedClientServeTwoLoginsAndTheClientStaysOpen() {
    SharedClient shared = new SharedClient(HttpClientOptions.defaults());
    try (TestProvider provider = TestProvider.start();
        SquallClient client = SquallClient.start(app(provider, shared))) {
      for (int i = 0; i < 2; i++) { // a login that closed the shared client would fail the second
        FetchResponse r = client.fetch("/login");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.uri().getPath()).isEqualTo("/me");
      }
      assertThat(shared.uses.get()).isGreaterThanOrEqualTo(2);
      client.loop().addCallback(() -> shared.client.get().close());
    }
  }

  @Test
  void theProviderCallsGoThroughTheSuppliedClientWithItsLimits() {
    // a client that takes no body over 8 bytes cannot read the token answer: the login fails
    SharedClient tiny = new SharedClient(HttpClientOptions.builder().maxBodySize(8).build());
    try (TestProvider provider = TestProvider.start();
        SquallClient client = SquallClient.start(app(provider, tiny))) {
      FetchResponse r = client.fetch("/login");
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.text())
          .startsWith("PROVIDER_FAILURE: the token request to google failed")
          .contains("over the limit of 8 bytes");
      client.loop().addCallback(() -> tiny.client.get().close());
    }
  }
}
