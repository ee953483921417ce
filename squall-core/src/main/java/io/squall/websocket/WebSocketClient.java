package io.squall.websocket;

import io.squall.httpclient.MalformedResponseError;
import io.squall.httpclient.ResponseTooLargeError;
import io.squall.httpclient.internal.HostKey;
import io.squall.httpclient.internal.PlainConnector;
import io.squall.httpclient.internal.ResponseHead;
import io.squall.httpclient.internal.StreamConnector;
import io.squall.httpclient.internal.UpgradeExchange;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.BaseIOStream;
import io.squall.websocket.internal.ClientHandshake;
import io.squall.websocket.internal.DeflateAgreement;
import io.squall.websocket.internal.Handshake;
import io.squall.websocket.internal.PerMessageDeflate;
import io.squall.websocket.internal.WebSocketProtocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections to servers (Tornado's {@code websocket_connect}).
 *
 * <pre>{@code
 * WebSocketClient.connect("ws://localhost:8888/chat")
 *     .thenCompose(conn -> conn.writeMessage("hello").thenCompose(v -> conn.readMessage()))
 *     .thenAccept(reply -> System.out.println(reply.asText()));
 * }</pre>
 *
 * <p>The connection runs on the loop given in the options, or else on {@link IOLoop#current()} of
 * the calling thread (which must then be running, or be started later). The returned future
 * completes on that loop with the open {@link WebSocketConnection}, or fails with:
 *
 * <ul>
 *   <li>{@link WebSocketHandshakeException} when the server answered with another status than 101
 *       (its {@link WebSocketHandshakeException#status()} says which, e.g. 403 for a refused {@code
 *       Origin}) or with a response that does not complete the handshake;
 *   <li>{@link java.util.concurrent.TimeoutException} when connecting and the handshake took longer
 *       than {@link WebSocketClientOptions#connectTimeout()};
 *   <li>an {@link java.io.IOException} from connecting, e.g. {@link java.net.ConnectException}.
 * </ul>
 *
 * <p>The connection is opened by the HTTP client's connection code ({@code io.squall.httpclient}):
 * its connector and its response parser, which leaves frames the server sends right after the 101
 * in the stream for the WebSocket protocol.
 *
 * <p>{@code ws://} and {@code wss://} URLs are accepted ({@code http://} and {@code https://} are
 * taken to mean the same). Over {@code wss://} the server's certificate and host name are checked
 * as the HTTP client does ({@link WebSocketClientOptions#validateCert()}, {@link
 * WebSocketClientOptions#caFile()}); a refused certificate fails the future with {@link
 * javax.net.ssl.SSLHandshakeException}.
 */
public final class WebSocketClient {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private WebSocketClient() {}

  /**
   * Connects with the default options.
   *
   * @param url a {@code ws://} or {@code wss://} URL
   * @return the connection, once the handshake is done
   * @throws IllegalArgumentException if the URL is not a valid {@code ws://} URL
   */
  public static CompletableFuture<WebSocketConnection> connect(String url) {
    return connect(new WebSocketRequest(url), WebSocketClientOptions.defaults());
  }

  /**
   * Connects.
   *
   * @param url a {@code ws://} or {@code wss://} URL
   * @param options the connection's settings
   * @return the connection, once the handshake is done
   * @throws IllegalArgumentException if the URL is not a valid {@code ws://} URL
   */
  public static CompletableFuture<WebSocketConnection> connect(
      String url, WebSocketClientOptions options) {
    return connect(new WebSocketRequest(url), options);
  }

  /**
   * Connects with extra headers or subprotocols.
   *
   * @param request the URL, headers and subprotocols
   * @param options the connection's settings
   * @return the connection, once the handshake is done
   * @throws IllegalArgumentException if the URL is not a valid {@code ws://} URL, or a header may
   *     not be sent
   */
  public static CompletableFuture<WebSocketConnection> connect(
      WebSocketRequest request, WebSocketClientOptions options) {
    URI uri;
    try {
      uri = new URI(request.url());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid WebSocket URL: " + request.url(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("wss") || scheme.equals("https");
    if (!tls && !scheme.equals("ws") && !scheme.equals("http")) {
      throw new IllegalArgumentException("not a ws:// or wss:// URL: " + request.url());
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("WebSocket URL without a host: " + request.url());
    }
    int port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String hostHeader = uri.getPort() < 0 ? host : host + ":" + port;
    String connectHost =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;

    List<String> subprotocols =
        request.subprotocols().isEmpty() ? options.subprotocols() : request.subprotocols();
    Map<String, String> headers = new LinkedHashMap<>();
    options.headers().forEach((k, v) -> putHeader(headers, k, v));
    request.headers().forEach((k, v) -> putHeader(headers, k, v));
    String key = Handshake.newKey();
    CompressionOptions compression = options.compression();
    byte[] head =
        ClientHandshake.request(
            target,
            hostHeader,
            key,
            subprotocols,
            compression == null ? null : PerMessageDeflate.clientOffer(compression),
            headers);

    IOLoop loop = options.loop() != null ? options.loop() : IOLoop.current();
    Attempt attempt = new Attempt(loop, tls, connectHost, port, head, key, subprotocols, options);
    if (loop.inLoopThread()) {
      attempt.start();
    } else {
      loop.addCallback(attempt::start);
    }
    return attempt.result;
  }

  private static void putHeader(Map<String, String> headers, String name, String value) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    headers.put(name, value);
  }

  /**
   * One connection attempt, on the loop: the HTTP client's connection code connects, sends the
   * upgrade request and parses the response head; a 101 hands the stream over.
   */
  private static final class Attempt {
    final CompletableFuture<WebSocketConnection> result = new CompletableFuture<>();
    private final IOLoop loop;
    private final boolean tls;
    private final String host;
    private final int port;
    private final byte[] head;
    private final String key;
    private final List<String> subprotocols;
    private final WebSocketClientOptions options;

    Attempt(
        IOLoop loop,
        boolean tls,
        String host,
        int port,
        byte[] head,
        String key,
        List<String> subprotocols,
        WebSocketClientOptions options) {
      this.loop = loop;
      this.tls = tls;
      this.host = host;
      this.port = port;
      this.head = head;
      this.key = key;
      this.subprotocols = subprotocols;
      this.options = options;
    }

    void start() {
      try {
        UpgradeExchange.start(
                loop,
                PlainConnector.INSTANCE,
                new HostKey(tls ? "https" : "http", host, port),
                head,
                options.connectTimeout(),
                ClientHandshake.MAX_RESPONSE_HEAD,
                MAX_ERROR_BODY,
                new StreamConnector.TlsSettings(options.validateCert(), options.caFile()))
            .whenComplete(
                (r, e) -> {
                  if (e != null) {
                    fail(e);
                  } else {
                    try {
                      responded(r);
                    } catch (WebSocketHandshakeException | RuntimeException ex) {
                      if (r.stream() != null) {
                        r.stream().close();
                      }
                      fail(ex);
                    }
                  }
                });
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    private void fail(Throwable e) {
      e = Futures.unwrap(e);
      if (e instanceof MalformedResponseError || e instanceof ResponseTooLargeError) {
        e = new WebSocketHandshakeException("bad handshake response: " + e.getMessage());
      }
      result.completeExceptionally(e);
    }

    private void responded(UpgradeExchange.Result r) throws WebSocketHandshakeException {
      ResponseHead response = r.head();
      if (r.stream() == null) {
        fail(
            new WebSocketHandshakeException(
                response.status(),
                "WebSocket handshake refused: " + response.status() + " " + response.reason(),
                new String(r.body(), StandardCharsets.UTF_8)));
        return;
      }
      BaseIOStream stream = r.stream();
      String selected =
          Handshake.checkUpgradeResponse(
              response.status(), response.headers()::getJoined, key, subprotocols);
      CompressionOptions compression = options.compression();
      DeflateAgreement agreement =
          PerMessageDeflate.acceptAsClient(
              response.headers().getJoined("Sec-WebSocket-Extensions"), compression);
      WebSocketProtocol.Params params =
          new WebSocketProtocol.Params(
              options.maxMessageSize(),
              options.pingInterval(),
              options.pingTimeout() != null || options.pingInterval() == null
                  ? options.pingTimeout()
                  : options.pingInterval().multipliedBy(3),
              options.closeTimeout());
      WebSocketConnection conn =
          new WebSocketConnection(
              stream,
              params,
              agreement,
              agreement == null ? 0 : compression.compressionLevel(),
              selected,
              response.headers());
      if (result.complete(conn)) {
        conn.start();
      } else {
        stream.close();
      }
    }
  }
}
