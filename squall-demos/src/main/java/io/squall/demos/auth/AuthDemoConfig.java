package io.squall.demos.auth;

import io.squall.auth.OAuth2Config;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What the login demo needs: the GitHub and Google registrations (each null when not configured),
 * the public base URL the providers send the browser back to (null: from each request's host), and
 * the secret that signs the demo's cookies.
 *
 * @param github GitHub's config, or null
 * @param google Google's config, or null
 * @param baseUrl e.g. {@code https://demo.example.com}, or null
 * @param cookieSecret the cookie secret
 */
public record AuthDemoConfig(
    OAuth2Config github, OAuth2Config google, String baseUrl, String cookieSecret) {
  /** The variables {@link #fromEnvironment} reads. */
  public static final String GITHUB_ID = "SQUALL_GITHUB_CLIENT_ID",
      GITHUB_SECRET = "SQUALL_GITHUB_CLIENT_SECRET",
      GOOGLE_ID = "SQUALL_GOOGLE_CLIENT_ID",
      GOOGLE_SECRET = "SQUALL_GOOGLE_CLIENT_SECRET",
      BASE_URL = "SQUALL_AUTH_BASE_URL",
      COOKIE_SECRET = "SQUALL_COOKIE_SECRET";

  /**
   * The configuration from environment variables: a provider is configured when both its id and
   * secret are set and non-blank. Without {@code SQUALL_COOKIE_SECRET} (or with one shorter than 16
   * characters) a random secret is made, so logins last as long as the process.
   */
  public static AuthDemoConfig fromEnvironment(Map<String, String> env) {
    String secret = env.get(COOKIE_SECRET);
    String base = blankToNull(env.get(BASE_URL));
    return new AuthDemoConfig(
        both(env, GITHUB_ID, GITHUB_SECRET)
            ? OAuth2Config.github(env.get(GITHUB_ID), env.get(GITHUB_SECRET))
            : null,
        both(env, GOOGLE_ID, GOOGLE_SECRET)
            ? OAuth2Config.google(env.get(GOOGLE_ID), env.get(GOOGLE_SECRET))
            : null,
        base == null ? null : base.replaceAll("/+$", ""),
        secret != null && secret.strip().length() >= 16 ? secret.strip() : randomSecret());
  }

  private static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static boolean both(Map<String, String> env, String a, String b) {
    return blankToNull(env.get(a)) != null && blankToNull(env.get(b)) != null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
