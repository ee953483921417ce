package io.squall.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * A user the provider vouched for, the result of {@code getAuthenticatedUser} (Tornado returns a
 * dict; here the common fields are typed and the provider's own answers stay available as JSON).
 *
 * <p>{@link #toString()} leaves out the access token, so a user can be logged safely.
 */
public final class AuthUser {
  private final String provider;
  private final String id;
  private final String name;
  private final String email;
  private final String accessToken;
  private final JsonNode attributes;
  private final JsonNode token;
  private final JsonNode idTokenClaims;

  /**
   * A user.
   *
   * @param provider the {@linkplain OAuth2Config#name() provider name}
   * @param id the provider's stable id of the user (OpenID Connect {@code sub}, GitHub's numeric
   *     id, Facebook's app-scoped id)
   * @param name the display name, or null
   * @param email the e-mail address, or null when the provider did not share one
   * @param accessToken the access token, for {@link OAuth2Mixin#oauth2Request} calls
   * @param attributes the provider's user-info answer (or the ID token's claims without one)
   * @param token the token endpoint's answer ({@code access_token}, {@code expires_in}, ...)
   * @param idTokenClaims the verified ID token's claims, or null without OpenID Connect
   */
  public AuthUser(
      String provider,
      String id,
      String name,
      String email,
      String accessToken,
      JsonNode attributes,
      JsonNode token,
      JsonNode idTokenClaims) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.id = Objects.requireNonNull(id, "id");
    this.name = name;
    this.email = email;
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.attributes = attributes != null ? attributes : JsonNodeFactory.instance.objectNode();
    this.token = token != null ? token : JsonNodeFactory.instance.objectNode();
    this.idTokenClaims = idTokenClaims;
  }

  /** The provider's name, e.g. {@code google}. */
  public String provider() {
    return provider;
  }

  /** The provider's stable id of this user. */
  public String id() {
    return id;
  }

  /** The display name, or null. */
  public String name() {
    return name;
  }

  /** The e-mail address, or null. */
  public String email() {
    return email;
  }

  /** The access token for calls on the user's behalf. */
  public String accessToken() {
    return accessToken;
  }

  /** The provider's user-info answer, as JSON (never null). */
  public JsonNode attributes() {
    return attributes;
  }

  /** The token endpoint's answer, as JSON (never null). */
  public JsonNode token() {
    return token;
  }

  /** The verified ID token's claims, or null when the provider is not OpenID Connect. */
  public JsonNode idTokenClaims() {
    return idTokenClaims;
  }

  @Override
  public String toString() {
    return "AuthUser[" + provider + " " + id + (name != null ? " " + name : "") + "]";
  }
}
