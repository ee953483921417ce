package io.squall.testing;

import io.squall.http.HttpServer;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerOptions;
import io.squall.ioloop.IOLoop;
import io.squall.websocket.WebSocketClient;
import io.squall.websocket.WebSocketClientOptions;
import io.squall.websocket.WebSocketConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A test server and a client for it: the application runs on its own loop thread on an unused port
 * of 127.0.0.1, and {@link #fetch} sends real HTTP/1.1 requests with the JDK's {@link HttpClient}.
 * Cookies the server sets are kept across fetches until {@link #clearCookies()}.
 */
public final class SquallClient implements AutoCloseable {
  private static final String RESTRICTED = "host,connection,expect,upgrade,content-length";

  static {
    // Let tests send Host, Connection, Expect ... themselves.
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", RESTRICTED);
    }
  }

  private final IOLoop loop;
  private final HttpServer server;
  private final int port;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient following;
  private final HttpClient notFollowing;

  private SquallClient(IOLoop loop, HttpServer server) {
    this.loop = loop;
    this.server = server;
    this.port = server.port();
    this.following = client(HttpClient.Redirect.NORMAL);
    this.notFollowing = client(HttpClient.Redirect.NEVER);
  }

  private HttpClient client(HttpClient.Redirect redirect) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(redirect)
        .cookieHandler(cookies)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Serves {@code app} on an unused port on a new loop thread. Close the client to stop both. */
  public static SquallClient start(HttpServerConnectionDelegate app, HttpServerOptions options) {
    IOLoop loop = IOLoop.startOnNewThread("squall-test-loop");
    CompletableFuture<HttpServer> started = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            HttpServer s = new HttpServer(app, options);
            s.listen(0, "127.0.0.1");
            started.complete(s);
          } catch (Throwable e) {
            started.completeExceptionally(e);
          }
        });
    try {
      return new SquallClient(loop, started.get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      loop.shutdown();
      throw new IllegalStateException("could not start the test server", e);
    }
  }

  /** {@link #start(HttpServerConnectionDelegate, HttpServerOptions)} with default options. */
  public static SquallClient start(HttpServerConnectionDelegate app) {
    return start(app, HttpServerOptions.defaults());
  }

  /** The server's loop. */
  public IOLoop loop() {
    return loop;
  }

  /** The server. */
  public HttpServer server() {
    return server;
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:port} + {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A GET of {@code path}, following redirects. */
  public FetchResponse fetch(String path) {
    return fetch(path, FetchOptions.get());
  }

  /** Sends a request and waits for the response (Tornado's {@code self.fetch}). */
  public FetchResponse fetch(String path, FetchOptions options) {
    try {
      return fetchAsync(path, options)
          .get(options.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException("fetch " + path + " failed", io);
      }
      throw new IllegalStateException("fetch " + path + " failed", c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("fetch " + path + " timed out", e);
    }
  }

  /** Sends a request without waiting. */
  public CompletableFuture<FetchResponse> fetchAsync(String path, FetchOptions options) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path)))
            .timeout(options.timeout)
            .method(
                options.method,
                options.body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(options.body));
    for (String[] h : options.headers) {
      try {
        b.header(h[0], h[1]);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().contains("restricted")) {
          // the JDK reads jdk.httpclient.allowRestrictedHeaders once, when its client is first
          // used; code that used java.net.http before this class was loaded fixed it too early
          throw new IllegalStateException(
              "the JDK HTTP client refuses header "
                  + h[0]
                  + ": set -Djdk.httpclient.allowRestrictedHeaders="
                  + RESTRICTED
                  + " for the test JVM, or send the request with raw()",
              e);
        }
        throw e;
      }
    }
    HttpClient c = options.followRedirects ? following : notFollowing;
    return c.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r -> {
              Map<String, java.util.List<String>> headers = new TreeMap<>();
              r.headers()
                  .map()
                  .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
              return new FetchResponse(r.statusCode(), headers, r.body(), r.uri());
            });
  }

  /** The cookies kept between fetches. */
  public CookieManager cookies() {
    return cookies;
  }

  /** Forgets every cookie. */
  public void clearCookies() {
    cookies.getCookieStore().removeAll();
  }

  /** {@code ws://127.0.0.1:port} + {@code path}. */
  public String wsUrl(String path) {
    return "ws://127.0.0.1:" + port + path;
  }

  /**
   * Opens a WebSocket to {@code path} with Squall's own client, on the server's loop, and waits for
   * the handshake (Tornado's {@code websocket_connect} in tests).
   *
   * @throws UncheckedIOException if the handshake fails (the cause says why, e.g. a {@link
   *     io.squall.websocket.WebSocketHandshakeException} with the status)
   */
  public WebSocketConnection websocketConnect(String path) {
    return websocketConnect(path, WebSocketClientOptions.defaults());
  }

  /** As {@link #websocketConnect(String)} with options; a null loop there means the server's. */
  public WebSocketConnection websocketConnect(String path, WebSocketClientOptions options) {
    WebSocketClientOptions o =
        options.loop() == null ? options.toBuilder().loop(loop).build() : options;
    try {
      return WebSocketClient.connect(wsUrl(path), o)
          .get(o.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException("websocket connect to " + path + " failed", io);
      }
      throw new IllegalStateException("websocket connect to " + path + " failed", c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("websocket connect to " + path + " timed out", e);
    }
  }

  /** Opens a raw socket to the server, for requests no ordinary client would send. */
  public RawConnection raw() {
    return RawConnection.open("127.0.0.1", port);
  }

  /** Stops the server, closes its connections, and stops and closes the loop. */
  @Override
  public void close() {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            server.stop();
            server.closeAllConnections();
          } finally {
            stopped.complete(null);
          }
        });
    try {
      stopped.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // fall through to the loop shutdown
    }
    following.close();
    notFollowing.close();
    loop.shutdown();
  }
}
