package io.squall.auth;

import io.squall.auth.internal.SettingsConfig;

/**
 * Google login with OpenID Connect (Tornado's {@code GoogleOAuth2Mixin}). The configuration comes
 * from the {@value #SETTINGS_KEY} setting, an {@link OAuth2Config#google}; override {@link
 * #oauth2Config()} to find it elsewhere.
 *
 * <p>{@link #getAuthenticatedUser(String)} checks the state, exchanges the code, verifies the ID
 * token (RS256 against Google's published keys, issuer, audience = the client id, expiry, nonce)
 * and reads the user-info endpoint; the user's id is the token's {@code sub}. Unlike Tornado's
 * (which returns only the token answer) it returns the user with the token answer inside.
 */
public interface GoogleOAuth2Mixin extends OAuth2Mixin {
  /** The setting holding the {@link OAuth2Config} (Tornado's {@code google_oauth}). */
  String SETTINGS_KEY = "google_oauth";

  /**
   * The {@value #SETTINGS_KEY} setting (Tornado's {@code get_google_oauth_settings}); override to
   * read the credentials from elsewhere.
   *
   * @throws IllegalStateException naming the setting when it is missing or not an {@link
   *     OAuth2Config}
   */
  default OAuth2Config getGoogleOauthSettings() {
    return SettingsConfig.get(this, SETTINGS_KEY, "google");
  }

  /** {@link #getGoogleOauthSettings()}. */
  @Override
  default OAuth2Config oauth2Config() {
    return getGoogleOauthSettings();
  }
}
