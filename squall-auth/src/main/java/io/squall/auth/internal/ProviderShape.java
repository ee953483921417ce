package io.squall.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthError;
import io.squall.auth.AuthUser;
import io.squall.auth.OAuth2Config;
import io.squall.httpclient.HttpRequest;

/** How one provider differs from another in the login: the token call, the user call, the user. */
public interface ProviderShape {
  /** The call that exchanges {@code code} for tokens. */
  HttpRequest tokenRequest(
      ProviderCalls calls, OAuth2Config config, String code, String redirectUri);

  /** The call that reads the user's profile, or null for none. */
  HttpRequest userInfoRequest(ProviderCalls calls, OAuth2Config config, String accessToken);

  /**
   * The user from the token answer, the profile (null without a user-info call) and the verified
   * ID-token claims (null without OpenID Connect).
   */
  AuthUser user(
      OAuth2Config config, String accessToken, JsonNode token, JsonNode info, JsonNode claims);

  /** {@code node}'s member {@code name} as text, or null when absent, null or empty. */
  static String text(JsonNode node, String name) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(name);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /**
   * {@code id}, unless it is null.
   *
   * @throws AuthError {@code PROVIDER_FAILURE} naming the provider when it is
   */
  static String requireId(OAuth2Config config, String id) {
    if (id == null) {
      throw new AuthError(
          AuthError.Kind.PROVIDER_FAILURE, config.name() + " did not say who the user is");
    }
    return id;
  }

  /** The first non-null of {@code values}. */
  static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
