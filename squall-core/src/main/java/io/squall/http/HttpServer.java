package io.squall.http;

import io.squall.http.internal.BufferingDelegate;
import io.squall.http.internal.Http1ServerConnection;
import io.squall.ioloop.ShutdownSignals;
import io.squall.iostream.IOStream;
import io.squall.tcp.TcpServer;
import io.squall.tcp.TlsServerOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking HTTP/1.1 server (Tornado's {@code HTTPServer}), a {@link TcpServer} whose
 * connections speak HTTP.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.ofCallback(request -> {
 *   byte[] body = "Hello, world".getBytes(StandardCharsets.UTF_8);
 *   HttpHeaders h = new HttpHeaders();
 *   h.set("Content-Length", Integer.toString(body.length));
 *   request.connection().writeHeaders(new ResponseStartLine("HTTP/1.1", 200, "OK"), h, body);
 *   request.connection().finish();
 * });
 * server.listen(8888);
 * IOLoop.current().start();
 * }</pre>
 *
 * <p>With {@link HttpServerOptions.Builder#sslContext} (or {@code tls}) the server speaks HTTPS:
 * each connection's TLS handshake runs on its loop before the first request is read; a client whose
 * handshake fails, or that sends plain HTTP to the port, is closed without disturbing the others.
 *
 * <p>Connections on several loops ({@link #start(int)}) call the delegate from several threads; a
 * delegate shared between them must be thread-safe. {@link #shutdown(Duration)} stops accepting,
 * lets in-flight requests finish, and closes idle keep-alive connections.
 */
public class HttpServer extends TcpServer {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final HttpServerConnectionDelegate delegate;
  private final HttpServerOptions options;
  private final DateHeaderCache dates = DateHeaderCache.shared();
  private final Set<Http1ServerConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile CompletableFuture<Void> allClosed;

  /** A server that hands each request to a delegate made by {@code delegate}. */
  public HttpServer(HttpServerConnectionDelegate delegate, HttpServerOptions options) {
    super(options.streamOptions(), forHttp(options.tls()));
    this.delegate = delegate;
    this.options =
        options.tls() != null && options.protocol() == null
            ? options.toBuilder().protocol("https").build()
            : options;
  }

  /** HTTP over TLS offers {@code http/1.1} by ALPN unless the settings name protocols. */
  private static TlsServerOptions forHttp(TlsServerOptions tls) {
    if (tls == null || !tls.applicationProtocols().isEmpty()) {
      return tls;
    }
    return tls.withApplicationProtocols("http/1.1");
  }

  /** A server with the default options. */
  public HttpServer(HttpServerConnectionDelegate delegate) {
    this(delegate, HttpServerOptions.defaults());
  }

  /** A server that calls {@code callback} with each whole request. */
  public static HttpServer ofCallback(HttpRequestCallback callback, HttpServerOptions options) {
    return new HttpServer(connection -> new BufferingDelegate(callback), options);
  }

  /** {@link #ofCallback(HttpRequestCallback, HttpServerOptions)} with the default options. */
  public static HttpServer ofCallback(HttpRequestCallback callback) {
    return ofCallback(callback, HttpServerOptions.defaults());
  }

  /** The server's options. */
  public HttpServerOptions options() {
    return options;
  }

  /** Number of open connections. */
  public int connectionCount() {
    return connections.size();
  }

  @Override
  protected void handleStream(IOStream stream, InetSocketAddress address) {
    Http1ServerConnection conn =
        new Http1ServerConnection(
            stream, address, options, delegate, dates, this::connectionClosed);
    connections.add(conn);
    conn.start();
    if (allClosed != null) {
      // accepted just before shutdown began: serve one request, then close
      conn.serveOneThenClose();
    }
  }

  private void connectionClosed(Http1ServerConnection conn) {
    connections.remove(conn);
    CompletableFuture<Void> f = allClosed;
    if (f != null && connections.isEmpty()) {
      f.complete(null);
    }
  }

  /** Closes every open connection now, in-flight requests included. */
  public void closeAllConnections() {
    for (Http1ServerConnection c : new ArrayList<>(connections)) {
      c.loop().addCallback(c::close);
    }
  }

  /**
   * Graceful shutdown: stops accepting, closes idle keep-alive connections, lets in-flight requests
   * finish (their connections close after the response), and after {@code grace} closes whatever is
   * left. The future completes when every connection is closed.
   */
  public CompletableFuture<Void> shutdown(Duration grace) {
    stop();
    CompletableFuture<Void> hooks = delegateShutdown(grace);
    CompletableFuture<Void> done = new CompletableFuture<>();
    allClosed = done;
    List<Http1ServerConnection> open = new ArrayList<>(connections);
    if (open.isEmpty()) {
      done.complete(null);
      return CompletableFuture.allOf(done, hooks);
    }
    for (Http1ServerConnection c : open) {
      c.loop().addCallback(c::drain);
    }
    Thread.ofVirtual()
        .name("squall-http-shutdown")
        .start(
            () -> {
              try {
                done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (Exception timedOut) {
                log.warn(
                    "{} connections still open after the {} ms grace period; closing them",
                    connections.size(),
                    grace.toMillis());
                closeAllConnections();
              }
            });
    if (connections.isEmpty()) {
      done.complete(null);
    }
    return CompletableFuture.allOf(done, hooks);
  }

  /**
   * The delegate's {@link HttpServerConnectionDelegate#shutdownStarted} work, given at most {@code
   * grace}: what is still running after it is logged and no longer waited for.
   */
  private CompletableFuture<Void> delegateShutdown(Duration grace) {
    CompletableFuture<Void> hooks;
    try {
      hooks = delegate.shutdownStarted().toCompletableFuture();
    } catch (RuntimeException e) {
      log.warn("shutdown work of {} failed", delegate, e);
      return CompletableFuture.completedFuture(null);
    }
    return hooks
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            e -> {
              log.warn("shutdown work of {} failed", delegate, e);
              return null;
            });
  }

  /**
   * Makes SIGTERM and SIGINT shut this server down gracefully (see {@link #shutdown(Duration)})
   * before the process exits with status 0.
   */
  public HttpServer shutdownOnSignals(Duration grace) {
    ShutdownSignals.onShutdown(() -> shutdown(grace));
    return this;
  }
}
