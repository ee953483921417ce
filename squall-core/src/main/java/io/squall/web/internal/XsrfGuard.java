package io.squall.web.internal;

import io.squall.http.HttpServerRequest;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.time.Instant;

/**
 * XSRF protection of one handler (Tornado's {@code xsrf_token} and {@code check_xsrf_cookie}): the
 * browser's token from its {@code _xsrf} cookie, made and set when missing, and the check that a
 * state-changing request carries it back. Goes through the handler's cookie and argument methods,
 * so overriding them applies here too.
 */
public final class XsrfGuard {
  private XsrfGuard() {}

  /**
   * The browser's token, masked afresh; sets the cookie when the request has no valid one. The
   * handler caches the result for the request.
   */
  public static String token(RequestHandler handler) {
    String cookieName = handler.settings().xsrfCookieName();
    XsrfTokens.Decoded existing = XsrfTokens.decode(handler.getCookie(cookieName));
    if (existing == null) {
      String encoded = XsrfTokens.encode(XsrfTokens.newToken(), Instant.now().getEpochSecond());
      handler.setCookie(cookieName, encoded, handler.settings().xsrfCookieOptions());
      return encoded;
    }
    return XsrfTokens.encode(existing.token(), existing.timestamp());
  }

  /**
   * Checks that the {@code _xsrf} argument or the {@code X-XSRFToken}/{@code X-CSRFToken} header
   * matches the cookie.
   *
   * @throws HttpError 403 when it is missing, malformed or does not match
   */
  public static void check(RequestHandler handler) {
    HttpServerRequest request = handler.request();
    String sent = handler.getArgument("_xsrf", null);
    if (sent == null) {
      sent = request.headers().get("X-Xsrftoken");
    }
    if (sent == null) {
      sent = request.headers().get("X-Csrftoken");
    }
    if (sent == null) {
      throw new HttpError(403, "'_xsrf' argument missing from %s", request.method());
    }
    XsrfTokens.Decoded fromRequest = XsrfTokens.decode(sent);
    XsrfTokens.Decoded fromCookie =
        XsrfTokens.decode(handler.getCookie(handler.settings().xsrfCookieName()));
    if (fromRequest == null) {
      throw new HttpError(403, "'_xsrf' argument has invalid format");
    }
    if (fromCookie == null || !XsrfTokens.matches(fromRequest.token(), fromCookie.token())) {
      throw new HttpError(403, "XSRF cookie does not match %s argument", request.method());
    }
  }
}
