package io.squall.auth.internal;

import io.squall.auth.AuthError;
import io.squall.auth.OAuth2Config;
import io.squall.web.CookieOptions;
import io.squall.web.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF guard of a login: a random {@code state} (and, for OpenID Connect, a {@code nonce}) kept
 * in a signed, HttpOnly, SameSite=Lax cookie named for the provider, valid for {@link
 * OAuth2Config#stateMaxAge()}. The callback takes the cookie (it is cleared whatever the outcome,
 * so a state serves one callback) and compares its state with the callback's in constant time.
 */
public final class StateCookie {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StateCookie() {}

  /** The values bound to one login attempt. */
  public record Pending(String state, String nonce) {}

  /** The cookie's name for {@code config}'s provider. */
  public static String cookieName(OAuth2Config config) {
    return "_oauth2_" + config.name();
  }

  /** 256 random bits, base64url without padding. */
  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Makes a state (and a nonce when {@code withNonce}) and sets the cookie holding them. */
  public static Pending issue(RequestHandler h, OAuth2Config config, boolean withNonce) {
    h.requireSetting("cookieSecret", "OAuth2 login (its state cookie is signed)");
    Pending p = new Pending(randomToken(), withNonce ? randomToken() : "");
    h.setSignedCookie(cookieName(config), p.state() + "." + p.nonce(), options(h, config));
    return p;
  }

  /**
   * Checks the callback's {@code state} against the cookie and clears the cookie.
   *
   * @throws AuthError {@code STATE_MISSING} or {@code STATE_MISMATCH}
   */
  public static Pending take(RequestHandler h, OAuth2Config config) {
    String name = cookieName(config);
    String raw = h.getCookie(name);
    String value =
        raw == null
            ? null
            : h.decodeSignedValue(name, raw, config.stateMaxAge().toSeconds() / 86400.0, 2);
    if (raw != null) {
      h.clearCookie(name, options(h, config));
    }
    String state = h.getQueryArgument("state", null);
    if (state == null || state.isEmpty()) {
      throw new AuthError(
          AuthError.Kind.STATE_MISSING, "the callback from " + config.name() + " has no state");
    }
    if (raw == null) {
      throw new AuthError(
          AuthError.Kind.STATE_MISSING,
          "no "
              + name
              + " cookie: this browser did not start a login here, or it was already used");
    }
    int dot = value == null ? -1 : value.indexOf('.');
    if (dot < 0) {
      throw new AuthError(
          AuthError.Kind.STATE_MISSING,
          "the " + name + " cookie is expired or not signed by this application");
    }
    Pending p = new Pending(value.substring(0, dot), value.substring(dot + 1));
    if (!constantTimeEquals(p.state(), state)) {
      throw new AuthError(
          AuthError.Kind.STATE_MISMATCH,
          "the callback's state is not the one this browser was sent to "
              + config.name()
              + " with");
    }
    return p;
  }

  /** Equality of two strings in time independent of where they differ. */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static CookieOptions options(RequestHandler h, OAuth2Config config) {
    return h.settings().cookieDefaults().toBuilder()
        .maxAge(config.stateMaxAge())
        .httpOnly(true)
        .sameSite("Lax") // the callback is a cross-site top-level GET: Strict would drop it
        .secure("https".equals(h.request().protocol()))
        .build();
  }
}
