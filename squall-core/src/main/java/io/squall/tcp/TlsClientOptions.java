package io.squall.tcp;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS settings of a client connection ({@link TcpClient#connect(String, int, java.time.Duration,
 * io.squall.iostream.IOStreamOptions, TlsClientOptions)}). By default the server's certificate
 * chain is checked against the JDK's trusted CAs and its name against the host connected to (HTTPS
 * endpoint identification), and the host name goes out as SNI.
 *
 * @param sslContext the context that makes the client engine (its trust managers decide which
 *     certificates are trusted)
 * @param verifyHostname whether the certificate must name the host (turn off only together with a
 *     context that trusts anything, for tests)
 * @param serverName the SNI name to send; null sends the host connected to, unless it is an IP
 *     address literal
 * @param applicationProtocols ALPN names to offer, in order of preference; empty for no ALPN
 */
public record TlsClientOptions(
    SSLContext sslContext,
    boolean verifyHostname,
    String serverName,
    List<String> applicationProtocols) {

  /** Checks the values. */
  public TlsClientOptions {
    Objects.requireNonNull(sslContext, "sslContext");
    applicationProtocols = List.copyOf(applicationProtocols);
  }

  /** The JDK's default context (its trusted CAs), host name checked, no ALPN. */
  public static TlsClientOptions defaults() {
    try {
      return of(SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  /** {@code sslContext}, host name checked, no ALPN. */
  public static TlsClientOptions of(SSLContext sslContext) {
    return new TlsClientOptions(sslContext, true, null, List.of());
  }

  /** These options with host name checking on or off. */
  public TlsClientOptions withVerifyHostname(boolean on) {
    return new TlsClientOptions(sslContext, on, serverName, applicationProtocols);
  }

  /** These options sending {@code name} as SNI. */
  public TlsClientOptions withServerName(String name) {
    return new TlsClientOptions(sslContext, verifyHostname, name, applicationProtocols);
  }

  /** These options offering {@code protocols} by ALPN. */
  public TlsClientOptions withApplicationProtocols(String... protocols) {
    return new TlsClientOptions(sslContext, verifyHostname, serverName, List.of(protocols));
  }
}
