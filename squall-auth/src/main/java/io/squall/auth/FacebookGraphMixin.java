package io.squall.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.internal.FacebookShape;
import io.squall.auth.internal.LoginFlow;
import io.squall.auth.internal.SettingsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Facebook login and Graph API calls (Tornado's {@code FacebookGraphMixin}). The configuration
 * comes from the {@value #SETTINGS_KEY} setting, an {@link OAuth2Config#facebook}; override {@link
 * #oauth2Config()} to find it elsewhere.
 *
 * <p>{@link #getAuthenticatedUser(String)} checks the state, exchanges the code and reads {@code
 * /me} with Tornado's fields ({@code id, name, first_name, last_name, locale, picture, link}) and
 * an {@code appsecret_proof}.
 */
public interface FacebookGraphMixin extends OAuth2Mixin {
  /** The setting holding the {@link OAuth2Config}. */
  String SETTINGS_KEY = "facebook_oauth";

  /** The {@value #SETTINGS_KEY} setting. */
  @Override
  default OAuth2Config oauth2Config() {
    return SettingsConfig.get(this, SETTINGS_KEY, "facebook");
  }

  @Override
  default CompletableFuture<AuthUser> getAuthenticatedUser(String redirectUri) {
    return getAuthenticatedUser(redirectUri, Set.of());
  }

  /**
   * As {@link #getAuthenticatedUser(String)}, asking {@code /me} for {@code extraFields} too (e.g.
   * {@code email}; Tornado's {@code extra_fields}).
   */
  default CompletableFuture<AuthUser> getAuthenticatedUser(
      String redirectUri, Set<String> extraFields) {
    return LoginFlow.complete(
        LoginFlow.handler(this),
        getAuthHttpClient(),
        oauth2Config(),
        redirectUri,
        new FacebookShape(extraFields));
  }

  /**
   * A Graph API call (Tornado's {@code facebook_request}): {@code path} relative to the API base,
   * e.g. {@code /me/feed}; with an {@code appsecret_proof}. See {@link #oauth2Request(String,
   * String, Map, Map)}.
   */
  default CompletableFuture<JsonNode> facebookRequest(
      String path, String accessToken, Map<String, String> postArgs, Map<String, String> args) {
    Map<String, String> all = new LinkedHashMap<>(args == null ? Map.of() : args);
    if (accessToken != null) {
      all.put(
          "appsecret_proof",
          FacebookShape.appSecretProof(oauth2Config().clientSecret(), accessToken));
    }
    return oauth2Request(path, accessToken, postArgs, all);
  }
}
