package io.squall.auth.internal;

import static io.squall.auth.internal.ProviderShape.first;
import static io.squall.auth.internal.ProviderShape.requireId;
import static io.squall.auth.internal.ProviderShape.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthUser;
import io.squall.auth.OAuth2Config;
import io.squall.httpclient.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 6749's authorization-code grant as written (Google, and any standard provider): the code is
 * POSTed as a form with the client's credentials (client_secret_post), the profile is a GET with
 * the access token as a Bearer header (RFC 6750), and the user's id is OpenID Connect's {@code sub}
 * (or a profile's {@code id}).
 */
public class StandardShape implements ProviderShape {
  /** The one instance. */
  public static final StandardShape INSTANCE = new StandardShape();

  /** For subclasses. */
  protected StandardShape() {}

  @Override
  public HttpRequest tokenRequest(
      ProviderCalls calls, OAuth2Config config, String code, String redirectUri) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("client_id", config.clientId());
    form.put("client_secret", config.clientSecret());
    return calls.postForm(config.accessTokenUrl(), form).build();
  }

  @Override
  public HttpRequest userInfoRequest(ProviderCalls calls, OAuth2Config config, String accessToken) {
    if (config.userInfoUrl() == null) {
      return null;
    }
    return calls.bearer(config.userInfoUrl(), accessToken).build();
  }

  @Override
  public AuthUser user(
      OAuth2Config config, String accessToken, JsonNode token, JsonNode info, JsonNode claims) {
    String id = requireId(config, first(text(claims, "sub"), text(info, "sub"), text(info, "id")));
    return new AuthUser(
        config.name(),
        id,
        first(text(info, "name"), text(claims, "name")),
        first(text(info, "email"), text(claims, "email")),
        accessToken,
        info != null ? info : claims,
        token,
        claims);
  }
}
