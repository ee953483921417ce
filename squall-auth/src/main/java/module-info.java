/**
 * Squall auth: third-party login (Tornado's {@code tornado.auth}) with OAuth 2.0 and OpenID
 * Connect, on Squall's async HTTP client.
 *
 * <p>The package {@code io.squall.auth} is the API; {@code io.squall.auth.internal} is not.
 */
module io.squall.auth {
  requires transitive io.squall.core;
  requires com.nimbusds.jose.jwt;

  exports io.squall.auth;
}
