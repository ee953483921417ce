package io.squall.auth.testprovider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.squall.auth.OAuth2Config;
import io.squall.testing.SquallClient;
import io.squall.web.Application;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, real OAuth 2.0 / OpenID Connect provider for tests, served by Squall on an unused port
 * of 127.0.0.1 on a loop of its own. It speaks three dialects: Google's (form POST to {@code
 * /token}, an RS256 ID token, {@code /userinfo}, {@code /jwks}), GitHub's ({@code /github/token}
 * refusing with 200 and {@code error}, {@code /github/user}) and Facebook's (GET {@code
 * /facebook/token}, {@code /facebook/me} checking {@code appsecret_proof}).
 *
 * <p>{@code /authorize} consents at once for {@link #USER_SUB} and redirects back with a code. A
 * code is single-use and bound to the client and redirect URI; {@link #expireCodes()} ages them.
 * {@link #idTokenFault(IdTokenFault)} makes the next ID tokens wrong in one way each. The signing
 * key is made once per JVM (so a port reused by a later provider serves the same keys).
 */
public final class TestProvider implements AutoCloseable {
  /** The client id the provider knows. */
  public static final String CLIENT_ID = "squall-test-client";

  /** Its secret. */
  public static final String CLIENT_SECRET = "squall-test-secret";

  /** The user every login is for. */
  public static final String USER_SUB = "1234567890";

  /** The user's name. */
  public static final String USER_NAME = "Ada Lovelace";

  /** The user's e-mail. */
  public static final String USER_EMAIL = "ada@example.com";

  /** The user's GitHub login. */
  public static final String USER_LOGIN = "ada";

  static final String KEY_ID = "squall-test-key";
  static final RSAKey KEY = generate(KEY_ID);
  static final RSAKey OTHER_KEY = generate(KEY_ID); // same kid, another key: a forged signature

  /** How the next ID tokens are wrong. */
  public enum IdTokenFault {
    /** A correct token. */
    NONE,
    /** Signed by another key under the provider's key id. */
    BAD_SIGNATURE,
    /** Signed by a key the JWKS does not have. */
    UNKNOWN_KEY,
    /** For another client. */
    WRONG_AUDIENCE,
    /** From another issuer. */
    WRONG_ISSUER,
    /** Expired ten minutes ago. */
    EXPIRED,
    /** With a nonce the browser was not sent with. */
    WRONG_NONCE,
    /** Signed with HS256 (the client secret as key) instead of RS256. */
    HS256
  }

  /** One issued code. */
  record Grant(String clientId, String redirectUri, String nonce, String scope, Instant issued) {}

  final Map<String, Grant> codes = new ConcurrentHashMap<>();
  final Set<String> tokens = ConcurrentHashMap.newKeySet();
  final AtomicInteger jwksFetches = new AtomicInteger();
  final AtomicInteger tokenRequests = new AtomicInteger();
  volatile Duration codeLifetime = Duration.ofMinutes(1);
  volatile IdTokenFault fault = IdTokenFault.NONE;
  volatile String denyWith;
  private final SquallClient server;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private TestProvider() {
    Application app =
        Application.builder()
            .route("/authorize", () -> new ProviderHandlers.Authorize(this))
            .route("/token", () -> new ProviderHandlers.GoogleToken(this))
            .route("/userinfo", () -> new ProviderHandlers.UserInfo(this))
            .route("/jwks", () -> new ProviderHandlers.Jwks(this))
            .route("/github/token", () -> new ProviderHandlers.GitHubToken(this))
            .route("/github/user", () -> new ProviderHandlers.GitHubUser(this))
            .route("/facebook/token", () -> new ProviderHandlers.FacebookToken(this))
            .route("/facebook/me", () -> new ProviderHandlers.FacebookMe(this))
            .build();
    this.server = SquallClient.start(app);
  }

  /** Starts a provider. Close it to stop it. */
  public static TestProvider start() {
    return new TestProvider();
  }

  /** {@code http://127.0.0.1:port} + {@code path}. */
  public String url(String path) {
    return server.url(path);
  }

  /** The ID tokens' issuer. */
  public String issuer() {
    return url("");
  }

  /** A Google (OpenID Connect) configuration pointing at this provider. */
  public OAuth2Config google() {
    return OAuth2Config.google(CLIENT_ID, CLIENT_SECRET).toBuilder()
        .authorizeUrl(url("/authorize"))
        .accessTokenUrl(url("/token"))
        .userInfoUrl(url("/userinfo"))
        .jwksUrl(url("/jwks"))
        .issuers(Set.of(issuer()))
        .build();
  }

  /** A GitHub configuration pointing at this provider. */
  public OAuth2Config github() {
    return OAuth2Config.github(CLIENT_ID, CLIENT_SECRET).toBuilder()
        .authorizeUrl(url("/authorize"))
        .accessTokenUrl(url("/github/token"))
        .userInfoUrl(url("/github/user"))
        .apiBaseUrl(url("/github"))
        .build();
  }

  /** A Facebook configuration pointing at this provider. */
  public OAuth2Config facebook() {
    return OAuth2Config.facebook(CLIENT_ID, CLIENT_SECRET).toBuilder()
        .authorizeUrl(url("/authorize"))
        .accessTokenUrl(url("/facebook/token"))
        .userInfoUrl(url("/facebook/me"))
        .apiBaseUrl(url("/facebook"))
        .build();
  }

  /** Makes the next ID tokens wrong in the given way. */
  public void idTokenFault(IdTokenFault f) {
    this.fault = f;
  }

  /** Makes {@code /authorize} send the user back with {@code error=reason} instead of a code. */
  public void denyWith(String reason) {
    this.denyWith = reason;
  }

  /** Ages every code issued so far past its lifetime. */
  public void expireCodes() {
    codes.replaceAll(
        (k, g) -> new Grant(g.clientId(), g.redirectUri(), g.nonce(), g.scope(), Instant.EPOCH));
  }

  /** How often the JWKS was fetched. */
  public int jwksFetches() {
    return jwksFetches.get();
  }

  /** How many token requests arrived (a refused callback must make none). */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** The JWKS document (the public key only). */
  String jwks() {
    return new JWKSet(KEY.toPublicJWK()).toString();
  }

  /** An ID token for {@code grant}, with the current fault. */
  String idToken(Grant grant) {
    IdTokenFault f = fault;
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(f == IdTokenFault.WRONG_ISSUER ? "https://evil.example" : issuer())
            .subject(USER_SUB)
            .audience(f == IdTokenFault.WRONG_AUDIENCE ? "another-client" : grant.clientId())
            .issueTime(Date.from(now.minusSeconds(f == IdTokenFault.EXPIRED ? 1200 : 0)))
            .expirationTime(
                Date.from(
                    f == IdTokenFault.EXPIRED ? now.minusSeconds(600) : now.plusSeconds(3600)))
            .claim("nonce", f == IdTokenFault.WRONG_NONCE ? "not-the-nonce" : grant.nonce())
            .claim("email", USER_EMAIL)
            .claim("email_verified", true)
            .claim("name", USER_NAME)
            .build();
    try {
      if (f == IdTokenFault.HS256) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(CLIENT_SECRET.repeat(2)));
        return jwt.serialize();
      }
      RSAKey key =
          switch (f) {
            case BAD_SIGNATURE -> OTHER_KEY;
            case UNKNOWN_KEY -> generate("unknown-" + UUID.randomUUID());
            default -> KEY;
          };
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh access token. */
  String newAccessToken() {
    String t = "at-" + UUID.randomUUID();
    tokens.add(t);
    return t;
  }

  /** The scopes of a grant, as a list. */
  static List<String> scopes(Grant g) {
    return g.scope() == null ? List.of() : List.of(g.scope().split(" "));
  }

  private static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the provider; a second call does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
    }
  }
}
