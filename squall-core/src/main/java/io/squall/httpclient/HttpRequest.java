package io.squall.httpclient;

import io.squall.http.HttpHeaders;
import io.squall.http.internal.HttpChars;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One request for {@link AsyncHttpClient#fetch(HttpRequest)} (Tornado's {@code HTTPRequest}).
 * Immutable; made with {@link #builder(String)}.
 *
 * <pre>{@code
 * HttpRequest req = HttpRequest.builder("http://localhost:8888/items")
 *     .method("POST")
 *     .header("Content-Type", "application/json")
 *     .body("{\"name\": \"x\"}")
 *     .requestTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>Defaults follow Tornado: 20 s connect and request timeouts, redirects followed up to 5 times,
 * gzip responses asked for and inflated, errors raised for non-2xx statuses, certificates validated
 * (once TLS is there). A zero timeout means none. {@code maxHeaderSize} and {@code maxBodySize}
 * default to the client's {@link HttpClientOptions}.
 */
public final class HttpRequest {
  /** Default connect timeout: 20 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

  /** Default request timeout: 20 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /** Default {@link #maxRedirects()}: 5. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  private final String url;
  private final URI uri;
  private final String method;
  private final HttpHeaders headers;
  private final byte[] body;
  private final BodyProducer bodyProducer;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final boolean followRedirects;
  private final int maxRedirects;
  private final boolean decompressResponse;
  private final String authUsername;
  private final String authPassword;
  private final String userAgent;
  private final boolean validateCert;
  private final Path caFile;
  private final Function<byte[], ? extends CompletionStage<?>> streamingCallback;
  private final Consumer<String> headerCallback;
  private final long maxBodySize;
  private final int maxHeaderSize;
  private final boolean raiseError;
  private final boolean allowNonstandardMethods;
  private final boolean expect100Continue;
  private final HttpRequest originalRequest;

  private HttpRequest(Builder b) {
    this.url = b.url;
    this.uri = b.uri;
    this.method = b.method;
    this.headers = new HttpHeaders(b.headers);
    this.body = b.body;
    this.bodyProducer = b.bodyProducer;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.followRedirects = b.followRedirects;
    this.maxRedirects = b.maxRedirects;
    this.decompressResponse = b.decompressResponse;
    this.authUsername = b.authUsername;
    this.authPassword = b.authPassword;
    this.userAgent = b.userAgent;
    this.validateCert = b.validateCert;
    this.caFile = b.caFile;
    this.streamingCallback = b.streamingCallback;
    this.headerCallback = b.headerCallback;
    this.maxBodySize = b.maxBodySize;
    this.maxHeaderSize = b.maxHeaderSize;
    this.raiseError = b.raiseError;
    this.allowNonstandardMethods = b.allowNonstandardMethods;
    this.expect100Continue = b.expect100Continue;
    this.originalRequest = b.originalRequest;
  }

  /**
   * Starts a request for {@code url}, an absolute {@code http://} (or, once TLS is there, {@code
   * https://}) URL.
   *
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host
   */
  public static Builder builder(String url) {
    return new Builder().url(url);
  }

  /** A GET of {@code url} with the defaults. */
  public static HttpRequest of(String url) {
    return builder(url).build();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The URL as given. */
  public String url() {
    return url;
  }

  /** The URL, parsed. */
  public URI uri() {
    return uri;
  }

  /** The method, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The extra request headers (a copy). */
  public HttpHeaders headers() {
    return new HttpHeaders(headers);
  }

  /** The body (not a copy: do not change it), or null. */
  public byte[] body() {
    return body;
  }

  /** The body producer, or null. */
  public BodyProducer bodyProducer() {
    return bodyProducer;
  }

  /** The connect timeout; zero means none. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The timeout for the whole request, from when it leaves the queue; zero means none. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Whether 301, 302, 303, 307 and 308 responses with a {@code Location} are followed. */
  public boolean followRedirects() {
    return followRedirects;
  }

  /** How many redirects may still be followed. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** Whether gzip is asked for ({@code Accept-Encoding: gzip}) and inflated. */
  public boolean decompressResponse() {
    return decompressResponse;
  }

  /** The basic-auth user name, or null. */
  public String authUsername() {
    return authUsername;
  }

  /** The basic-auth password, or null. */
  public String authPassword() {
    return authPassword;
  }

  /** The {@code User-Agent} to send, or null for the header given or {@code Squall}. */
  public String userAgent() {
    return userAgent;
  }

  /** Whether TLS certificates and host names are verified ({@code https://} only). */
  public boolean validateCert() {
    return validateCert;
  }

  /** A PEM file of trusted CA certificates for {@code https://}, or null for the JDK's. */
  public Path caFile() {
    return caFile;
  }

  /** The streaming callback, or null (then the body is collected into the response). */
  public Function<byte[], ? extends CompletionStage<?>> streamingCallback() {
    return streamingCallback;
  }

  /** The header callback, or null. */
  public Consumer<String> headerCallback() {
    return headerCallback;
  }

  /** The most body bytes accepted, or -1 for the client's default. */
  public long maxBodySize() {
    return maxBodySize;
  }

  /** The most bytes of the response head accepted, or -1 for the client's default. */
  public int maxHeaderSize() {
    return maxHeaderSize;
  }

  /** Whether a non-2xx response fails the future with {@link HttpClientError}. */
  public boolean raiseError() {
    return raiseError;
  }

  /** Whether unknown methods, and bodies where the method does not expect one, are allowed. */
  public boolean allowNonstandardMethods() {
    return allowNonstandardMethods;
  }

  /** Whether the body waits for {@code 100 Continue} (sending {@code Expect: 100-continue}). */
  public boolean expect100Continue() {
    return expect100Continue;
  }

  /** The request the caller made, when this one is a redirect's follow-up; else this request. */
  public HttpRequest originalRequest() {
    return originalRequest == null ? this : originalRequest;
  }

  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + url + "]";
  }

  /** Builds an {@link HttpRequest}. */
  public static final class Builder {
    private String url;
    private URI uri;
    private String method = "GET";
    private HttpHeaders headers = new HttpHeaders();
    private byte[] body;
    private BodyProducer bodyProducer;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private boolean followRedirects = true;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private boolean decompressResponse = true;
    private String authUsername;
    private String authPassword;
    private String userAgent;
    private boolean validateCert = true;
    private Path caFile;
    private Function<byte[], ? extends CompletionStage<?>> streamingCallback;
    private Consumer<String> headerCallback;
    private long maxBodySize = -1;
    private int maxHeaderSize = -1;
    private boolean raiseError = true;
    private boolean allowNonstandardMethods;
    private boolean expect100Continue;
    private HttpRequest originalRequest;

    private Builder() {}

    private Builder(HttpRequest r) {
      url = r.url;
      uri = r.uri;
      method = r.method;
      headers = new HttpHeaders(r.headers);
      body = r.body;
      bodyProducer = r.bodyProducer;
      connectTimeout = r.connectTimeout;
      requestTimeout = r.requestTimeout;
      followRedirects = r.followRedirects;
      maxRedirects = r.maxRedirects;
      decompressResponse = r.decompressResponse;
      authUsername = r.authUsername;
      authPassword = r.authPassword;
      userAgent = r.userAgent;
      validateCert = r.validateCert;
      caFile = r.caFile;
      streamingCallback = r.streamingCallback;
      headerCallback = r.headerCallback;
      maxBodySize = r.maxBodySize;
      maxHeaderSize = r.maxHeaderSize;
      raiseError = r.raiseError;
      allowNonstandardMethods = r.allowNonstandardMethods;
      expect100Continue = r.expect100Continue;
      originalRequest = r.originalRequest;
    }

    /**
     * Sets the URL.
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL with a host
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      URI u;
      try {
        u = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("invalid URL: " + url + " (" + e.getReason() + ")", e);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("unsupported URL scheme (need http or https): " + url);
      }
      if (u.getHost() == null || u.getHost().isEmpty()) {
        throw new IllegalArgumentException("URL without a host: " + url);
      }
      this.url = url;
      this.uri = u;
      return this;
    }

    /** Sets the method (default {@code GET}); it must be a token. */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      if (!HttpChars.isToken(method)) {
        throw new IllegalArgumentException("method is not a token: " + method);
      }
      this.method = method;
      return this;
    }

    /** Adds a header (repeated names are kept). */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Replaces the headers with a copy of {@code headers}. */
    public Builder headers(HttpHeaders headers) {
      this.headers = new HttpHeaders(headers);
      return this;
    }

    /** Removes a header. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** Sets the body (not copied); null for none. Clears a body producer. */
    public Builder body(byte[] body) {
      this.body = body;
      if (body != null) {
        this.bodyProducer = null;
      }
      return this;
    }

    /** Sets the body to {@code text} in UTF-8. */
    public Builder body(String text) {
      return body(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the body from {@code producer} instead (clears a fixed body). */
    public Builder bodyProducer(BodyProducer producer) {
      this.bodyProducer = producer;
      if (producer != null) {
        this.body = null;
      }
      return this;
    }

    /** Sets the connect timeout (default 20 s; zero: none). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonNegative(timeout, "connectTimeout");
      return this;
    }

    /** Sets the request timeout (default 20 s; zero: none). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = nonNegative(timeout, "requestTimeout");
      return this;
    }

    /** Whether to follow redirects (default true). */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** How many redirects to follow at most (default 5). */
    public Builder maxRedirects(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxRedirects must not be negative: " + max);
      }
      this.maxRedirects = max;
      return this;
    }

    /** Whether to ask for gzip and inflate it (default true). */
    public Builder decompressResponse(boolean on) {
      this.decompressResponse = on;
      return this;
    }

    /** Sends {@code Authorization: Basic} with these credentials. */
    public Builder basicAuth(String username, String password) {
      this.authUsername = Objects.requireNonNull(username, "username");
      this.authPassword = password == null ? "" : password;
      return this;
    }

    /** Sets the {@code User-Agent} (default: the header given, else {@code Squall}). */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Whether to verify the server's certificate and host name (default true; TLS only). */
    public Builder validateCert(boolean validate) {
      this.validateCert = validate;
      return this;
    }

    /** Trusts the CA certificates in this PEM file for {@code https://} (TLS only). */
    public Builder caFile(Path file) {
      this.caFile = file;
      return this;
    }

    /**
     * Hands the body to {@code callback} in pieces as it arrives (after gzip inflation) instead of
     * collecting it: the response's body is then empty. Called on the client's loop; must not
     * block.
     */
    public Builder streamingCallback(Consumer<byte[]> callback) {
      this.streamingCallback =
          callback == null
              ? null
              : chunk -> {
                callback.accept(chunk);
                return null;
              };
      return this;
    }

    /**
     * Like {@link #streamingCallback(Consumer)}, with back-pressure: no more body is read until the
     * returned stage (null: none) completes.
     */
    public Builder streamingCallbackAsync(Function<byte[], ? extends CompletionStage<?>> callback) {
      this.streamingCallback = callback;
      return this;
    }

    /**
     * Calls {@code callback} with each line of the final response head as it arrived, terminators
     * included: the status line, each header line and the final {@code "\r\n"}. On the loop.
     */
    public Builder headerCallback(Consumer<String> callback) {
      this.headerCallback = callback;
      return this;
    }

    /** The most body bytes to accept (default: the client's {@code maxBodySize}). */
    public Builder maxBodySize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxBodySize must not be negative: " + bytes);
      }
      this.maxBodySize = bytes;
      return this;
    }

    /** The most bytes of response head to accept (default: the client's). */
    public Builder maxHeaderSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxHeaderSize must be positive: " + bytes);
      }
      this.maxHeaderSize = bytes;
      return this;
    }

    /**
     * Whether a non-2xx response fails the future with {@link HttpClientError} (default true); with
     * false the response is returned whatever its status. Other failures are raised anyway.
     */
    public Builder raiseError(boolean raise) {
      this.raiseError = raise;
      return this;
    }

    /**
     * Allows any method token, and a body with any method (default false: POST, PUT and PATCH need
     * a body, other methods must have none, as in Tornado).
     */
    public Builder allowNonstandardMethods(boolean allow) {
      this.allowNonstandardMethods = allow;
      return this;
    }

    /** Sends {@code Expect: 100-continue} and holds the body until the server says continue. */
    public Builder expect100Continue(boolean expect) {
      this.expect100Continue = expect;
      return this;
    }

    Builder clearBasicAuth() {
      this.authUsername = null;
      this.authPassword = null;
      return this;
    }

    Builder originalRequest(HttpRequest original) {
      this.originalRequest = original;
      return this;
    }

    /** Builds the request. */
    public HttpRequest build() {
      if (url == null) {
        throw new IllegalStateException("no URL");
      }
      return new HttpRequest(this);
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d;
    }
  }
}
