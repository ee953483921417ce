/**
 * Logging users in through a third party (Tornado's {@code tornado.auth}): the OAuth 2.0
 * authorization-code flow as mixins for a {@link io.squall.web.RequestHandler}.
 *
 * <p>A login handler implements one mixin and answers both legs of the flow in its {@code get}:
 *
 * <pre>{@code
 * public final class GoogleLogin extends RequestHandler implements GoogleOAuth2Mixin {
 *   public CompletableFuture<Void> get(String... args) {
 *     String redirectUri = "https://example.com/auth/google";
 *     if (getQueryArgument("code", null) == null && getQueryArgument("error", null) == null) {
 *       authorizeRedirect(redirectUri); // leg 1: off to Google, with a fresh state
 *       return CompletableFuture.completedFuture(null);
 *     }
 *     return getAuthenticatedUser(redirectUri) // leg 2: state, code, ID token, user info
 *         .thenAccept(user -> {
 *           setSignedCookie("user", user.id());
 *           redirect("/");
 *         });
 *   }
 * }
 * }</pre>
 *
 * <p>The provider's endpoints and the application's client id and secret are an {@link
 * io.squall.auth.OAuth2Config}, found by default in the application settings under the mixin's key
 * (Tornado's {@code google_oauth} setting). {@link io.squall.auth.OAuth2Mixin#authorizeRedirect}
 * binds a random {@code state} (and for OpenID Connect a {@code nonce}) to the browser in a signed,
 * short-lived cookie, so the application needs the {@code cookieSecret} setting; the callback
 * refuses a missing, wrong, stale or reused state before the code is spent. A refused login ends
 * the returned future with an {@link io.squall.auth.AuthError}, an {@link io.squall.web.HttpError}
 * that names the problem, so an unhandled one answers 4xx (502 when the provider failed).
 */
package io.squall.auth;
