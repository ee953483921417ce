package io.squall.httpclient.internal;

import io.squall.iostream.BaseIOStream;
import io.squall.iostream.IOStreamOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the byte stream a client connection runs on: the seam where TLS plugs in. The plain
 * implementation connects with {@link io.squall.tcp.TcpClient}; a TLS one wraps the socket in an
 * SSL stream (a {@link BaseIOStream} too) and completes after the handshake, so nothing above this
 * interface changes.
 */
public interface StreamConnector {
  /**
   * Connects to {@code key}. Called on the client's loop; the future completes there, failing with
   * {@link java.util.concurrent.TimeoutException} when {@code timeout} runs out.
   *
   * @param key where to connect (its scheme says whether TLS is needed)
   * @param timeout how long connecting may take
   * @param options the stream's options
   * @param tls TLS settings for {@code https} (ignored for {@code http})
   */
  CompletableFuture<BaseIOStream> connect(
      HostKey key, Duration timeout, IOStreamOptions options, TlsSettings tls);

  /**
   * What a TLS connector needs from the request.
   *
   * @param validateCert whether to verify the certificate chain and host name
   * @param caFile a PEM file of trusted CAs, or null for the JDK's trust store
   */
  record TlsSettings(boolean validateCert, Path caFile) {}
}
