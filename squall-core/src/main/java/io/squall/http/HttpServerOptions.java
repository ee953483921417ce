package io.squall.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
    boolean decompressRequest) {

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
  }

  /** The defaults: 64 KiB heads, 100 MiB bodies, 64 KiB chunks, keep-alive on. */
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
          decompressRequest);
    }
  }
}
