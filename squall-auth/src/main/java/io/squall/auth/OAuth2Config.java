package io.squall.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One OAuth 2.0 provider as an application uses it: the provider's endpoints and the client id and
 * secret the application registered there (Tornado keeps the endpoints in class attributes such as
 * {@code _OAUTH_AUTHORIZE_URL} and the credentials in a setting such as {@code google_oauth}).
 *
 * <pre>{@code
 * OAuth2Config google = OAuth2Config.google(System.getenv("GOOGLE_ID"), System.getenv("GOOGLE_SECRET"));
 * Settings settings = Settings.builder().cookieSecret(secret).set(GoogleOAuth2Mixin.SETTINGS_KEY, google).build();
 * }</pre>
 *
 * <p>{@link #google}, {@link #github} and {@link #facebook} carry the real providers' URLs; every
 * URL can be changed with {@link #toBuilder()}, e.g. to point tests at a local provider. A
 * configuration with a {@linkplain #jwksUrl() JWKS URL} is OpenID Connect: the login sends a {@code
 * nonce} and requires and verifies an ID token. Immutable and thread-safe.
 */
public final class OAuth2Config {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

  private final String name;
  private final String clientId;
  private final String clientSecret;
  private final String authorizeUrl;
  private final String accessTokenUrl;
  private final String userInfoUrl;
  private final String apiBaseUrl;
  private final String jwksUrl;
  private final Set<String> issuers;
  private final List<String> scope;
  private final Duration clockSkew;
  private final Duration stateMaxAge;
  private final Duration requestTimeout;

  private OAuth2Config(Builder b) {
    this.name = b.name;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.authorizeUrl = b.authorizeUrl;
    this.accessTokenUrl = b.accessTokenUrl;
    this.userInfoUrl = b.userInfoUrl;
    this.apiBaseUrl = b.apiBaseUrl;
    this.jwksUrl = b.jwksUrl;
    this.issuers = Set.copyOf(b.issuers);
    this.scope = List.copyOf(b.scope);
    this.clockSkew = b.clockSkew;
    this.stateMaxAge = b.stateMaxAge;
    this.requestTimeout = b.requestTimeout;
  }

  /**
   * A builder for a provider named {@code name} (lower-case letters, digits, {@code _} and {@code
   * -}; it names the state cookie and {@link AuthUser#provider()}).
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Google with OpenID Connect: scope {@code openid email profile}, ID tokens checked against
   * Google's keys and issuers.
   */
  public static OAuth2Config google(String clientId, String clientSecret) {
    return builder("google")
        .clientId(clientId)
        .clientSecret(clientSecret)
        .authorizeUrl("https://accounts.google.com/o/oauth2/v2/auth")
        .accessTokenUrl("https://oauth2.googleapis.com/token")
        .userInfoUrl("https://openidconnect.googleapis.com/v1/userinfo")
        .apiBaseUrl("https://www.googleapis.com")
        .jwksUrl("https://www.googleapis.com/oauth2/v3/certs")
        .issuers(Set.of("https://accounts.google.com", "accounts.google.com"))
        .scope(List.of("openid", "email", "profile"))
        .build();
  }

  /** GitHub's OAuth apps: scope {@code read:user user:email}, the user from {@code /user}. */
  public static OAuth2Config github(String clientId, String clientSecret) {
    return builder("github")
        .clientId(clientId)
        .clientSecret(clientSecret)
        .authorizeUrl("https://github.com/login/oauth/authorize")
        .accessTokenUrl("https://github.com/login/oauth/access_token")
        .userInfoUrl("https://api.github.com/user")
        .apiBaseUrl("https://api.github.com")
        .scope(List.of("read:user", "user:email"))
        .build();
  }

  /** Facebook's Graph API: scope {@code public_profile email}, the user from {@code /me}. */
  public static OAuth2Config facebook(String clientId, String clientSecret) {
    return builder("facebook")
        .clientId(clientId)
        .clientSecret(clientSecret)
        .authorizeUrl("https://www.facebook.com/dialog/oauth")
        .accessTokenUrl("https://graph.facebook.com/oauth/access_token")
        .userInfoUrl("https://graph.facebook.com/me")
        .apiBaseUrl("https://graph.facebook.com")
        .scope(List.of("public_profile", "email"))
        .build();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.authorizeUrl = authorizeUrl;
    b.accessTokenUrl = accessTokenUrl;
    b.userInfoUrl = userInfoUrl;
    b.apiBaseUrl = apiBaseUrl;
    b.jwksUrl = jwksUrl;
    b.issuers = issuers;
    b.scope = scope;
    b.clockSkew = clockSkew;
    b.stateMaxAge = stateMaxAge;
    b.requestTimeout = requestTimeout;
    return b;
  }

  /** The provider's name, e.g. {@code google}. */
  public String name() {
    return name;
  }

  /** The client id the provider gave the application. */
  public String clientId() {
    return clientId;
  }

  /** The client secret the provider gave the application. */
  public String clientSecret() {
    return clientSecret;
  }

  /** Where the browser is sent to log in and consent. */
  public String authorizeUrl() {
    return authorizeUrl;
  }

  /** Where the code is exchanged for tokens. */
  public String accessTokenUrl() {
    return accessTokenUrl;
  }

  /** Where the user's profile is read with the access token, or null to skip that call. */
  public String userInfoUrl() {
    return userInfoUrl;
  }

  /** The base of the provider's API, for relative paths in API calls, or null. */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  /** The provider's JSON Web Key Set, or null when it is not OpenID Connect. */
  public String jwksUrl() {
    return jwksUrl;
  }

  /** Whether logins are OpenID Connect: a nonce is sent and an ID token required and verified. */
  public boolean openIdConnect() {
    return jwksUrl != null;
  }

  /** The accepted {@code iss} values of ID tokens. */
  public Set<String> issuers() {
    return issuers;
  }

  /** The scope {@link OAuth2Mixin#authorizeRedirect(String)} asks for. */
  public List<String> scope() {
    return scope;
  }

  /** How far the clocks of the provider and this server may differ for {@code exp}/{@code iat}. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** How long a login may take between the redirect and the callback. */
  public Duration stateMaxAge() {
    return stateMaxAge;
  }

  /** The timeout of each call to the provider. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "OAuth2Config[" + name + " client " + clientId + " at " + authorizeUrl + "]";
  }

  /** Builds an {@link OAuth2Config}. */
  public static final class Builder {
    private final String name;
    private String clientId;
    private String clientSecret;
    private String authorizeUrl;
    private String accessTokenUrl;
    private String userInfoUrl;
    private String apiBaseUrl;
    private String jwksUrl;
    private Set<String> issuers = Set.of();
    private List<String> scope = List.of();
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration stateMaxAge = Duration.ofMinutes(10);
    private Duration requestTimeout = Duration.ofSeconds(20);

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "provider name must be 1-32 of a-z, 0-9, _ and -: \"" + name + "\"");
      }
      this.name = name;
    }

    /** The client id (required). */
    public Builder clientId(String id) {
      this.clientId = id;
      return this;
    }

    /** The client secret (required). */
    public Builder clientSecret(String secret) {
      this.clientSecret = secret;
      return this;
    }

    /** The authorization endpoint (required). */
    public Builder authorizeUrl(String url) {
      this.authorizeUrl = url;
      return this;
    }

    /** The token endpoint (required). */
    public Builder accessTokenUrl(String url) {
      this.accessTokenUrl = url;
      return this;
    }

    /** The user-info endpoint, or null for none. */
    public Builder userInfoUrl(String url) {
      this.userInfoUrl = url;
      return this;
    }

    /** The API's base URL, or null. */
    public Builder apiBaseUrl(String url) {
      this.apiBaseUrl = url;
      return this;
    }

    /** The JWKS endpoint; non-null makes the configuration OpenID Connect. */
    public Builder jwksUrl(String url) {
      this.jwksUrl = url;
      return this;
    }

    /** The accepted ID-token issuers (required with a JWKS URL). */
    public Builder issuers(Set<String> issuers) {
      this.issuers = Set.copyOf(issuers);
      return this;
    }

    /** The default scope. */
    public Builder scope(List<String> scope) {
      this.scope = List.copyOf(scope);
      return this;
    }

    /** The allowed clock difference for ID-token times (default 60 s). */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = nonNegative(skew, "clockSkew");
      return this;
    }

    /** How long the state cookie is valid (default 10 min). */
    public Builder stateMaxAge(Duration age) {
      this.stateMaxAge = positive(age, "stateMaxAge");
      return this;
    }

    /** The timeout of each provider call (default 20 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first missing or malformed value
     */
    public OAuth2Config build() {
      require(clientId, "clientId");
      require(clientSecret, "clientSecret");
      url(authorizeUrl, "authorizeUrl", true);
      url(accessTokenUrl, "accessTokenUrl", true);
      url(userInfoUrl, "userInfoUrl", false);
      url(apiBaseUrl, "apiBaseUrl", false);
      url(jwksUrl, "jwksUrl", false);
      if (jwksUrl != null && issuers.isEmpty()) {
        throw new IllegalArgumentException(name + ": OpenID Connect (jwksUrl) needs issuers");
      }
      return new OAuth2Config(this);
    }

    private void require(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + ": " + what + " is required");
      }
    }

    private void url(String value, String what, boolean required) {
      if (value == null) {
        if (required) {
          throw new IllegalArgumentException(name + ": " + what + " is required");
        }
        return;
      }
      try {
        URI u = new URI(value);
        String scheme = u.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null) {
          throw new IllegalArgumentException(
              name + ": " + what + " must be an absolute http(s) URL: " + value);
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(name + ": " + what + " is not a URL: " + value, e);
      }
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }

    private static Duration nonNegative(Duration d, String what) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d;
    }
  }
}
