package io.squall.httpclient.internal;

import io.squall.iostream.BaseIOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.tcp.TcpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The client's connector: plain TCP connections through {@link TcpClient}, and {@code https} (or
 * {@code wss}) through {@link TlsConnector}.
 */
public final class PlainConnector implements StreamConnector {
  /** The shared instance. */
  public static final PlainConnector INSTANCE = new PlainConnector();

  private PlainConnector() {}

  @Override
  public CompletableFuture<BaseIOStream> connect(
      HostKey key, Duration timeout, IOStreamOptions options, TlsSettings tls) {
    if (key.tls()) {
      return TlsConnector.INSTANCE.connect(key, timeout, options, tls);
    }
    return TcpClient.connect(key.host(), key.port(), timeout, options)
        .thenApply(stream -> (BaseIOStream) stream);
  }
}
