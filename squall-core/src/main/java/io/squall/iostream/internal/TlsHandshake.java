package io.squall.iostream.internal;

import io.squall.ioloop.ChannelHandler;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Drives the TLS handshake of one {@link TlsTransport} on its loop, without blocking: the socket is
 * registered for whatever the engine waits for, and the future completes once the handshake is done
 * (the channel stays registered, for the stream that takes it over) or fails (the peer is told with
 * an alert where the engine has one, and the channel is closed). Not API; loop thread only.
 */
public final class TlsHandshake implements ChannelHandler {
  private final IOLoop loop;
  private final TlsTransport tls;
  private final CompletableFuture<TlsTransport> result = new CompletableFuture<>();
  private final Duration timeout;
  private Timeout timer;

  private TlsHandshake(IOLoop loop, TlsTransport tls, Duration timeout) {
    this.loop = loop;
    this.tls = tls;
    this.timeout = timeout;
  }

  /**
   * Starts the handshake of {@code tls} on {@code loop} (call on its thread or before it starts).
   * The future fails with the engine's {@link SSLException} (often an {@link
   * javax.net.ssl.SSLHandshakeException}), an {@link java.io.EOFException} when the peer closed, or
   * a {@link TimeoutException} after {@code timeout}.
   */
  public static CompletableFuture<TlsTransport> start(
      IOLoop loop, TlsTransport tls, Duration timeout) {
    TlsHandshake h = new TlsHandshake(loop, tls, timeout);
    h.begin();
    return h.result;
  }

  private void begin() {
    try {
      loop.addHandler(tls.channel(), 0, this);
      tls.engine().beginHandshake();
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    timer = loop.callLater(timeout, this::timedOut);
    step();
  }

  @Override
  public void handleEvents(SelectableChannel channel, int readyOps) {
    if (!result.isDone()) {
      step();
    }
  }

  private void step() {
    TlsTransport.Step next;
    try {
      next = tls.handshake();
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    switch (next) {
      case READ -> interest(SelectionKey.OP_READ);
      case WRITE -> interest(SelectionKey.OP_WRITE);
      case DONE -> {
        timer.cancel();
        interest(0);
        if (!result.complete(tls)) {
          closeChannel();
        }
      }
    }
  }

  private void interest(int ops) {
    try {
      loop.updateHandler(tls.channel(), ops);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void timedOut() {
    fail(
        new TimeoutException("TLS handshake with " + peer() + " did not finish within " + timeout));
  }

  private void fail(Throwable e) {
    if (timer != null) {
      timer.cancel();
    }
    if (result.isDone()) {
      return;
    }
    tls.closeOutboundQuietly();
    closeChannel();
    result.completeExceptionally(e);
  }

  private String peer() {
    try {
      SocketAddress a = tls.channel().getRemoteAddress();
      return String.valueOf(a);
    } catch (IOException e) {
      return "a closed peer";
    }
  }

  private void closeChannel() {
    try {
      tls.channel().close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
