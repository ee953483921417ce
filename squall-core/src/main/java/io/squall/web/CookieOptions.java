package io.squall.web;

import java.time.Duration;
import java.time.Instant;

/**
 * Attributes of a cookie set with {@link RequestHandler#setCookie(String, String, CookieOptions)}.
 *
 * <pre>{@code
 * setCookie("theme", "dark", CookieOptions.builder().maxAge(Duration.ofDays(365)).httpOnly(true)
 *     .sameSite("Lax").build());
 * }</pre>
 *
 * @param domain the Domain attribute, or null
 * @param path the Path attribute (default {@code /})
 * @param expires the Expires attribute, or null for a session cookie
 * @param maxAge the Max-Age attribute, or null
 * @param secure the Secure attribute
 * @param httpOnly the HttpOnly attribute
 * @param sameSite {@code Strict}, {@code Lax}, {@code None}, or null
 */
public record CookieOptions(
    String domain,
    String path,
    Instant expires,
    Duration maxAge,
    boolean secure,
    boolean httpOnly,
    String sameSite) {

  private static final CookieOptions DEFAULTS = builder().build();

  /** Path {@code /}, nothing else. */
  public static CookieOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with path {@code /}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from these options, to derive others (e.g. from the {@code
   * cookieDefaults} setting).
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.domain = domain;
    b.path = path;
    b.expires = expires;
    b.maxAge = maxAge;
    b.secure = secure;
    b.httpOnly = httpOnly;
    b.sameSite = sameSite;
    return b;
  }

  /** Whether neither Expires nor Max-Age is set (a session cookie). */
  boolean isSession() {
    return expires == null && maxAge == null;
  }

  /** Builds {@link CookieOptions}. */
  public static final class Builder {
    private String domain;
    private String path = "/";
    private Instant expires;
    private Duration maxAge;
    private boolean secure;
    private boolean httpOnly;
    private String sameSite;

    private Builder() {}

    /** The Domain attribute. */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** The Path attribute (default {@code /}). */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The Expires attribute. */
    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    /** The Expires attribute as days from now. */
    public Builder expiresDays(double days) {
      this.expires = Instant.now().plusSeconds((long) (days * 86400));
      return this;
    }

    /** The Max-Age attribute. */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    /** The Secure attribute. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /** The HttpOnly attribute. */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
      return this;
    }

    /** The SameSite attribute: {@code Strict}, {@code Lax} or {@code None} (None needs Secure). */
    public Builder sameSite(String sameSite) {
      this.sameSite = sameSite;
      return this;
    }

    /** The options. */
    public CookieOptions build() {
      return new CookieOptions(domain, path, expires, maxAge, secure, httpOnly, sameSite);
    }
  }
}
