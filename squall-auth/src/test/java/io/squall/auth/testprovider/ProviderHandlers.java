package io.squall.auth.testprovider;

import io.squall.auth.testprovider.TestProvider.Grant;
import io.squall.escape.Escape;
import io.squall.escape.Json;
import io.squall.web.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The test provider's endpoints. */
final class ProviderHandlers {
  private ProviderHandlers() {}

  /** Base: the provider, JSON answers, the code checks every dialect shares. */
  abstract static class Base extends RequestHandler {
    final TestProvider p;

    Base(TestProvider p) {
      this.p = p;
    }

    void json(int status, Map<String, ?> body) {
      setStatus(status);
      setHeader("Content-Type", "application/json");
      finish(Json.mapper().valueToTree(body).toString());
    }

    /** The grant for a code, used up; or null after answering the refusal. */
    Grant redeem(String code, String clientId, String secret, String redirectUri, Refusal refuse) {
      p.tokenRequests.incrementAndGet();
      if (!TestProvider.CLIENT_ID.equals(clientId) || !TestProvider.CLIENT_SECRET.equals(secret)) {
        refuse.send("invalid_client", "unknown client or wrong secret");
        return null;
      }
      Grant g = code == null ? null : p.codes.remove(code); // single use
      if (g == null) {
        refuse.send("invalid_grant", "unknown or used code");
        return null;
      }
      if (g.issued().plus(p.codeLifetime).isBefore(Instant.now())) {
        refuse.send("invalid_grant", "expired code");
        return null;
      }
      if (!g.redirectUri().equals(redirectUri) || !g.clientId().equals(clientId)) {
        refuse.send("invalid_grant", "redirect_uri does not match");
        return null;
      }
      return g;
    }

    /** True when the request carries a live Bearer token; else answers 401. */
    boolean bearerOk() {
      String auth = request().headers().get("Authorization");
      if (auth == null || !auth.startsWith("Bearer ") || !p.tokens.contains(auth.substring(7))) {
        json(401, Map.of("error", "invalid_token"));
        return false;
      }
      return true;
    }
  }

  /** How a dialect refuses a code. */
  interface Refusal {
    void send(String error, String description);
  }

  /** Consents at once and redirects back with a code (or the configured error). */
  static final class Authorize extends Base {
    Authorize(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      String redirectUri = getQueryArgument("redirect_uri", null);
      String clientId = getQueryArgument("client_id", null);
      if (redirectUri == null || !TestProvider.CLIENT_ID.equals(clientId)) {
        setStatus(400);
        finish("unknown client or no redirect_uri");
        return;
      }
      if (!"code".equals(getQueryArgument("response_type", null))) {
        setStatus(400);
        finish("response_type must be code");
        return;
      }
      String state = getQueryArgument("state", null);
      Map<String, String> back = new LinkedHashMap<>();
      String deny = p.denyWith;
      if (deny != null) {
        back.put("error", deny);
        back.put("error_description", "the user said no");
      } else {
        String code = "code-" + UUID.randomUUID();
        p.codes.put(
            code,
            new Grant(
                clientId,
                redirectUri,
                getQueryArgument("nonce", null),
                getQueryArgument("scope", null),
                Instant.now()));
        back.put("code", code);
      }
      if (state != null) {
        back.put("state", state);
      }
      StringBuilder q = new StringBuilder();
      back.forEach(
          (k, v) ->
              q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(Escape.urlEscape(v)));
      redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + q);
    }
  }

  /** Google's token endpoint: a form POST, 400 with {@code error} on refusal. */
  static final class GoogleToken extends Base {
    GoogleToken(TestProvider p) {
      super(p);
    }

    @Override
    public void post() {
      if (!"authorization_code".equals(getBodyArgument("grant_type", null))) {
        json(400, Map.of("error", "unsupported_grant_type"));
        return;
      }
      Grant g =
          redeem(
              getBodyArgument("code", null),
              getBodyArgument("client_id", null),
              getBodyArgument("client_secret", null),
              getBodyArgument("redirect_uri", null),
              (e, d) -> json(400, Map.of("error", e, "error_description", d)));
      if (g == null) {
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", p.newAccessToken());
      body.put("expires_in", 3599);
      body.put("token_type", "Bearer");
      body.put("scope", g.scope());
      if (TestProvider.scopes(g).contains("openid")) {
        body.put("id_token", p.idToken(g));
      }
      json(200, body);
    }
  }

  /** OpenID Connect user info. */
  static final class UserInfo extends Base {
    UserInfo(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      if (bearerOk()) {
        json(
            200,
            Map.of(
                "sub", TestProvider.USER_SUB,
                "name", TestProvider.USER_NAME,
                "email", TestProvider.USER_EMAIL,
                "email_verified", true));
      }
    }
  }

  /** The public keys. */
  static final class Jwks extends Base {
    Jwks(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      p.jwksFetches.incrementAndGet();
      setHeader("Cache-Control", "public, max-age=3600");
      setHeader("Content-Type", "application/json");
      finish(p.jwks());
    }
  }

  /** GitHub's token endpoint: JSON when asked, refusals as 200 with {@code error}. */
  static final class GitHubToken extends Base {
    GitHubToken(TestProvider p) {
      super(p);
    }

    @Override
    public void post() {
      if (!"application/json".equals(request().headers().get("Accept"))) {
        setStatus(406);
        finish("this test provider answers JSON only");
        return;
      }
      Grant g =
          redeem(
              getBodyArgument("code", null),
              getBodyArgument("client_id", null),
              getBodyArgument("client_secret", null),
              getBodyArgument("redirect_uri", null),
              (e, d) ->
                  json(
                      200,
                      Map.of("error", "bad_verification_code", "error_description", e + ": " + d)));
      if (g != null) {
        json(
            200,
            Map.of(
                "access_token", p.newAccessToken(), "token_type", "bearer", "scope", "read:user"));
      }
    }
  }

  /** GitHub's {@code /user}: needs a User-Agent, as GitHub does. */
  static final class GitHubUser extends Base {
    GitHubUser(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      if (request().headers().get("User-Agent") == null) {
        setStatus(403);
        finish(
            "Request forbidden by administrative rules. Please make sure your request has a User-Agent header");
        return;
      }
      if (bearerOk()) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.parseLong(TestProvider.USER_SUB));
        body.put("login", TestProvider.USER_LOGIN);
        body.put("name", null);
        body.put("email", TestProvider.USER_EMAIL);
        json(200, body);
      }
    }
  }

  /** Facebook's token endpoint: a GET, refusals as 400 with an {@code error} object. */
  static final class FacebookToken extends Base {
    FacebookToken(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      Grant g =
          redeem(
              getQueryArgument("code", null),
              getQueryArgument("client_id", null),
              getQueryArgument("client_secret", null),
              getQueryArgument("redirect_uri", null),
              (e, d) ->
                  json(
                      400,
                      Map.of(
                          "error", Map.of("message", d, "type", "OAuthException", "code", 100))));
      if (g != null) {
        json(
            200,
            Map.of(
                "access_token", p.newAccessToken(), "token_type", "bearer", "expires_in", 5183944));
      }
    }
  }

  /** Facebook's {@code /me}: checks the appsecret_proof and answers the asked fields. */
  static final class FacebookMe extends Base {
    FacebookMe(TestProvider p) {
      super(p);
    }

    @Override
    public void get() {
      if (!bearerOk()) {
        return;
      }
      String token = request().headers().get("Authorization").substring(7);
      if (!proof(token).equals(getQueryArgument("appsecret_proof", ""))) {
        json(
            400,
            Map.of(
                "error",
                Map.of("message", "Invalid appsecret_proof", "type", "GraphMethodException")));
        return;
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("id", TestProvider.USER_SUB);
      all.put("name", TestProvider.USER_NAME);
      all.put("first_name", "Ada");
      all.put("last_name", "Lovelace");
      all.put("email", TestProvider.USER_EMAIL);
      all.put("locale", "en_GB");
      Map<String, Object> body = new LinkedHashMap<>();
      for (String f : getQueryArgument("fields", "id,name").split(",")) {
        if (all.containsKey(f)) {
          body.put(f, all.get(f));
        }
      }
      json(200, body);
    }

    private static String proof(String token) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(
                TestProvider.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
