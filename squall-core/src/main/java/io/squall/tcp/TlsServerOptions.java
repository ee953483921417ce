package io.squall.tcp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS settings of a server (Tornado's {@code ssl_options}): the {@link SSLContext} with the
 * server's key and certificate, the ALPN protocols it accepts, whether it asks clients for
 * certificates, and how long a handshake may take.
 *
 * <pre>{@code
 * SSLContext ctx = SSLContext.getInstance("TLS");
 * ctx.init(keyManagers, null, null);
 * new TcpServer(IOStreamOptions.defaults(), TlsServerOptions.of(ctx), handler).listen(8443);
 * }</pre>
 *
 * <p>The client's SNI name is accepted whatever it is and recorded ({@link
 * io.squall.iostream.SslIOStream#serverName()}); to serve a different certificate per name, give
 * the context a key manager that chooses by it ({@link SniKeyManager}).
 *
 * @param sslContext the context that makes the server-side engines
 * @param applicationProtocols ALPN names the server selects from, in its order of preference; empty
 *     for no ALPN. A client that offers none of them is served without ALPN.
 * @param clientAuth whether clients are asked for certificates
 * @param handshakeTimeout how long a client may take to complete the handshake before it is closed
 */
public record TlsServerOptions(
    SSLContext sslContext,
    List<String> applicationProtocols,
    ClientAuth clientAuth,
    Duration handshakeTimeout) {

  /** Default {@link #handshakeTimeout()}. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  /** Whether a server asks clients for certificates. */
  public enum ClientAuth {
    /** Clients are not asked. */
    NONE,
    /** Clients are asked; one that sends none is still served. */
    WANT,
    /** Clients must send a certificate the context trusts. */
    NEED
  }

  /** Checks the values. */
  public TlsServerOptions {
    Objects.requireNonNull(sslContext, "sslContext");
    applicationProtocols = List.copyOf(applicationProtocols);
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
    }
  }

  /** {@code sslContext}, no ALPN, no client certificates, the default handshake timeout. */
  public static TlsServerOptions of(SSLContext sslContext) {
    return new TlsServerOptions(sslContext, List.of(), ClientAuth.NONE, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  /** These options with other ALPN protocol names. */
  public TlsServerOptions withApplicationProtocols(String... protocols) {
    return new TlsServerOptions(sslContext, List.of(protocols), clientAuth, handshakeTimeout);
  }

  /** These options asking clients for certificates as {@code auth} says. */
  public TlsServerOptions withClientAuth(ClientAuth auth) {
    return new TlsServerOptions(sslContext, applicationProtocols, auth, handshakeTimeout);
  }

  /** These options with another handshake timeout. */
  public TlsServerOptions withHandshakeTimeout(Duration timeout) {
    return new TlsServerOptions(sslContext, applicationProtocols, clientAuth, timeout);
  }
}
