package io.squall.tcp.internal;

import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.IOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.iostream.SslIOStream;
import io.squall.tcp.TlsClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One connection attempt of {@code TcpClient}: resolve off the loop, then connect to each address
 * in turn with a non-blocking connect until one succeeds or the deadline passes. Runs on the loop
 * thread. Not API.
 */
public final class Connector {
  private final IOLoop loop;
  private final String host;
  private final int port;
  private final Duration timeout;
  private final IOStreamOptions options;
  private final TlsClientOptions tls;
  private final CompletableFuture<IOStream> result = new CompletableFuture<>();
  private Timeout timer;
  private InetAddress[] addresses;
  private int nextAddress;
  private SocketChannel current;
  private IOException lastError;
  private long deadline;

  public Connector(IOLoop loop, String host, int port, Duration timeout, IOStreamOptions options) {
    this(loop, host, port, timeout, options, null);
  }

  /** A connection attempt that runs a TLS handshake with {@code tls} (null: plain TCP). */
  public Connector(
      IOLoop loop,
      String host,
      int port,
      Duration timeout,
      IOStreamOptions options,
      TlsClientOptions tls) {
    this.tls = tls;
    this.loop = loop;
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.options = options;
  }

  /** Starts the attempt and returns its future. */
  public CompletableFuture<IOStream> start() {
    deadline = loop.time() + timeout.toNanos();
    timer = loop.callLater(timeout, this::timedOut);
    if (isIpLiteral(host)) {
      try {
        resolved(InetAddress.getAllByName(host)); // a literal is parsed, not looked up
      } catch (UnknownHostException e) {
        fail(e);
      }
    } else {
      loop.runInExecutor(() -> InetAddress.getAllByName(host))
          .whenComplete(
              (addrs, e) -> {
                if (e != null) {
                  fail(Futures.unwrap(e));
                } else {
                  resolved(addrs);
                }
              });
    }
    return result;
  }

  /** Whether {@code host} is an IPv4 or IPv6 address literal (no name to resolve). */
  public static boolean isIpLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return true; // IPv6, possibly in brackets
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private void resolved(InetAddress[] addrs) {
    if (result.isDone()) {
      return;
    }
    addresses = addrs;
    tryNext();
  }

  private void tryNext() {
    while (nextAddress < addresses.length) {
      InetSocketAddress target = new InetSocketAddress(addresses[nextAddress++], port);
      SocketChannel ch = null;
      try {
        ch = SocketChannel.open();
        ch.configureBlocking(false);
        current = ch;
        if (ch.connect(target)) {
          connected(ch);
          return;
        }
        SocketChannel pendingChannel = ch;
        loop.addHandler(ch, SelectionKey.OP_CONNECT, (c, ops) -> finish(pendingChannel));
        return;
      } catch (IOException e) {
        lastError = e;
        current = null;
        closeQuietly(ch);
      }
    }
    fail(lastError != null ? lastError : new UnknownHostException(host));
  }

  private void finish(SocketChannel ch) {
    if (ch != current) {
      return; // timed out meanwhile
    }
    try {
      if (ch.finishConnect()) {
        connected(ch);
      }
    } catch (IOException e) {
      lastError = e;
      current = null;
      closeQuietly(ch);
      if (!result.isDone()) {
        tryNext();
      }
    }
  }

  private void connected(SocketChannel ch) {
    current = null;
    timer.cancel();
    if (result.isDone()) { // cancelled by the caller
      closeQuietly(ch);
      return;
    }
    if (tls != null) {
      handshake(ch);
      return;
    }
    IOStream stream;
    try {
      // takes over the channel's registration (IOLoop.addHandler re-registers a registered channel)
      stream = new IOStream(ch, loop, options);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      result.completeExceptionally(e);
      return;
    }
    if (!result.complete(stream)) {
      stream.close();
    }
  }

  private void handshake(SocketChannel ch) {
    long left = Math.max(1, deadline - loop.time());
    CompletableFuture<SslIOStream> hs;
    try {
      hs =
          SslIOStream.handshake(
              ch, loop, options, TlsEngines.client(tls, host, port), Duration.ofNanos(left));
    } catch (RuntimeException e) {
      closeQuietly(ch);
      result.completeExceptionally(e);
      return;
    }
    hs.whenComplete(
        (stream, e) -> {
          if (e != null) {
            Throwable cause = Futures.unwrap(e);
            result.completeExceptionally(
                cause instanceof TimeoutException
                    ? new TimeoutException(
                        "connecting to "
                            + host
                            + ":"
                            + port
                            + " timed out after "
                            + timeout
                            + " (in the TLS handshake)")
                    : cause instanceof SSLHandshakeException she ? named(she) : cause);
          } else if (!result.complete(stream)) {
            stream.close();
          }
        });
  }

  /** The engine's message with the server it was about (the engine's exception is the cause). */
  private SSLHandshakeException named(SSLHandshakeException e) {
    SSLHandshakeException n =
        new SSLHandshakeException(
            "TLS handshake with " + host + ":" + port + " failed: " + e.getMessage());
    n.initCause(e);
    return n;
  }

  private void timedOut() {
    SocketChannel ch = current;
    current = null;
    closeQuietly(ch);
    result.completeExceptionally(
        new TimeoutException("connecting to " + host + ":" + port + " timed out after " + timeout));
  }

  private void fail(Throwable e) {
    timer.cancel();
    result.completeExceptionally(e);
  }

  private static void closeQuietly(SocketChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
