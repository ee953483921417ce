package io.squall.tcp;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.tcp.internal.Connector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Opens TCP connections from the current loop (Tornado's {@code TCPClient}).
 *
 * <pre>{@code
 * TcpClient.connect("example.com", 80, Duration.ofSeconds(10))
 *     .thenCompose(stream -> stream.write(request).thenCompose(v -> stream.readUntilClose()));
 * }</pre>
 *
 * <p>Host names are resolved on {@link IOLoop#defaultExecutor()} so the loop never blocks; IP
 * literals skip that hop. The addresses a name resolves to are tried in order until one accepts.
 * The connect itself is non-blocking. The returned future completes on the loop with the connected
 * {@link IOStream}, or fails with {@link java.util.concurrent.TimeoutException} when {@code
 * timeout} (which covers resolving and connecting) runs out, with the {@link java.io.IOException}
 * of the last attempt (for example {@link java.net.ConnectException} when the connection is
 * refused), or with {@link java.net.UnknownHostException}.
 */
public final class TcpClient {
  private TcpClient() {}

  /** Connects with default stream options. Call on a loop thread (or before its loop starts). */
  public static CompletableFuture<IOStream> connect(String host, int port, Duration timeout) {
    return connect(host, port, timeout, IOStreamOptions.defaults());
  }

  /** Connects; the stream gets {@code options}. Call on a loop thread (or before it starts). */
  public static CompletableFuture<IOStream> connect(
      String host, int port, Duration timeout, IOStreamOptions options) {
    check(host, port, timeout, options);
    return new Connector(IOLoop.current(), host, port, timeout, options).start();
  }

  /**
   * Connects and runs a TLS handshake with {@code tls}; the future completes with the {@link
   * io.squall.iostream.SslIOStream} once the handshake is done. {@code timeout} covers resolving,
   * connecting and the handshake. Besides the failures of a plain connect, the future fails with
   * the engine's {@link javax.net.ssl.SSLHandshakeException} when the server's certificate is not
   * trusted or does not name {@code host}. Call on a loop thread (or before it starts).
   */
  public static CompletableFuture<IOStream> connect(
      String host, int port, Duration timeout, IOStreamOptions options, TlsClientOptions tls) {
    Objects.requireNonNull(tls, "tls");
    check(host, port, timeout, options);
    return new Connector(IOLoop.current(), host, port, timeout, options, tls).start();
  }

  private static void check(String host, int port, Duration timeout, IOStreamOptions options) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(options, "options");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port: " + port);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
