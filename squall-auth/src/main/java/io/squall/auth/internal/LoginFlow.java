package io.squall.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthError;
import io.squall.auth.AuthUser;
import io.squall.auth.OAuth2Config;
import io.squall.escape.Json;
import io.squall.httpclient.AsyncHttpClient;
import io.squall.web.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Both legs of an authorization-code login. The first sends the browser to the provider with a
 * fresh state; the second, on the callback, checks the state (taking its cookie), then exchanges
 * the code, verifies the ID token (OpenID Connect), reads the profile and makes the {@link
 * AuthUser}. Each step runs on the handler's loop; a refusal anywhere fails the future with an
 * {@link AuthError} before any user exists.
 */
public final class LoginFlow {
  private LoginFlow() {}

  /** The handler a mixin is mixed into. */
  public static RequestHandler handler(Object mixin) {
    if (mixin instanceof RequestHandler h) {
      return h;
    }
    throw new IllegalStateException(
        mixin.getClass().getName() + " uses an OAuth2 mixin but is not a RequestHandler");
  }

  /** Leg one: sets the state cookie and redirects to the provider's authorization endpoint. */
  public static void authorizeRedirect(
      RequestHandler h,
      OAuth2Config config,
      String redirectUri,
      List<String> scope,
      Map<String, String> extraParams) {
    StateCookie.Pending p = StateCookie.issue(h, config, config.openIdConnect());
    Map<String, String> args = new LinkedHashMap<>();
    args.put("response_type", "code");
    args.put("client_id", config.clientId());
    args.put("redirect_uri", redirectUri);
    if (scope != null && !scope.isEmpty()) {
      args.put("scope", String.join(" ", scope));
    }
    args.put("state", p.state());
    if (config.openIdConnect()) {
      args.put("nonce", p.nonce());
    }
    if (extraParams != null) {
      for (Map.Entry<String, String> e : extraParams.entrySet()) {
        if (e.getKey().equals("state") || e.getKey().equals("nonce")) {
          throw new IllegalArgumentException(
              "extraParams must not set " + e.getKey() + ": the mixin makes it");
        }
        args.put(e.getKey(), e.getValue());
      }
    }
    h.redirect(Urls.concat(config.authorizeUrl(), args));
  }

  /**
   * Leg two: the user, or a future failed with {@link AuthError}; the provider calls go through
   * {@code client} (null for one of the login's own).
   */
  public static CompletableFuture<AuthUser> complete(
      RequestHandler h,
      AsyncHttpClient client,
      OAuth2Config config,
      String redirectUri,
      ProviderShape shape) {
    StateCookie.Pending pending;
    String code;
    try {
      pending = StateCookie.take(h, config);
      String error = h.getQueryArgument("error", null);
      if (error != null) {
        String d = h.getQueryArgument("error_description", null);
        throw new AuthError(
            AuthError.Kind.ACCESS_DENIED,
            config.name()
                + " sent the user back with error="
                + error
                + (d != null ? " (" + d + ")" : ""));
      }
      code = h.getQueryArgument("code", null);
      if (code == null || code.isEmpty()) {
        throw new AuthError(
            AuthError.Kind.CODE_MISSING, "the callback from " + config.name() + " has no code");
      }
    } catch (AuthError e) {
      return CompletableFuture.failedFuture(e);
    }
    ProviderCalls calls = ProviderCalls.open(h.loop(), config, client);
    CompletableFuture<AuthUser> user;
    try {
      user =
          calls
              .json(
                  "token request",
                  shape.tokenRequest(calls, config, code, redirectUri),
                  AuthError.Kind.CODE_REJECTED)
              .thenCompose(token -> afterToken(calls, config, shape, token, pending));
    } catch (RuntimeException e) {
      user = CompletableFuture.failedFuture(e);
    }
    return user.handle(
            (u, e) -> {
              calls.close();
              return e != null
                  ? CompletableFuture.<AuthUser>failedFuture(ProviderCalls.unwrap(e))
                  : CompletableFuture.completedFuture(u);
            })
        .thenCompose(f -> f);
  }

  private static CompletableFuture<AuthUser> afterToken(
      ProviderCalls calls,
      OAuth2Config config,
      ProviderShape shape,
      JsonNode token,
      StateCookie.Pending pending) {
    String accessToken = ProviderShape.text(token, "access_token");
    if (accessToken == null) {
      throw new AuthError(
          AuthError.Kind.PROVIDER_FAILURE, config.name() + "'s token answer has no access_token");
    }
    CompletableFuture<JsonNode> claims;
    if (config.openIdConnect()) {
      String idToken = ProviderShape.text(token, "id_token");
      if (idToken == null) {
        throw new AuthError(
            AuthError.Kind.INVALID_ID_TOKEN,
            config.name() + "'s token answer has no id_token (is openid in the scope?)");
      }
      claims =
          IdTokenVerifier.verify(calls, config, idToken, pending.nonce())
              .thenApply(c -> Json.mapper().valueToTree(c.toJSONObject()));
    } else {
      claims = CompletableFuture.completedFuture(null);
    }
    return claims.thenCompose(
        c -> {
          var request = shape.userInfoRequest(calls, config, accessToken);
          CompletableFuture<JsonNode> info =
              request == null
                  ? CompletableFuture.completedFuture(null)
                  : calls.json("user-info request", request, AuthError.Kind.PROVIDER_FAILURE);
          return info.thenApply(
              i -> {
                String sub = ProviderShape.text(c, "sub");
                String infoSub = ProviderShape.text(i, "sub");
                if (sub != null && infoSub != null && !sub.equals(infoSub)) {
                  throw new AuthError(
                      AuthError.Kind.PROVIDER_FAILURE,
                      config.name()
                          + "'s user info is for "
                          + infoSub
                          + ", the ID token for "
                          + sub);
                }
                return shape.user(config, accessToken, token, i, c);
              });
        });
  }
}
