package io.squall.httpclient;

import io.squall.iostream.IOStreamOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AsyncHttpClient} (Tornado's {@code SimpleAsyncHTTPClient} arguments).
 *
 * @param maxConnections the most connections open at once, in use or idle (Tornado's {@code
 *     max_clients}, default 10); requests beyond it wait in a queue
 * @param maxConnectionsPerHost the most connections to one host (scheme, host and port), default 10
 * @param queueTimeout how long a request may wait in the queue; null (the default) means Tornado's
 *     rule: the smaller non-zero of its connect and request timeouts
 * @param idleTimeout how long an idle keep-alive connection stays in the pool (default 30 s); zero
 *     disables reuse (every request gets a fresh connection and sends {@code Connection: close})
 * @param maxBufferSize the most bytes a connection's read buffer holds (default 100 MiB)
 * @param maxHeaderSize the default most bytes of a response head (default 64 KiB)
 * @param maxBodySize the default most bytes of a response body (default 100 MiB)
 * @param userAgent the {@code User-Agent} sent when the request sets none (default {@code Squall})
 */
public record HttpClientOptions(
    int maxConnections,
    int maxConnectionsPerHost,
    Duration queueTimeout,
    Duration idleTimeout,
    int maxBufferSize,
    int maxHeaderSize,
    long maxBodySize,
    String userAgent) {

  private static final HttpClientOptions DEFAULTS =
      new HttpClientOptions(
          10,
          10,
          null,
          Duration.ofSeconds(30),
          IOStreamOptions.DEFAULT_MAX_BUFFER_SIZE,
          64 * 1024,
          IOStreamOptions.DEFAULT_MAX_BUFFER_SIZE,
          "Squall");

  /** Checks the values. */
  public HttpClientOptions {
    if (maxConnections <= 0 || maxConnectionsPerHost <= 0) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
    if (queueTimeout != null && queueTimeout.isNegative()) {
      throw new IllegalArgumentException("queueTimeout must not be negative");
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must not be negative");
    }
    if (maxBufferSize <= 0 || maxHeaderSize <= 0 || maxBodySize < 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /** The defaults. */
  public static HttpClientOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link HttpClientOptions}. */
  public static final class Builder {
    private int maxConnections;
    private int maxConnectionsPerHost;
    private Duration queueTimeout;
    private Duration idleTimeout;
    private int maxBufferSize;
    private int maxHeaderSize;
    private long maxBodySize;
    private String userAgent;

    private Builder(HttpClientOptions o) {
      maxConnections = o.maxConnections;
      maxConnectionsPerHost = o.maxConnectionsPerHost;
      queueTimeout = o.queueTimeout;
      idleTimeout = o.idleTimeout;
      maxBufferSize = o.maxBufferSize;
      maxHeaderSize = o.maxHeaderSize;
      maxBodySize = o.maxBodySize;
      userAgent = o.userAgent;
    }

    /** Sets {@link HttpClientOptions#maxConnections()}. */
    public Builder maxConnections(int n) {
      maxConnections = n;
      return this;
    }

    /** Sets {@link HttpClientOptions#maxConnectionsPerHost()}. */
    public Builder maxConnectionsPerHost(int n) {
      maxConnectionsPerHost = n;
      return this;
    }

    /** Sets {@link HttpClientOptions#queueTimeout()}. */
    public Builder queueTimeout(Duration timeout) {
      queueTimeout = timeout;
      return this;
    }

    /** Sets {@link HttpClientOptions#idleTimeout()}. */
    public Builder idleTimeout(Duration timeout) {
      idleTimeout = timeout;
      return this;
    }

    /** Sets {@link HttpClientOptions#maxBufferSize()}. */
    public Builder maxBufferSize(int bytes) {
      maxBufferSize = bytes;
      return this;
    }

    /** Sets {@link HttpClientOptions#maxHeaderSize()}. */
    public Builder maxHeaderSize(int bytes) {
      maxHeaderSize = bytes;
      return this;
    }

    /** Sets {@link HttpClientOptions#maxBodySize()}. */
    public Builder maxBodySize(long bytes) {
      maxBodySize = bytes;
      return this;
    }

    /** Sets {@link HttpClientOptions#userAgent()}. */
    public Builder userAgent(String ua) {
      userAgent = ua;
      return this;
    }

    /** Builds the options. */
    public HttpClientOptions build() {
      return new HttpClientOptions(
          maxConnections,
          maxConnectionsPerHost,
          queueTimeout,
          idleTimeout,
          maxBufferSize,
          maxHeaderSize,
          maxBodySize,
          userAgent);
    }
  }
}
