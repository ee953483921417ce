package io.squall.auth.internal;

import static io.squall.auth.internal.ProviderShape.requireId;
import static io.squall.auth.internal.ProviderShape.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthUser;
import io.squall.auth.OAuth2Config;
import io.squall.httpclient.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook's Graph API as Tornado's {@code FacebookGraphMixin} uses it: the code is exchanged with
 * a GET carrying the client's credentials in the query, and the profile is {@code /me} with the
 * requested {@code fields} and an {@code appsecret_proof} (HMAC-SHA256 of the token with the app
 * secret). The access token goes in a Bearer header, not the query as in Tornado.
 */
public final class FacebookShape implements ProviderShape {
  /** The fields Tornado asks for. */
  public static final Set<String> DEFAULT_FIELDS =
      Set.of("id", "name", "first_name", "last_name", "locale", "picture", "link");

  private final Set<String> fields;

  /** A shape asking for {@link #DEFAULT_FIELDS} and {@code extraFields}. */
  public FacebookShape(Set<String> extraFields) {
    Set<String> all = new LinkedHashSet<>(DEFAULT_FIELDS.stream().sorted().toList());
    all.addAll(extraFields);
    this.fields = all;
  }

  @Override
  public HttpRequest tokenRequest(
      ProviderCalls calls, OAuth2Config config, String code, String redirectUri) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("redirect_uri", redirectUri);
    args.put("code", code);
    args.put("client_id", config.clientId());
    args.put("client_secret", config.clientSecret());
    return calls.request(Urls.concat(config.accessTokenUrl(), args)).build();
  }

  @Override
  public HttpRequest userInfoRequest(ProviderCalls calls, OAuth2Config config, String accessToken) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("fields", String.join(",", fields));
    args.put("appsecret_proof", appSecretProof(config.clientSecret(), accessToken));
    return calls.bearer(Urls.concat(config.userInfoUrl(), args), accessToken).build();
  }

  @Override
  public AuthUser user(
      OAuth2Config config, String accessToken, JsonNode token, JsonNode info, JsonNode claims) {
    String id = requireId(config, text(info, "id"));
    return new AuthUser(
        config.name(), id, text(info, "name"), text(info, "email"), accessToken, info, token, null);
  }

  /** Facebook's {@code appsecret_proof}: hex HMAC-SHA256 of {@code token} keyed by the secret. */
  public static String appSecretProof(String secret, String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
