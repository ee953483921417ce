package io.squall.web;

import io.squall.http.MultipartLimits;
import io.squall.template.BaseLoader;
import io.squall.template.Loader;
import io.squall.template.UIModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An application's settings (Tornado's {@code Application(**settings)}), as a typed, immutable
 * object. Build with {@link #builder()}:
 *
 * <pre>{@code
 * Settings s = Settings.builder()
 *     .cookieSecret("a long random secret")
 *     .xsrfCookies(true)
 *     .loginUrl("/login")
 *     .staticPath(Path.of("static"))
 *     .build();
 * }</pre>
 */
public final class Settings {
  private final boolean debug;
  private final Map<Integer, byte[]> cookieSecrets;
  private final int cookieKeyVersion;
  private final int signedCookieMaxAgeDays;
  private final String loginUrl;
  private final boolean xsrfCookies;
  private final String xsrfCookieName;
  private final CookieOptions xsrfCookieOptions;
  private final CookieOptions cookieDefaults;
  private final Path staticPath;
  private final String staticUrlPrefix;
  private final String staticDefaultFilename;
  private final Path templatePath;
  private final boolean compressResponse;
  private final boolean serveTraceback;
  private final Supplier<? extends RequestHandler> defaultHandler;
  private final Consumer<RequestHandler> logFunction;
  private final Duration websocketPingInterval;
  private final Duration websocketPingTimeout;
  private final int websocketMaxMessageSize;
  private final Map<String, Object> custom;
  private final Map<String, Function<? super RequestHandler, ? extends UIModule>> uiModules;
  private final BaseLoader templateLoader;
  private final MultipartLimits multipartLimits;

  private Settings(Builder b) {
    this.debug = b.debug;
    this.cookieSecrets = Collections.unmodifiableMap(new TreeMap<>(b.cookieSecrets));
    this.cookieKeyVersion = b.cookieKeyVersion;
    this.signedCookieMaxAgeDays = b.signedCookieMaxAgeDays;
    this.loginUrl = b.loginUrl;
    this.xsrfCookies = b.xsrfCookies;
    this.xsrfCookieName = b.xsrfCookieName;
    this.xsrfCookieOptions = b.xsrfCookieOptions;
    this.cookieDefaults = b.cookieDefaults;
    this.staticPath = b.staticPath;
    this.staticUrlPrefix = b.staticUrlPrefix;
    this.staticDefaultFilename = b.staticDefaultFilename;
    this.templatePath = b.templatePath;
    this.compressResponse = b.compressResponse;
    this.serveTraceback = b.serveTraceback == null ? b.debug : b.serveTraceback;
    this.defaultHandler = b.defaultHandler;
    this.logFunction = b.logFunction;
    this.websocketPingInterval = b.websocketPingInterval;
    this.websocketPingTimeout = b.websocketPingTimeout;
    this.websocketMaxMessageSize = b.websocketMaxMessageSize;
    this.custom = Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
    this.uiModules = Collections.unmodifiableMap(new LinkedHashMap<>(b.uiModules));
    this.templateLoader = b.templateLoader;
    this.multipartLimits = b.multipartLimits;
  }

  /** A builder with Tornado's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static Settings defaults() {
    return builder().build();
  }

  /** Debug mode: tracebacks in error pages and template reloading. */
  public boolean debug() {
    return debug;
  }

  /** Cookie secrets by key version; empty when signed cookies are not configured. */
  public Map<Integer, byte[]> cookieSecrets() {
    return cookieSecrets;
  }

  /** The key version that new signed cookies use. */
  public int cookieKeyVersion() {
    return cookieKeyVersion;
  }

  /** How old a signed cookie may be, in days (default 31). */
  public int signedCookieMaxAgeDays() {
    return signedCookieMaxAgeDays;
  }

  /** Where {@link Authenticated} sends users who are not logged in; null if unset. */
  public String loginUrl() {
    return loginUrl;
  }

  /** Whether XSRF protection checks POST, PUT, PATCH and DELETE. */
  public boolean xsrfCookies() {
    return xsrfCookies;
  }

  /** The XSRF cookie's name (default {@code _xsrf}). */
  public String xsrfCookieName() {
    return xsrfCookieName;
  }

  /**
   * The attributes of the XSRF cookie (Tornado's {@code xsrf_cookie_kwargs}); default: the {@link
   * #cookieDefaults()}.
   */
  public CookieOptions xsrfCookieOptions() {
    return xsrfCookieOptions != null ? xsrfCookieOptions : cookieDefaults;
  }

  /**
   * The attributes of cookies set without options ({@code setCookie(name, value)}, {@code
   * setSignedCookie}): default path {@code /} and nothing else, as in Tornado. Set it to make
   * session cookies HttpOnly and SameSite application-wide.
   */
  public CookieOptions cookieDefaults() {
    return cookieDefaults;
  }

  /** Folder served under {@link #staticUrlPrefix()}; null for none. */
  public Path staticPath() {
    return staticPath;
  }

  /** URL prefix of static files (default {@code /static/}). */
  public String staticUrlPrefix() {
    return staticUrlPrefix;
  }

  /** File served for a static directory, e.g. {@code index.html}; null for 403. */
  public String staticDefaultFilename() {
    return staticDefaultFilename;
  }

  /** Folder of templates for {@code render}; null for the working directory. */
  public Path templatePath() {
    return templatePath;
  }

  /** Whether responses are gzip-compressed for clients that accept it. */
  public boolean compressResponse() {
    return compressResponse;
  }

  /** Whether error pages show the stack trace (default: as {@link #debug()}). */
  public boolean serveTraceback() {
    return serveTraceback;
  }

  /** Handler for requests no route matches; null for a plain 404. */
  public Supplier<? extends RequestHandler> defaultHandler() {
    return defaultHandler;
  }

  /** Replaces the access log; null for the default. */
  public Consumer<RequestHandler> logFunction() {
    return logFunction;
  }

  /** Interval of WebSocket pings; null for none. */
  public Duration websocketPingInterval() {
    return websocketPingInterval;
  }

  /** How long to wait for a pong before closing; null for three ping intervals. */
  public Duration websocketPingTimeout() {
    return websocketPingTimeout;
  }

  /** Largest WebSocket message accepted (default 10 MiB). */
  public int websocketMaxMessageSize() {
    return websocketMaxMessageSize;
  }

  /** An application-specific setting, or null. */
  public Object get(String key) {
    return custom.get(key);
  }

  /** UI modules for {@code {% module Name(...) %}}, by name. */
  public Map<String, Function<? super RequestHandler, ? extends UIModule>> uiModules() {
    return uiModules;
  }

  /** The loader {@code render} uses; null for a {@link Loader} over {@link #templatePath()}. */
  public BaseLoader templateLoader() {
    return templateLoader;
  }

  /**
   * Limits on {@code multipart/form-data} bodies (default {@link MultipartLimits#DEFAULT}: 100
   * parts, 10 KiB of headers per part); more parts than allowed answer 413.
   */
  public MultipartLimits multipartLimits() {
    return multipartLimits;
  }

  /** Builds {@link Settings}. */
  public static final class Builder {
    private boolean debug;
    private final Map<Integer, byte[]> cookieSecrets = new TreeMap<>();
    private int cookieKeyVersion;
    private int signedCookieMaxAgeDays = 31;
    private String loginUrl;
    private boolean xsrfCookies;
    private String xsrfCookieName = "_xsrf";
    private CookieOptions xsrfCookieOptions;
    private CookieOptions cookieDefaults = CookieOptions.defaults();
    private Path staticPath;
    private String staticUrlPrefix = "/static/";
    private String staticDefaultFilename;
    private Path templatePath;
    private boolean compressResponse;
    private Boolean serveTraceback;
    private Supplier<? extends RequestHandler> defaultHandler;
    private Consumer<RequestHandler> logFunction;
    private Duration websocketPingInterval;
    private Duration websocketPingTimeout;
    private int websocketMaxMessageSize = 10 * 1024 * 1024;
    private final Map<String, Object> custom = new LinkedHashMap<>();
    private final Map<String, Function<? super RequestHandler, ? extends UIModule>> uiModules =
        new LinkedHashMap<>();
    private BaseLoader templateLoader;
    private MultipartLimits multipartLimits = MultipartLimits.DEFAULT;

    private Builder() {}

    /**
     * Registers a UI module for templates' {@code {% module name(...) %}}; {@code factory} makes
     * one instance per rendering and gets the handler that renders.
     */
    public Builder uiModule(
        String name, Function<? super RequestHandler, ? extends UIModule> factory) {
      uiModules.put(name, factory);
      return this;
    }

    /**
     * The template loader for {@code render} (Tornado's {@code template_loader}), e.g. a {@link
     * io.squall.template.DictLoader} in tests. Default: a {@link Loader} over {@code templatePath}
     * that reloads changed files in debug mode.
     */
    public Builder templateLoader(BaseLoader loader) {
      this.templateLoader = loader;
      return this;
    }

    /** Debug mode (default false). */
    public Builder debug(boolean on) {
      this.debug = on;
      return this;
    }

    /** The secret that signs cookies; at least 16 characters. */
    public Builder cookieSecret(String secret) {
      cookieSecrets.clear();
      return cookieSecret(0, secret).cookieKeyVersion(0);
    }

    /**
     * Adds a secret under a key version, for rotation: cookies signed with any listed version
     * validate; new ones use {@link #cookieKeyVersion(int)}.
     */
    public Builder cookieSecret(int version, String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < 16) {
        throw new IllegalArgumentException("cookie secret must be at least 16 characters long");
      }
      cookieSecrets.put(version, secret.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** The key version new signed cookies use. */
    public Builder cookieKeyVersion(int version) {
      this.cookieKeyVersion = version;
      return this;
    }

    /** How old a signed cookie may be, in days (default 31). */
    public Builder signedCookieMaxAgeDays(int days) {
      this.signedCookieMaxAgeDays = days;
      return this;
    }

    /** Login page for {@link Authenticated}. */
    public Builder loginUrl(String url) {
      this.loginUrl = url;
      return this;
    }

    /** Turns on XSRF protection (default off). */
    public Builder xsrfCookies(boolean on) {
      this.xsrfCookies = on;
      return this;
    }

    /** The XSRF cookie's name (default {@code _xsrf}). */
    public Builder xsrfCookieName(String name) {
      this.xsrfCookieName = Objects.requireNonNull(name);
      return this;
    }

    /**
     * The attributes of the XSRF cookie (Tornado's {@code xsrf_cookie_kwargs}), for example {@code
     * CookieOptions.builder().secure(true).sameSite("Strict").build()}.
     */
    public Builder xsrfCookieOptions(CookieOptions options) {
      this.xsrfCookieOptions = Objects.requireNonNull(options);
      return this;
    }

    /**
     * The attributes of cookies set without options, for example {@code
     * CookieOptions.builder().httpOnly(true).sameSite("Lax").build()}.
     */
    public Builder cookieDefaults(CookieOptions options) {
      this.cookieDefaults = Objects.requireNonNull(options);
      return this;
    }

    /** Serves files from {@code path} under {@link #staticUrlPrefix(String)}. */
    public Builder staticPath(Path path) {
      this.staticPath = path;
      return this;
    }

    /** URL prefix of static files; must start and end with {@code /} (default {@code /static/}). */
    public Builder staticUrlPrefix(String prefix) {
      if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
        throw new IllegalArgumentException(
            "staticUrlPrefix must start and end with '/': " + prefix);
      }
      this.staticUrlPrefix = prefix;
      return this;
    }

    /** File served for a static directory, e.g. {@code index.html}. */
    public Builder staticDefaultFilename(String name) {
      this.staticDefaultFilename = name;
      return this;
    }

    /** Folder of templates. */
    public Builder templatePath(Path path) {
      this.templatePath = path;
      return this;
    }

    /** Gzip responses for clients that accept it (default off). */
    public Builder compressResponse(boolean on) {
      this.compressResponse = on;
      return this;
    }

    /** Show stack traces in error pages (default: as debug). */
    public Builder serveTraceback(boolean on) {
      this.serveTraceback = on;
      return this;
    }

    /** Handler for requests that no route matches. */
    public Builder defaultHandler(Supplier<? extends RequestHandler> factory) {
      this.defaultHandler = factory;
      return this;
    }

    /** Replaces the access log. */
    public Builder logFunction(Consumer<RequestHandler> f) {
      this.logFunction = f;
      return this;
    }

    /** Sends WebSocket pings at this interval (default none). */
    public Builder websocketPingInterval(Duration d) {
      this.websocketPingInterval = d;
      return this;
    }

    /** Closes a WebSocket whose pong does not come in this time (default 3 intervals). */
    public Builder websocketPingTimeout(Duration d) {
      this.websocketPingTimeout = d;
      return this;
    }

    /** Largest WebSocket message (default 10 MiB). */
    public Builder websocketMaxMessageSize(int bytes) {
      this.websocketMaxMessageSize = bytes;
      return this;
    }

    /**
     * Limits on multipart bodies (Tornado's {@code ParseMultipartConfig}); see {@link
     * #multipartLimits}.
     */
    public Builder multipartLimits(MultipartLimits limits) {
      this.multipartLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** An application-specific setting, read back with {@link Settings#get(String)}. */
    public Builder set(String key, Object value) {
      custom.put(key, value);
      return this;
    }

    /** The settings. */
    public Settings build() {
      if (!cookieSecrets.isEmpty() && !cookieSecrets.containsKey(cookieKeyVersion)) {
        throw new IllegalArgumentException(
            "cookieKeyVersion "
                + cookieKeyVersion
                + " has no secret; versions: "
                + cookieSecrets.keySet());
      }
      return new Settings(this);
    }
  }
}
