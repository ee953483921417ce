package io.squall.httpclient.internal;

import io.squall.iostream.BaseIOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.tcp.TcpClient;
import io.squall.tcp.TlsClientOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code https} connections: TCP through {@link TcpClient} with a TLS handshake that offers ALPN
 * {@code http/1.1}, sends the host as SNI, and (unless {@code validateCert} is off) checks the
 * certificate chain against the JDK's CAs or the request's CA file and the host name against the
 * certificate. A refused certificate fails the future with {@link
 * javax.net.ssl.SSLHandshakeException}.
 */
public final class TlsConnector implements StreamConnector {
  /** The shared instance. */
  public static final TlsConnector INSTANCE = new TlsConnector();

  private TlsConnector() {}

  @Override
  public CompletableFuture<BaseIOStream> connect(
      HostKey key, Duration timeout, IOStreamOptions options, TlsSettings tls) {
    if (!key.tls()) {
      throw new IllegalArgumentException("not a TLS destination: " + key);
    }
    TlsClientOptions client;
    try {
      client = TlsContexts.client(tls).withApplicationProtocols("http/1.1");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return TcpClient.connect(key.host(), key.port(), timeout, options, client)
        .thenApply(stream -> (BaseIOStream) stream);
  }
}
