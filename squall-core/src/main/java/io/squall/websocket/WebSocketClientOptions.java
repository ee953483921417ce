package io.squall.websocket;

import io.squall.ioloop.IOLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link WebSocketClient} connection (Tornado's {@code websocket_connect} arguments).
 * Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param connectTimeout how long connecting and the opening handshake may take together
 * @param subprotocols subprotocols to offer when the {@link WebSocketRequest} names none
 * @param compression permessage-deflate settings to offer, or null for no compression
 * @param headers extra request headers sent with every handshake (a request's own headers of the
 *     same name win)
 * @param loop the loop the connection runs on, or null for {@link IOLoop#current()} at connect time
 * @param maxMessageSize the largest message accepted from the server, in bytes (a bigger one closes
 *     the connection with 1009)
 * @param pingInterval how often to ping the server, or null for never
 * @param pingTimeout how long a ping may go unanswered before the connection is closed, or null for
 *     three ping intervals
 * @param closeTimeout how long {@link WebSocketConnection#close} waits for the server's Close frame
 * @param validateCert for {@code wss://}: whether the server's certificate chain and host name are
 *     checked (default true)
 * @param caFile for {@code wss://}: a PEM file of the CAs to trust instead of the JDK's, or null
 */
public record WebSocketClientOptions(
    Duration connectTimeout,
    List<String> subprotocols,
    CompressionOptions compression,
    Map<String, String> headers,
    IOLoop loop,
    int maxMessageSize,
    Duration pingInterval,
    Duration pingTimeout,
    Duration closeTimeout,
    boolean validateCert,
    Path caFile) {

  /** Tornado's default connect timeout: 20 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

  /** The default largest message: 10 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

  /** The default wait for the server's Close frame: 5 s. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Checks the values and makes unmodifiable copies.
   *
   * @throws IllegalArgumentException for a timeout that is not positive or a negative size
   */
  public WebSocketClientOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (connectTimeout.isZero() || connectTimeout.isNegative()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    if (closeTimeout.isZero() || closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
    }
    if (maxMessageSize < 0) {
      throw new IllegalArgumentException("maxMessageSize must be >= 0: " + maxMessageSize);
    }
    subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * The defaults: 20 s connect timeout, no subprotocols, no compression, no extra headers, the
   * current loop, 10 MiB messages, no pings, 5 s close timeout.
   *
   * @return the default options
   */
  public static WebSocketClientOptions defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.subprotocols = subprotocols;
    b.compression = compression;
    b.headers = new LinkedHashMap<>(headers);
    b.loop = loop;
    b.maxMessageSize = maxMessageSize;
    b.pingInterval = pingInterval;
    b.pingTimeout = pingTimeout;
    b.closeTimeout = closeTimeout;
    b.validateCert = validateCert;
    b.caFile = caFile;
    return b;
  }

  /** Builds {@link WebSocketClientOptions}. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private boolean validateCert = true;
    private Path caFile;
    private List<String> subprotocols = List.of();
    private CompressionOptions compression;
    private Map<String, String> headers = new LinkedHashMap<>();
    private IOLoop loop;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private Duration pingInterval;
    private Duration pingTimeout;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

    private Builder() {}

    /**
     * Sets how long connecting and the handshake may take (default 20 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the subprotocols to offer, in order of preference.
     *
     * @param subprotocols the subprotocol names
     * @return this builder
     */
    public Builder subprotocols(String... subprotocols) {
      this.subprotocols = List.of(subprotocols);
      return this;
    }

    /**
     * Offers permessage-deflate with these settings; null (the default) offers no compression.
     *
     * @param compression the settings, or null
     * @return this builder
     */
    public Builder compression(CompressionOptions compression) {
      this.compression = compression;
      return this;
    }

    /**
     * Adds a request header sent with every handshake.
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      this.headers.put(name, value);
      return this;
    }

    /**
     * Sets the loop the connection runs on (default: the current loop at connect time).
     *
     * @param loop the loop, or null
     * @return this builder
     */
    public Builder loop(IOLoop loop) {
      this.loop = loop;
      return this;
    }

    /**
     * Sets the largest message accepted (default 10 MiB).
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxMessageSize(int bytes) {
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * Pings the server at this interval (default never).
     *
     * @param interval the interval, or null
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    /**
     * Closes the connection when a ping is unanswered this long (default three intervals).
     *
     * @param timeout the timeout, or null
     * @return this builder
     */
    public Builder pingTimeout(Duration timeout) {
      this.pingTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a close waits for the server's Close frame (default 5 s).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Whether a {@code wss://} server's certificate and host name are checked (default true; turn
     * off only for tests).
     *
     * @param on whether to check
     * @return this builder
     */
    public Builder validateCert(boolean on) {
      this.validateCert = on;
      return this;
    }

    /**
     * CAs to trust for {@code wss://} instead of the JDK's.
     *
     * @param file a PEM file of CA certificates, or null for the JDK's trust store
     * @return this builder
     */
    public Builder caFile(Path file) {
      this.caFile = file;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException for invalid values
     */
    public WebSocketClientOptions build() {
      return new WebSocketClientOptions(
          connectTimeout,
          subprotocols,
          compression,
          headers,
          loop,
          maxMessageSize,
          pingInterval,
          pingTimeout,
          closeTimeout,
          validateCert,
          caFile);
    }
  }
}
