package io.squall.httpclient.internal;

import io.squall.iostream.BaseIOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.tcp.TcpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Plain TCP connections through {@link TcpClient}; {@code https} fails with {@link
 * UnsupportedOperationException} until a TLS stream exists.
 */
public final class PlainConnector implements StreamConnector {
  /** The shared instance. */
  public static final PlainConnector INSTANCE = new PlainConnector();

  private PlainConnector() {}

  @Override
  public CompletableFuture<BaseIOStream> connect(
      HostKey key, Duration timeout, IOStreamOptions options, TlsSettings tls) {
    if (key.tls()) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException(
              "https:// is not supported yet (no TLS stream in Squall so far): " + key));
    }
    return TcpClient.connect(key.host(), key.port(), timeout, options)
        .thenApply(stream -> (BaseIOStream) stream);
  }
}
