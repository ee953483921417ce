package io.squall.http;

import io.squall.iostream.IOStreamOptions;
import io.squall.tcp.TlsServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link HttpServer}, with Tornado's defaults. Build with {@link #builder()}.
 *
 * @param maxHeaderSize largest request head (request line and headers) accepted; larger gets 431
 * @param maxUriLength longest request target accepted; longer gets 414
 * @param maxBodySize largest request body accepted; larger gets 413 before the body is read
 * @param chunkSize largest piece of body handed to a delegate at once, and the read size
 * @param idleConnectionTimeout how long a keep-alive connection may wait for its next request
 * @param headerTimeout how long a client may take to send a request head once it started it
 * @param bodyTimeout how long a client may take to send a request body; null for no limit
 * @param noKeepAlive close every connection after one response
 * @param xheaders trust {@code X-Real-Ip}/{@code X-Forwarded-For} and {@code
 *     X-Forwarded-Proto}/{@code X-Scheme} from a proxy in front of the server
 * @param trustedDownstream proxies whose addresses are skipped when walking {@code X-Forwarded-For}
 * @param protocol the scheme to report for requests ({@code "http"} or {@code "https"}); null to
 *     derive it
 * @param decompressRequest inflate request bodies sent with {@code Content-Encoding: gzip}
 * @param maxWriteBufferSize most output bytes a connection may hold queued for a client that does
 *     not read them (a WebSocket's too); a write past it closes the connection (a WebSocket with
 *     1008 first). A handler that waits for {@code flush()}'s future never reaches it
 * @param writeTimeout how long queued output may wait with the client taking none of it before the
 *     connection closes (logged); null for no limit
 * @param lingerTimeout after answering a request whose body was not read (413, 400, a handler that
 *     finished early), how long the connection, its sending side shut, goes on reading and dropping
 *     what the client sends, so the client reads the answer instead of a connection reset; zero to
 *     close at once
 * @param tls TLS settings to serve HTTPS with (Tornado's {@code ssl_options}); null for plain HTTP.
 *     Requests then report the protocol {@code https} (unless {@code protocol} says otherwise), and
 *     ALPN selects {@code http/1.1} when the settings name no protocols of their own.
 */
public record HttpServerOptions(
    int maxHeaderSize,
    int maxUriLength,
    long maxBodySize,
    int chunkSize,
    Duration idleConnectionTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    boolean noKeepAlive,
    boolean xheaders,
    List<String> trustedDownstream,
    String protocol,
    boolean decompressRequest,
    long maxWriteBufferSize,
    Duration writeTimeout,
    Duration lingerTimeout,
    TlsServerOptions tls) {

  /** Validates the settings. */
  public HttpServerOptions {
    if (maxHeaderSize < 256) {
      throw new IllegalArgumentException(
          "maxHeaderSize must be at least 256 bytes: " + maxHeaderSize);
    }
    if (maxUriLength < 16) {
      throw new IllegalArgumentException("maxUriLength must be at least 16 bytes: " + maxUriLength);
    }
    if (maxBodySize < 0) {
      throw new IllegalArgumentException("maxBodySize must not be negative: " + maxBodySize);
    }
    if (chunkSize < 512) {
      throw new IllegalArgumentException("chunkSize must be at least 512 bytes: " + chunkSize);
    }
    Objects.requireNonNull(idleConnectionTimeout, "idleConnectionTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    trustedDownstream = List.copyOf(trustedDownstream);
    if (protocol != null && !protocol.equals("http") && !protocol.equals("https")) {
      throw new IllegalArgumentException("protocol must be http or https: " + protocol);
    }
    if (maxWriteBufferSize <= 0) {
      throw new IllegalArgumentException(
          "maxWriteBufferSize must be positive: " + maxWriteBufferSize);
    }
    if (writeTimeout != null && (writeTimeout.isNegative() || writeTimeout.isZero())) {
      throw new IllegalArgumentException("writeTimeout must be positive: " + writeTimeout);
    }
    Objects.requireNonNull(lingerTimeout, "lingerTimeout");
    if (lingerTimeout.isNegative()) {
      throw new IllegalArgumentException("lingerTimeout must not be negative: " + lingerTimeout);
    }
  }

  /**
   * The options of the server's connection streams: the defaults with {@link #maxWriteBufferSize}
   * and {@link #writeTimeout}.
   */
  public IOStreamOptions streamOptions() {
    return IOStreamOptions.builder()
        .maxWriteBufferSize(maxWriteBufferSize)
        .writeTimeout(writeTimeout)
        .build();
  }

  /**
   * The defaults: 64 KiB heads, 100 MiB bodies, 64 KiB chunks, keep-alive on, 64 MiB of queued
   * output, a 60 s write timeout, 5 s of lingering.
   */
  public static HttpServerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxHeaderSize = maxHeaderSize;
    b.maxUriLength = maxUriLength;
    b.maxBodySize = maxBodySize;
    b.chunkSize = chunkSize;
    b.idleConnectionTimeout = idleConnectionTimeout;
    b.headerTimeout = headerTimeout;
    b.bodyTimeout = bodyTimeout;
    b.noKeepAlive = noKeepAlive;
    b.xheaders = xheaders;
    b.trustedDownstream = trustedDownstream;
    b.protocol = protocol;
    b.decompressRequest = decompressRequest;
    b.maxWriteBufferSize = maxWriteBufferSize;
    b.writeTimeout = writeTimeout;
    b.lingerTimeout = lingerTimeout;
    b.tls = tls;
    return b;
  }

  /** Builds {@link HttpServerOptions}. */
  public static final class Builder {
    private int maxHeaderSize = 64 * 1024;
    private int maxUriLength = 8 * 1024;
    private long maxBodySize = 100L * 1024 * 1024;
    private int chunkSize = 64 * 1024;
    private Duration idleConnectionTimeout = Duration.ofHours(1);
    private Duration headerTimeout = Duration.ofSeconds(30);
    private Duration bodyTimeout = null;
    private boolean noKeepAlive;
    private boolean xheaders;
    private List<String> trustedDownstream = List.of();
    private String protocol;
    private boolean decompressRequest;
    private long maxWriteBufferSize = 64L * 1024 * 1024;
    private Duration writeTimeout = Duration.ofSeconds(60);
    private Duration lingerTimeout = Duration.ofSeconds(5);
    private TlsServerOptions tls;

    private Builder() {}

    /** Largest request head in bytes (default 64 KiB); larger gets 431. */
    public Builder maxHeaderSize(int bytes) {
      this.maxHeaderSize = bytes;
      return this;
    }

    /** Longest request target in bytes (default 8 KiB); longer gets 414. */
    public Builder maxUriLength(int bytes) {
      this.maxUriLength = bytes;
      return this;
    }

    /** Largest request body in bytes (default 100 MiB); larger gets 413. */
    public Builder maxBodySize(long bytes) {
      this.maxBodySize = bytes;
      return this;
    }

    /** Read size and largest body piece given to a delegate (default 64 KiB). */
    public Builder chunkSize(int bytes) {
      this.chunkSize = bytes;
      return this;
    }

    /** How long an idle keep-alive connection is kept (default 1 hour, as Tornado). */
    public Builder idleConnectionTimeout(Duration d) {
      this.idleConnectionTimeout = d;
      return this;
    }

    /** Time allowed to send a request head once started (default 30 s). */
    public Builder headerTimeout(Duration d) {
      this.headerTimeout = d;
      return this;
    }

    /** Time allowed to send a request body (default none). */
    public Builder bodyTimeout(Duration d) {
      this.bodyTimeout = d;
      return this;
    }

    /** Close every connection after one response (default false). */
    public Builder noKeepAlive(boolean on) {
      this.noKeepAlive = on;
      return this;
    }

    /** Trust proxy headers for the client address and scheme (default false). */
    public Builder xheaders(boolean on) {
      this.xheaders = on;
      return this;
    }

    /** Proxy addresses to skip in {@code X-Forwarded-For}. */
    public Builder trustedDownstream(List<String> addresses) {
      this.trustedDownstream = addresses;
      return this;
    }

    /** Scheme to report for every request ({@code http} or {@code https}). */
    public Builder protocol(String protocol) {
      this.protocol = protocol;
      return this;
    }

    /** Inflate gzip-encoded request bodies (default false). */
    public Builder decompressRequest(boolean on) {
      this.decompressRequest = on;
      return this;
    }

    /**
     * Most output bytes a connection may hold queued (default 64 MiB); a write past it closes the
     * connection.
     */
    public Builder maxWriteBufferSize(long bytes) {
      this.maxWriteBufferSize = bytes;
      return this;
    }

    /** Serve HTTPS with these TLS settings (null: plain HTTP, the default). */
    public Builder tls(TlsServerOptions tls) {
      this.tls = tls;
      return this;
    }

    /**
     * How long queued output may wait with the client taking none of it (default 60 s); null for no
     * limit.
     */
    public Builder writeTimeout(Duration d) {
      this.writeTimeout = d;
      return this;
    }

    /**
     * How long a connection that answered before reading the whole body goes on reading and
     * dropping it after its answer (default 5 s); zero to close at once.
     */
    public Builder lingerTimeout(Duration d) {
      this.lingerTimeout = d;
      return this;
    }

    /**
     * Serve HTTPS with {@code sslContext} (its key managers hold the server's key and certificate),
     * ALPN {@code http/1.1} and the default handshake timeout.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.tls = TlsServerOptions.of(sslContext).withApplicationProtocols("http/1.1");
      return this;
    }

    /** The settings. */
    public HttpServerOptions build() {
      return new HttpServerOptions(
          maxHeaderSize,
          maxUriLength,
          maxBodySize,
          chunkSize,
          idleConnectionTimeout,
          headerTimeout,
          bodyTimeout,
          noKeepAlive,
          xheaders,
          trustedDownstream,
          protocol,
          decompressRequest,
          maxWriteBufferSize,
          writeTimeout,
          lingerTimeout,
          tls);
    }
  }
}
