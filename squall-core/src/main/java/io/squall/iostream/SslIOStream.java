package io.squall.iostream;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.internal.ScratchBuffer;
import io.squall.iostream.internal.TlsHandshake;
import io.squall.iostream.internal.TlsTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * An {@link IOStream} that speaks TLS through an {@link SSLEngine} (Tornado's {@code SSLIOStream}).
 * Reads, writes, back-pressure and closing behave as on a plain stream, so code written for an
 * {@code IOStream} runs over TLS unchanged; the bytes on the socket are TLS records.
 *
 * <p>A stream is made by {@link #handshake}, which runs the handshake on the loop without blocking
 * and completes with the stream once it is done (Tornado's {@code wait_for_handshake} folded into
 * the connect/accept step). The engine's delegated tasks (certificate path checks, key agreement)
 * run inline on the loop thread: they are short, CPU-bound, and keep the connection on its loop.
 *
 * <p>{@link #close()} sends a TLS {@code close_notify} before closing the socket; if the socket
 * cannot take the last records at once, they are sent as it drains, for at most {@link
 * #CLOSE_LINGER}. A peer that closes without {@code close_notify} is treated like one that closes a
 * plain socket. Files ({@link #transferFrom}) are read into a buffer and encrypted: there is no
 * zero-copy path through TLS.
 */
public final class SslIOStream extends IOStream {
  /** Longest time a closed stream keeps sending the TLS records it still holds. */
  public static final Duration CLOSE_LINGER = Duration.ofSeconds(5);

  private final TlsTransport tls;
  private final String serverName;
  private boolean readPokeScheduled;

  private SslIOStream(TlsTransport tls, IOLoop loop, IOStreamOptions options) {
    super(tls.channel(), loop, options);
    this.tls = tls;
    this.serverName = requestedName(tls.engine());
    if (tls.hasBufferedInput()) {
      scheduleReadPoke(); // bytes that arrived with the handshake's last message
    }
  }

  /**
   * Runs the TLS handshake of {@code engine} (its client or server mode, parameters, ALPN and SNI
   * already set by the caller) over the connected {@code channel} on {@code loop}, and completes
   * with the stream once the handshake is done. Call on the loop thread or before it starts.
   *
   * <p>The future fails with the engine's {@link javax.net.ssl.SSLException} (an {@link
   * javax.net.ssl.SSLHandshakeException} for a refused certificate, a protocol mismatch or bytes
   * that are not TLS), with an {@link java.io.EOFException} when the peer closed during the
   * handshake, or with a {@link java.util.concurrent.TimeoutException} once {@code timeout} passed;
   * the channel is then closed.
   */
  public static CompletableFuture<SslIOStream> handshake(
      SocketChannel channel,
      IOLoop loop,
      IOStreamOptions options,
      SSLEngine engine,
      Duration timeout) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(timeout, "timeout");
    if (!channel.isConnected()) {
      throw new IllegalArgumentException("channel is not connected: " + channel);
    }
    TlsTransport tls = new TlsTransport(channel, engine);
    return TlsHandshake.start(loop, tls, timeout).thenApply(t -> new SslIOStream(t, loop, options));
  }

  private static String requestedName(SSLEngine engine) {
    if (engine.getUseClientMode()) {
      for (SNIServerName n : engine.getSSLParameters().getServerNames()) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
      return null;
    }
    if (engine.getSession() instanceof ExtendedSSLSession s) {
      for (SNIServerName n : s.getRequestedServerNames()) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
        if (n.getType() == 0) { // host_name that the JDK did not parse into an SNIHostName
          return new SNIHostName(n.getEncoded()).getAsciiName();
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- TLS facts

  /** The session negotiated by the handshake (protocol, cipher suite, peer certificates). */
  public SSLSession sslSession() {
    return tls.engine().getSession();
  }

  /** The engine (for settings this class does not surface). Do not read or write through it. */
  public SSLEngine sslEngine() {
    return tls.engine();
  }

  /**
   * The application protocol chosen by ALPN (for example {@code http/1.1}), or empty when none was
   * negotiated (Tornado's {@code selected_alpn_protocol}).
   */
  public Optional<String> applicationProtocol() {
    String p = tls.engine().getApplicationProtocol();
    return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
  }

  /**
   * The server name of the connection's SNI extension: on a server, the name the client asked for
   * (empty if it sent none); on a client, the name it sent.
   */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /**
   * The peer's certificate, verified by the handshake: the server's on a client; on a server, the
   * client's when it was asked for one and sent it. Empty otherwise.
   */
  public Optional<X509Certificate> peerCertificate() {
    try {
      Certificate[] chain = tls.engine().getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x
          ? Optional.of(x)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- transport

  @Override
  protected int readFromTransport(ByteBuffer dst) throws IOException {
    int n = tls.read(dst);
    if (n > 0 && tls.hasBufferedInput()) {
      scheduleReadPoke();
    }
    return n;
  }

  /**
   * Decrypted bytes or whole records wait inside the engine's buffers, which the selector does not
   * see: come back on the next loop iteration as if the socket were readable.
   */
  private void scheduleReadPoke() {
    if (readPokeScheduled) {
      return;
    }
    readPokeScheduled = true;
    ioLoop()
        .addCallback(
            () -> {
              readPokeScheduled = false;
              if (!closed() && tls.hasBufferedInput()) {
                transportReadable();
              }
            });
  }

  @Override
  protected long writeToTransport(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return tls.write(srcs, offset, length);
  }

  @Override
  protected long transferToTransport(FileChannel file, long position, long count)
      throws IOException {
    int chunk = options().readChunkSize();
    ByteBuffer buf = ScratchBuffer.get(chunk);
    buf.limit((int) Math.min(count, chunk));
    int n = file.read(buf, position);
    if (n <= 0) {
      return 0;
    }
    buf.flip();
    return tls.write(new ByteBuffer[] {buf}, 0, 1);
  }

  @Override
  boolean transportWantsWrite() {
    return tls.hasPendingOutput();
  }

  @Override
  void flushTransport() {
    try {
      tls.flush();
    } catch (IOException e) {
      transportFailed("write", e);
    }
  }

  @Override
  protected void closeTransport() throws IOException {
    tls.closeOutboundQuietly();
    if (!tls.hasPendingOutput()) {
      channel().close();
      return;
    }
    lingerThenClose();
  }

  /** Sends the records still held as the socket drains, then closes it; gives up after a while. */
  private void lingerThenClose() throws IOException {
    SocketChannel ch = channel();
    IOLoop loop = ioLoop();
    try {
      loop.addHandler(
          ch,
          SelectionKey.OP_WRITE,
          (c, ops) -> {
            try {
              if (tls.flush()) {
                ch.close();
              }
            } catch (IOException e) {
              closeQuietly(ch);
            }
          });
      loop.callLater(CLOSE_LINGER, () -> closeQuietly(ch));
    } catch (RuntimeException e) {
      ch.close(); // the loop is closing: nothing can wait
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  @Override
  public String toString() {
    return "SslIOStream[" + remoteAddress() + (closed() ? ", closed" : "") + "]";
  }
}
