package io.squall.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.internal.ApiRequest;
import io.squall.auth.internal.LoginFlow;
import io.squall.auth.internal.StandardShape;
import io.squall.httpclient.AsyncHttpClient;
import io.squall.web.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth 2.0 login for a {@link RequestHandler} (Tornado's {@code OAuth2Mixin}): mix it in with
 * {@code implements} and supply the provider with {@link #oauth2Config()}. {@link
 * GoogleOAuth2Mixin}, {@link GitHubOAuth2Mixin} and {@link FacebookGraphMixin} do that for their
 * providers; this interface alone serves any provider that follows RFC 6749 (and OpenID Connect
 * when the configuration has a JWKS URL).
 *
 * <p>The handler calls {@link #authorizeRedirect(String)} to send the browser to the provider and,
 * when the provider sends it back to the same {@code redirectUri} with {@code ?code=...&state=...},
 * {@link #getAuthenticatedUser(String)}. The state (and nonce) live in a signed cookie, so the
 * application needs the {@code cookieSecret} setting. Call these on the handler's loop (from its
 * verb methods); the futures complete there.
 *
 * <p>Only classes that extend {@link RequestHandler} may implement the mixins; others fail with
 * {@link IllegalStateException}.
 */
public interface OAuth2Mixin {
  /** The provider and the application's credentials there. */
  OAuth2Config oauth2Config();

  /**
   * The HTTP client the provider calls go through (Tornado's {@code get_auth_http_client}). The
   * default, null, gives each login and API call a client of its own, closed when the call ends.
   * Override to share one (a connection pool, a proxy, a private CA in its options): it must run on
   * the handler's loop, and the mixin leaves it open.
   */
  default AsyncHttpClient getAuthHttpClient() {
    return null;
  }

  /**
   * Redirects the browser to the provider to log in, asking for the configuration's default scope.
   *
   * @param redirectUri this handler's absolute URL, registered with the provider, that receives the
   *     callback
   */
  default void authorizeRedirect(String redirectUri) {
    authorizeRedirect(redirectUri, oauth2Config().scope(), Map.of());
  }

  /**
   * Redirects the browser to the provider to log in (Tornado's {@code authorize_redirect}): sets a
   * fresh state cookie and answers 302 to the authorization endpoint with {@code response_type},
   * {@code client_id}, {@code redirect_uri}, {@code scope}, {@code state} (and {@code nonce} for
   * OpenID Connect) and {@code extraParams} (e.g. {@code prompt}).
   *
   * @throws IllegalStateException without the {@code cookieSecret} setting
   * @throws IllegalArgumentException when {@code extraParams} sets {@code state} or {@code nonce}
   */
  default void authorizeRedirect(
      String redirectUri, List<String> scope, Map<String, String> extraParams) {
    LoginFlow.authorizeRedirect(
        LoginFlow.handler(this), oauth2Config(), redirectUri, scope, extraParams);
  }

  /**
   * Completes the login on the callback (Tornado's {@code get_authenticated_user}): checks the
   * request's {@code state} against the state cookie (and clears it), exchanges the request's
   * {@code code} at the token endpoint, verifies the ID token when the provider is OpenID Connect,
   * and reads the user-info endpoint when there is one.
   *
   * @param redirectUri the same URL that was given to {@link #authorizeRedirect(String)}
   * @return the user; or a future failed with {@link AuthError}, which names the problem
   */
  default CompletableFuture<AuthUser> getAuthenticatedUser(String redirectUri) {
    return LoginFlow.complete(
        LoginFlow.handler(this),
        getAuthHttpClient(),
        oauth2Config(),
        redirectUri,
        StandardShape.INSTANCE);
  }

  /** A GET of an API {@code url} with the user's access token; see the full form. */
  default CompletableFuture<JsonNode> oauth2Request(String url, String accessToken) {
    return oauth2Request(url, accessToken, null, Map.of());
  }

  /**
   * Calls the provider's API on the user's behalf (Tornado's {@code oauth2_request}): a GET, or a
   * form POST when {@code postArgs} is non-null, with {@code args} in the query and the access
   * token as an {@code Authorization: Bearer} header (RFC 6750; Tornado puts it in the query). A
   * {@code url} starting with {@code /} is relative to {@link OAuth2Config#apiBaseUrl()}.
   *
   * @return the JSON answer; or a future failed with {@link AuthError} ({@code PROVIDER_FAILURE})
   *     for a non-2xx status, a failed call or an answer that is not a JSON object
   */
  default CompletableFuture<JsonNode> oauth2Request(
      String url, String accessToken, Map<String, String> postArgs, Map<String, String> args) {
    return ApiRequest.send(
        LoginFlow.handler(this).loop(),
        getAuthHttpClient(),
        oauth2Config(),
        url,
        accessToken,
        postArgs,
        args);
  }
}
