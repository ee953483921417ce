package io.squall.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.squall.auth.AuthError;
import io.squall.auth.OAuth2Config;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Checks an OpenID Connect ID token (OpenID Connect Core 3.1.3.7): an RS256 signature by a key of
 * the provider's JWKS (nimbus does the JOSE work), {@code iss} one of the configured issuers,
 * {@code aud} containing the client id (and {@code azp} equal to it when there are several), {@code
 * exp} in the future and {@code iat} not in the future, both within the configured clock skew, and
 * {@code nonce} equal to the one this browser was sent with.
 */
public final class IdTokenVerifier {
  private IdTokenVerifier() {}

  /** The verified claims, or a future failed with {@code INVALID_ID_TOKEN}. */
  public static CompletableFuture<JWTClaimsSet> verify(
      ProviderCalls calls, OAuth2Config config, String idToken, String expectedNonce) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(idToken);
    } catch (ParseException e) {
      return CompletableFuture.failedFuture(
          invalid("the ID token is not a signed JWT: " + e.getMessage()));
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      return CompletableFuture.failedFuture(
          invalid("the ID token is signed with " + jwt.getHeader().getAlgorithm() + ", not RS256"));
    }
    return JwksCache.get(calls, config.jwksUrl(), jwt.getHeader().getKeyID())
        .thenApply(keys -> checkClaims(config, verifySignature(jwt, keys), expectedNonce));
  }

  private static JWTClaimsSet verifySignature(SignedJWT jwt, JWKSet keys) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
    processor.setJWTClaimsSetVerifier((claims, context) -> {}); // the claims are checked below
    try {
      return processor.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      String kid = jwt.getHeader().getKeyID();
      throw invalid(
          "the ID token's signature does not verify with the provider's keys"
              + (kid != null ? " (kid " + kid + ")" : "")
              + ": "
              + e.getMessage());
    }
  }

  private static JWTClaimsSet checkClaims(
      OAuth2Config config, JWTClaimsSet claims, String expectedNonce) {
    String iss = claims.getIssuer();
    if (iss == null || !config.issuers().contains(iss)) {
      throw invalid("the ID token's issuer " + iss + " is not one of " + config.issuers());
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(config.clientId())) {
      throw invalid(
          "the ID token's audience " + aud + " does not include client id " + config.clientId());
    }
    Object azp = claims.getClaim("azp");
    if (aud.size() > 1 && !config.clientId().equals(azp)) {
      throw invalid("the ID token has several audiences and azp " + azp + " is not this client");
    }
    if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
      throw invalid("the ID token has no sub");
    }
    Instant now = Instant.now();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw invalid("the ID token has no exp");
    }
    if (!now.minus(config.clockSkew()).isBefore(exp.toInstant())) {
      throw invalid("the ID token expired at " + exp.toInstant() + " (now " + now + ")");
    }
    Date iat = claims.getIssueTime();
    if (iat == null) {
      throw invalid("the ID token has no iat");
    }
    if (iat.toInstant().isAfter(now.plus(config.clockSkew()))) {
      throw invalid("the ID token was issued in the future, at " + iat.toInstant());
    }
    Object nonce = claims.getClaim("nonce");
    if (!(nonce instanceof String n) || !StateCookie.constantTimeEquals(n, expectedNonce)) {
      throw invalid(
          nonce == null
              ? "the ID token has no nonce"
              : "the ID token's nonce is not the one this browser was sent with");
    }
    return claims;
  }

  private static AuthError invalid(String detail) {
    return new AuthError(AuthError.Kind.INVALID_ID_TOKEN, detail);
  }
}
