package io.squall.auth;

import io.squall.auth.testprovider.TestProvider;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.util.concurrent.CompletableFuture;

/**
 * The application under test: one login handler per mixin, as a user would write it. Under {@code
 * /login/...} a refused login is answered by the handler with the error's kind and detail (so tests
 * can tell the reasons apart); under {@code /plain/...} the error is left to the framework. {@code
 * /me} shows the logged-in user from the signed {@code user} cookie, or 401.
 */
public final class LoginTestApp {
  private LoginTestApp() {}

  static Application app(TestProvider provider) {
    return app(provider.google(), provider.github(), provider.facebook());
  }

  static Application app(OAuth2Config google, OAuth2Config github, OAuth2Config facebook) {
    return Application.builder()
        .route("/login/google", () -> new GoogleLogin(true))
        .route("/login/github", () -> new GitHubLogin(true))
        .route("/login/facebook", () -> new FacebookLogin(true))
        .route("/plain/google", () -> new GoogleLogin(false))
        .route("/plain/github", () -> new GitHubLogin(false))
        .route("/me", Me::new)
        .route("/api/github/user", GitHubApi::new)
        .settings(
            Settings.builder()
                .cookieSecret("a test secret that is long enough to sign cookies")
                .set(GoogleOAuth2Mixin.SETTINGS_KEY, google)
                .set(GitHubOAuth2Mixin.SETTINGS_KEY, github)
                .set(FacebookGraphMixin.SETTINGS_KEY, facebook)
                .build())
        .build();
  }

  /** Both legs: off to the provider without a callback's arguments, else finish the login. */
  static CompletableFuture<Void> login(RequestHandler h, OAuth2Mixin mixin, boolean answerErrors) {
    String redirectUri = h.request().protocol() + "://" + h.request().host() + h.request().path();
    boolean callback =
        h.getQueryArgument("code", null) != null
            || h.getQueryArgument("state", null) != null
            || h.getQueryArgument("error", null) != null;
    if (!callback) {
      mixin.authorizeRedirect(redirectUri);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done =
        mixin
            .getAuthenticatedUser(redirectUri)
            .thenAccept(
                u -> {
                  h.setSignedCookie(
                      "user", u.provider() + "|" + u.id() + "|" + u.name() + "|" + u.email());
                  h.setSignedCookie("token", u.accessToken());
                  h.redirect("/me");
                });
    if (!answerErrors) {
      return done;
    }
    return done.exceptionally(
        e -> {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          if (!(c instanceof AuthError ae)) {
            throw new IllegalStateException("not an AuthError", c);
          }
          h.setStatus(ae.status());
          h.finish(ae.kind() + ": " + ae.detail());
          return null;
        });
  }

  public static final class GoogleLogin extends RequestHandler implements GoogleOAuth2Mixin {
    private final boolean answerErrors;

    GoogleLogin(boolean answerErrors) {
      this.answerErrors = answerErrors;
    }

    public CompletableFuture<Void> get(String... args) {
      return login(this, this, answerErrors);
    }
  }

  public static final class GitHubLogin extends RequestHandler implements GitHubOAuth2Mixin {
    private final boolean answerErrors;

    GitHubLogin(boolean answerErrors) {
      this.answerErrors = answerErrors;
    }

    public CompletableFuture<Void> get(String... args) {
      return login(this, this, answerErrors);
    }
  }

  public static final class FacebookLogin extends RequestHandler implements FacebookGraphMixin {
    private final boolean answerErrors;

    FacebookLogin(boolean answerErrors) {
      this.answerErrors = answerErrors;
    }

    public CompletableFuture<Void> get(String... args) {
      return login(this, this, answerErrors);
    }
  }

  /** An API call with the token from the login: GitHub's {@code /user}, relative to the API. */
  public static final class GitHubApi extends RequestHandler implements GitHubOAuth2Mixin {
    public CompletableFuture<Void> get(String... args) {
      return oauth2Request("/user", getSignedCookie("token"))
          .thenAccept(json -> finish(json.path("login").asText()));
    }
  }

  public static final class Me extends RequestHandler {
    @Override
    public void get() {
      String user = getSignedCookie("user");
      if (user == null) {
        setStatus(401);
        finish("nobody");
        return;
      }
      finish(user);
    }
  }
}
