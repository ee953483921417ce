package io.squall.demos.auth;

import io.squall.auth.AuthError;
import io.squall.auth.GitHubOAuth2Mixin;
import io.squall.auth.GoogleOAuth2Mixin;
import io.squall.auth.OAuth2Config;
import io.squall.auth.OAuth2Mixin;
import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * "Log in with GitHub / Google" through squall-auth's mixins: {@code /auth/github} and {@code
 * /auth/google} each send the browser to the provider and, when it comes back, finish the login and
 * keep the user in a signed cookie. Configured from environment variables ({@link
 * AuthDemoConfig#fromEnvironment}); without them the page says what to set.
 *
 * <p>Routes, relative to where the application is mounted: {@code GET /} (the page), {@code GET
 * /github}, {@code GET /google} (both legs of each login), {@code POST /logout}.
 */
public final class AuthDemo {
  private AuthDemo() {}

  /** The signed cookie holding {@code provider|name} of the logged-in user. */
  static final String USER_COOKIE = "auth_demo_user";

  /** One provider as the page shows it. */
  public record Provider(
      String key,
      String title,
      boolean configured,
      String idVariable,
      String secretVariable,
      String callback,
      String registerAt) {}

  /** The page: who is logged in, a login link per configured provider, how to configure others. */
  public static final class IndexHandler extends RequestHandler {
    private final AuthDemoConfig config;

    IndexHandler(AuthDemoConfig config) {
      this.config = config;
    }

    /** Renders the page. */
    @Override
    public void get() {
      page(this, config, null);
    }
  }

  static void page(RequestHandler h, AuthDemoConfig config, String error) {
    String prefix = h.application().prefix();
    List<Provider> providers = new ArrayList<>();
    providers.add(
        new Provider(
            "github",
            "GitHub",
            config.github() != null,
            AuthDemoConfig.GITHUB_ID,
            AuthDemoConfig.GITHUB_SECRET,
            callback(h, config, prefix + "/github"),
            "https://github.com/settings/developers (New OAuth App)"));
    providers.add(
        new Provider(
            "google",
            "Google",
            config.google() != null,
            AuthDemoConfig.GOOGLE_ID,
            AuthDemoConfig.GOOGLE_SECRET,
            callback(h, config, prefix + "/google"),
            "https://console.cloud.google.com/apis/credentials (OAuth client ID, Web application)"));
    String user = h.getSignedCookie(USER_COOKIE);
    Map<String, Object> model = new HashMap<>();
    model.put("providers", providers);
    model.put("user_provider", user == null ? null : user.substring(0, user.indexOf('|')));
    model.put("user_name", user == null ? null : user.substring(user.indexOf('|') + 1));
    model.put("error", error);
    model.put("base_url_variable", AuthDemoConfig.BASE_URL);
    h.render("auth/index.html", model);
  }

  /** The absolute URL the provider sends the browser back to for {@code path}. */
  static String callback(RequestHandler h, AuthDemoConfig config, String path) {
    String base =
        config.baseUrl() != null
            ? config.baseUrl()
            : h.request().protocol() + "://" + h.request().host();
    return base + path;
  }

  /**
   * Both legs of a login: without a callback's arguments, off to the provider; on the callback, the
   * user, kept in a signed cookie, and back to the page; a refused login shows the page with the
   * reason and the error's status.
   */
  static CompletableFuture<Void> login(RequestHandler h, OAuth2Mixin mixin, AuthDemoConfig config) {
    String redirectUri = callback(h, config, h.request().path());
    boolean callback =
        h.getQueryArgument("code", null) != null
            || h.getQueryArgument("state", null) != null
            || h.getQueryArgument("error", null) != null;
    if (!callback) {
      mixin.authorizeRedirect(redirectUri);
      return CompletableFuture.completedFuture(null);
    }
    return mixin
        .getAuthenticatedUser(redirectUri)
        .thenAccept(
            user -> {
              String name = user.name() != null ? user.name() : user.id();
              h.setSignedCookie(USER_COOKIE, user.provider() + "|" + name, 1);
              h.redirect(h.application().prefix() + "/");
            })
        .exceptionally(
            e -> {
              Throwable cause = e.getCause() != null ? e.getCause() : e;
              if (!(cause instanceof AuthError ae)) {
                throw new IllegalStateException(cause);
              }
              h.setStatus(ae.status(), ae.reason());
              page(h, config, ae.reason() + ": " + ae.detail());
              return null;
            });
  }

  /** Logs in with GitHub (its {@link OAuth2Config} is the {@code github_oauth} setting). */
  public static final class GitHubLogin extends RequestHandler implements GitHubOAuth2Mixin {
    private final AuthDemoConfig config;

    GitHubLogin(AuthDemoConfig config) {
      this.config = config;
    }

    /** Either leg of the login; back to the page when GitHub is not configured. */
    public CompletableFuture<Void> get(String... args) {
      if (config.github() == null) {
        redirect(application().prefix() + "/");
        return CompletableFuture.completedFuture(null);
      }
      return login(this, this, config);
    }
  }

  /** Logs in with Google (its {@link OAuth2Config} is the {@code google_oauth} setting). */
  public static final class GoogleLogin extends RequestHandler implements GoogleOAuth2Mixin {
    private final AuthDemoConfig config;

    GoogleLogin(AuthDemoConfig config) {
      this.config = config;
    }

    /** Either leg of the login; back to the page when Google is not configured. */
    public CompletableFuture<Void> get(String... args) {
      if (config.google() == null) {
        redirect(application().prefix() + "/");
        return CompletableFuture.completedFuture(null);
      }
      return login(this, this, config);
    }
  }

  /** Forgets the user. */
  public static final class LogoutHandler extends RequestHandler {
    /** Clears the cookie and goes back to the page. */
    @Override
    public void post() {
      clearCookie(USER_COOKIE);
      redirect(application().prefix() + "/");
    }
  }

  /** The application for {@code config}; the hub mounts it at {@code /auth}. */
  public static Application app(AuthDemoConfig config) {
    Settings.Builder settings = DemoLayout.settings().cookieSecret(config.cookieSecret());
    if (config.github() != null) {
      settings.set(GitHubOAuth2Mixin.SETTINGS_KEY, config.github());
    }
    if (config.google() != null) {
      settings.set(GoogleOAuth2Mixin.SETTINGS_KEY, config.google());
    }
    return Application.builder()
        .route("/", () -> new IndexHandler(config))
        .route("/github", () -> new GitHubLogin(config))
        .route("/google", () -> new GoogleLogin(config))
        .route("/logout", LogoutHandler::new)
        .settings(settings.build())
        .build();
  }

  /** The application configured from this process's environment. */
  public static Application app() {
    return app(AuthDemoConfig.fromEnvironment(System.getenv()));
  }

  /** Serves the demo alone at {@code /auth/}: {@code --port=N}. */
  public static void main(String[] args) {
    DemoArgs.parseOrExit(args);
    int port = DemoArgs.listen(Application.builder().mount("/auth", app()).build(), args).port();
    System.out.println("Serving http://localhost:" + port + "/auth/");
    IOLoop.current().start();
  }
}
