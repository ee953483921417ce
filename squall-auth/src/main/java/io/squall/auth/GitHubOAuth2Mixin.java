package io.squall.auth;

import io.squall.auth.internal.GitHubShape;
import io.squall.auth.internal.LoginFlow;
import io.squall.auth.internal.SettingsConfig;
import java.util.concurrent.CompletableFuture;

/**
 * GitHub login through a GitHub OAuth app (Tornado has no GitHub mixin; this follows GitHub's
 * documented web flow). The configuration comes from the {@value #SETTINGS_KEY} setting, an {@link
 * OAuth2Config#github}; override {@link #oauth2Config()} to find it elsewhere.
 *
 * <p>{@link #getAuthenticatedUser(String)} checks the state, exchanges the code (GitHub refuses a
 * bad one with 200 and an {@code error}, which is still {@link AuthError.Kind#CODE_REJECTED}) and
 * reads {@code /user}: the id is GitHub's numeric user id, the name falls back to the login, the
 * e-mail is the public one (or null).
 */
public interface GitHubOAuth2Mixin extends OAuth2Mixin {
  /** The setting holding the {@link OAuth2Config}. */
  String SETTINGS_KEY = "github_oauth";

  /** The {@value #SETTINGS_KEY} setting. */
  @Override
  default OAuth2Config oauth2Config() {
    return SettingsConfig.get(this, SETTINGS_KEY, "github");
  }

  @Override
  default CompletableFuture<AuthUser> getAuthenticatedUser(String redirectUri) {
    return LoginFlow.complete(
        LoginFlow.handler(this),
        getAuthHttpClient(),
        oauth2Config(),
        redirectUri,
        GitHubShape.GITHUB);
  }
}
