package io.squall.websocket;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.escape.Json;
import io.squall.http.HttpHeaders;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.LoopClosedException;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.IOStream;
import io.squall.web.Blocking;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import io.squall.websocket.internal.DeflateAgreement;
import io.squall.websocket.internal.Handshake;
import io.squall.websocket.internal.PerMessageDeflate;
import io.squall.websocket.internal.Role;
import io.squall.websocket.internal.SerialExecutor;
import io.squall.websocket.internal.UpgradeCheck;
import io.squall.websocket.internal.WebSocketProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base class of WebSocket handlers (Tornado's {@code WebSocketHandler}). Map a subclass to a route
 * like any handler; a GET that asks to upgrade becomes a WebSocket connection served by one
 * instance of it:
 *
 * <pre>{@code
 * public class EchoSocket extends WebSocketHandler {
 *   @Override
 *   public CompletionStage<?> open(String... pathArgs) {
 *     log.info("opened");
 *     return null;
 *   }
 *
 *   @Override
 *   public void onMessage(String message) {
 *     writeMessage("You said: " + message);
 *   }
 *
 *   @Override
 *   public void onClose() {
 *     log.info("closed with {}", closeCode());
 *   }
 * }
 * }</pre>
 *
 * <h2>Handshake</h2>
 *
 * The GET must be a valid upgrade request (RFC 6455 section 4.2.1): a missing or wrong {@code
 * Upgrade}, {@code Connection}, {@code Host} or {@code Sec-WebSocket-Key} gets 400, a {@code
 * Sec-WebSocket-Version} other than 13 gets 426 with {@code Sec-WebSocket-Version: 13}, and an
 * {@code Origin} that {@link #checkOrigin} refuses gets 403. Otherwise the handler picks a
 * subprotocol ({@link #selectSubprotocol}) and compression ({@link #getCompressionOptions}),
 * answers 101 with any headers set earlier (for example in {@code prepare()}, which runs first as
 * for every handler and may refuse with an {@link io.squall.web.HttpError}), takes the connection
 * over from HTTP and calls {@link #open}. The other {@code RequestHandler} output methods ({@code
 * write}, {@code finish} ...) cannot be used after that.
 *
 * <h2>Messages and threads</h2>
 *
 * {@link #open}, {@link #onMessage(String)}, {@link #onMessage(byte[])}, {@link #onPing}, {@link
 * #onPong} and {@link #onClose} run on the connection's loop, one at a time; messages wait until
 * the stage {@code open} returns completes. A method that throws is logged and the connection is
 * closed with 1011 (internal error); the loop goes on. {@link #writeMessage}, {@link #ping} and
 * {@link #close} may be called from any thread (they hand over to the loop).
 *
 * <p>A handler class annotated {@link Blocking} runs {@code open}, {@code onMessage}, {@code
 * onPing}, {@code onPong} and {@code onClose} on virtual threads instead, one call at a time per
 * connection and in order; no more is read from the connection while {@code onMessage} runs, so a
 * slow handler slows its peer down rather than buffering. The handshake hooks ({@link
 * #checkOrigin}, {@link #selectSubprotocol}, {@link #getCompressionOptions}) always run on the
 * loop.
 *
 * <h2>Settings</h2>
 *
 * {@link Settings#websocketMaxMessageSize()} (default 10 MiB; a bigger message closes the
 * connection with 1009), {@link Settings#websocketPingInterval()} (pings are off by default) and
 * {@link Settings#websocketPingTimeout()} (a ping unanswered for this long closes the connection;
 * default three intervals).
 *
 * <h2>Closing</h2>
 *
 * When the peer sends a Close frame, its code is echoed and the connection closed; when the handler
 * calls {@link #close}, a Close frame is sent and the peer has 5 seconds to answer before the
 * connection is dropped. Either way {@link #onClose} runs once, with {@link #closeCode()} and
 * {@link #closeReason()} set.
 */
public abstract class WebSocketHandler extends RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);

  private static final ClassValue<Boolean> BLOCKING =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.isAnnotationPresent(Blocking.class);
        }
      };

  private volatile WebSocketProtocol ws;

  /** Completes when the connection has closed; what a graceful shutdown waits for. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** Removes this connection's shutdown hook; null until the connection is open. */
  private volatile Runnable shutdownRegistration;

  private IOStream stream;
  private SerialExecutor serial;
  private String selectedSubprotocol;
  private volatile int closeCode;
  private volatile String closeReason;
  private boolean onCloseCalled;

  /** Handlers are made by the route's factory. */
  protected WebSocketHandler() {}

  // ------------------------------------------------------------------------------------------
  // The handshake

  /**
   * Answers the upgrade request and starts the connection; called by the application for a GET.
   * Override {@link #open} instead.
   *
   * @param pathArgs the route's groups, passed on to {@link #open}
   * @return completes once the handshake was answered
   */
  public final CompletableFuture<Void> get(String... pathArgs) {
    IOLoop loop = loop();
    if (!loop.inLoopThread()) {
      // A @Blocking class: this runs on a virtual thread, but the handshake belongs on the loop.
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.addCallback(
          () -> {
            try {
              upgrade(pathArgs);
              done.complete(null);
            } catch (Throwable e) {
              done.completeExceptionally(e);
            }
          });
      return done;
    }
    upgrade(pathArgs);
    return CompletableFuture.completedFuture(null);
  }

  private void upgrade(String[] pathArgs) {
    HttpHeaders headers = request().headers();
    UpgradeCheck check = Handshake.checkUpgradeRequest(request().method(), headers::getJoined);
    if (!check.ok()) {
      refuse(check.status(), check.message(), check.responseHeaders());
      return;
    }
    String origin = headers.get("Origin");
    if (origin == null) {
      origin = headers.get("Sec-WebSocket-Origin"); // the name in protocol versions 7 and 8
    }
    if (origin != null && !checkOrigin(origin)) {
      refuse(403, "Cross origin websockets not allowed", Map.of());
      return;
    }
    List<String> offered = Handshake.parseSubprotocols(headers.getJoined("Sec-WebSocket-Protocol"));
    String subprotocol = selectSubprotocol(offered);
    if (subprotocol != null) {
      if (!offered.contains(subprotocol)) {
        throw new IllegalStateException(
            "selectSubprotocol returned " + subprotocol + ", which the client did not offer");
      }
      selectedSubprotocol = subprotocol;
      setHeader("Sec-WebSocket-Protocol", subprotocol);
    }
    CompressionOptions compression = getCompressionOptions();
    DeflateAgreement agreement =
        PerMessageDeflate.negotiateAsServer(
            headers.getJoined("Sec-WebSocket-Extensions"), compression);
    if (agreement != null) {
      setHeader("Sec-WebSocket-Extensions", agreement.toHeaderValue());
    }
    clearHeader("Content-Type");
    setStatus(101);
    check.responseHeaders().forEach(this::setHeader);
    stream = detach();
    Duration interval = pingInterval();
    Duration timeout = pingTimeout();
    if (timeout == null && interval != null) {
      timeout = interval.multipliedBy(3);
    }
    int maxMessageSize = maxMessageSize();
    if (maxMessageSize <= 0) {
      throw new IllegalStateException(
          getClass().getName() + ".maxMessageSize() must be positive: " + maxMessageSize);
    }
    WebSocketProtocol.Params params =
        new WebSocketProtocol.Params(maxMessageSize, interval, timeout, closeTimeout());
    if (BLOCKING.get(getClass())) {
      serial = new SerialExecutor("squall-websocket-" + getClass().getSimpleName());
    }
    ws =
        new WebSocketProtocol(
            Role.SERVER,
            stream,
            params,
            agreement,
            agreement == null ? 0 : compression.compressionLevel(),
            new Delegate());
    shutdownRegistration = application().onShutdown(this::goAway);
    runOpen(pathArgs);
  }

  /** Graceful shutdown: closes with 1001 on the connection's loop; completes once closed. */
  private CompletableFuture<Void> goAway() {
    try {
      loop()
          .addCallback(
              () -> {
                if (!isClosing()) {
                  close(CloseCode.GOING_AWAY, "server shutting down");
                }
              });
    } catch (LoopClosedException gone) {
      closed.complete(null); // the loop took the connection with it
    }
    return closed;
  }

  private void refuse(int status, String message, Map<String, String> extraHeaders) {
    log.debug("WebSocket upgrade refused with {}: {} ({})", status, message, summaryLine());
    setStatus(status);
    extraHeaders.forEach(this::setHeader);
    setHeader("Content-Type", "text/plain; charset=UTF-8");
    finish(message);
  }

  private String summaryLine() {
    return request().method() + " " + request().uri() + " (" + request().remoteIp() + ")";
  }

  /** How long a local close waits for the peer's Close frame before dropping the connection. */
  Duration closeTimeout() {
    return WebSocketProtocol.DEFAULT_CLOSE_TIMEOUT;
  }

  private void runOpen(String[] pathArgs) {
    WebSocketProtocol protocol = ws;
    CompletableFuture<?> opened;
    if (serial != null) {
      opened =
          serial.submit(
              () -> {
                CompletionStage<?> stage = open(pathArgs);
                if (stage != null) {
                  stage.toCompletableFuture().join();
                }
              });
    } else {
      try {
        CompletionStage<?> stage = open(pathArgs);
        opened = stage == null ? null : stage.toCompletableFuture();
      } catch (Throwable e) {
        callbackFailed(e);
        protocol.start();
        return;
      }
    }
    if (opened == null || (opened.isDone() && !opened.isCompletedExceptionally())) {
      protocol.start();
      return;
    }
    IOLoop loop = protocol.loop();
    opened.whenComplete(
        (v, e) ->
            loop.addCallback(
                () -> {
                  if (e != null) {
                    callbackFailed(e);
                  }
                  protocol.start(); // after a failure only to read the peer's answer to the Close
                }));
  }

  private void callbackFailed(Throwable e) {
    logException(Futures.unwrap(e));
    WebSocketProtocol protocol = ws;
    if (protocol != null) {
      protocol.close(CloseCode.INTERNAL_ERROR, null);
    }
  }

  /** Adapts the connection's events to the handler's methods, on the loop or the serial thread. */
  private final class Delegate implements WebSocketProtocol.Delegate {
    @Override
    public CompletionStage<?> onText(String message) {
      return call(() -> onMessage(message));
    }

    @Override
    public CompletionStage<?> onBinary(byte[] message) {
      return call(() -> onMessage(message));
    }

    @Override
    public void onPing(byte[] payload) {
      call(() -> WebSocketHandler.this.onPing(payload));
    }

    @Override
    public void onPong(byte[] payload) {
      call(() -> WebSocketHandler.this.onPong(payload));
    }

    @Override
    public void onClosed(int code, String reason) {
      Runnable registration = shutdownRegistration;
      if (registration != null) {
        registration.run();
      }
      closed.complete(null);
      onWsConnectionClose(code, reason);
    }

    private CompletableFuture<Void> call(Runnable method) {
      Runnable guarded =
          () -> {
            try {
              method.run();
            } catch (Throwable e) {
              callbackFailed(e);
            }
          };
      if (serial != null) {
        return serial.submit(guarded);
      }
      guarded.run();
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Overridable hooks

  /**
   * The largest message this handler accepts, in bytes (Tornado's {@code max_message_size}); a
   * bigger one closes the connection with 1009. Defaults to the {@code websocketMaxMessageSize}
   * setting; override to give one route its own limit.
   *
   * @return the limit, positive
   */
  public int maxMessageSize() {
    return settings().websocketMaxMessageSize();
  }

  /**
   * How often to ping the client (Tornado's {@code ping_interval}), or null for no pings. Defaults
   * to the {@code websocketPingInterval} setting.
   *
   * @return the interval or null
   */
  public Duration pingInterval() {
    return settings().websocketPingInterval();
  }

  /**
   * How long a ping may go unanswered before the connection is closed (Tornado's {@code
   * ping_timeout}); null means three ping intervals. Defaults to the {@code websocketPingTimeout}
   * setting.
   *
   * @return the timeout or null
   */
  public Duration pingTimeout() {
    return settings().websocketPingTimeout();
  }

  /**
   * Called when the connection is open (Tornado's {@code open}), with the route's groups. Messages
   * are not delivered until the returned stage completes.
   *
   * @param pathArgs the route's groups, URL-decoded
   * @return null, or a stage that holds back messages until it completes; if it fails the
   *     connection is closed with 1011
   */
  public CompletionStage<?> open(String... pathArgs) {
    return null;
  }

  /**
   * Called for each text message. The default closes the connection with 1003 (unsupported data):
   * override it to accept text.
   *
   * @param message the message, valid UTF-8 decoded
   */
  public void onMessage(String message) {
    close(CloseCode.UNSUPPORTED_DATA, "text messages are not accepted");
  }

  /**
   * Called for each binary message. The default closes the connection with 1003 (unsupported data):
   * override it to accept binary messages.
   *
   * @param message the message; the array belongs to the handler
   */
  public void onMessage(byte[] message) {
    close(CloseCode.UNSUPPORTED_DATA, "binary messages are not accepted");
  }

  /**
   * Called for a Ping from the peer, after the Pong was sent.
   *
   * @param data the ping's payload
   */
  public void onPing(byte[] data) {}

  /**
   * Called for a Pong, the answer to a {@link #ping} or to the periodic pings.
   *
   * @param data the pong's payload
   */
  public void onPong(byte[] data) {}

  /**
   * Called once when the connection has closed, cleanly or not; {@link #closeCode()} and {@link
   * #closeReason()} say how.
   */
  public void onClose() {}

  /**
   * The WebSocket connection ended (Tornado's {@code on_ws_connection_close}): records how, for
   * {@link #closeCode()} and {@link #closeReason()}, then calls {@link #onConnectionClose()}. Runs
   * on the loop, once.
   *
   * @param code the close code (see {@link #closeCode()})
   * @param reason the close reason (see {@link #closeReason()})
   */
  protected void onWsConnectionClose(int code, String reason) {
    closeCode = code;
    closeReason = reason;
    onConnectionClose();
  }

  /**
   * The connection closed (Tornado's {@code on_connection_close}): once the handshake is done, runs
   * {@link #onClose()} once, on the serial thread for a {@link io.squall.web.Blocking} class.
   * Before the handshake it is the plain HTTP notice of {@link RequestHandler}. Override {@link
   * #onClose()} instead.
   */
  @Override
  public void onConnectionClose() {
    if (ws == null || onCloseCalled) {
      return;
    }
    onCloseCalled = true;
    Runnable task =
        () -> {
          try {
            onClose();
          } catch (Throwable e) {
            logException(e);
          }
        };
    if (serial != null) {
      serial.submit(task);
    } else {
      task.run();
    }
  }

  /**
   * Chooses a subprotocol from those the client offered in {@code Sec-WebSocket-Protocol}, or none.
   * Called once per handshake, even when the client offered none. Returning null does not refuse
   * the connection; the client may close it if it needs one.
   *
   * @param subprotocols the offered subprotocols in the client's order, possibly empty
   * @return one of {@code subprotocols}, or null (the default)
   */
  public String selectSubprotocol(List<String> subprotocols) {
    return null;
  }

  /**
   * Whether to accept a connection from a page of {@code origin} (the request's {@code Origin}
   * header). Not called when the request has no {@code Origin}: such clients are not browsers and
   * are always accepted.
   *
   * <p>The default accepts only the same origin: the host and port of {@code origin} must equal the
   * request's {@code Host} header (ignoring case). This protects cookie-authenticated connections
   * from other sites' pages (cross-site WebSocket hijacking); override with care, for example to
   * allow your own subdomains.
   *
   * @param origin the {@code Origin} header value, e.g. {@code https://example.com}
   * @return true to accept, false to answer 403
   */
  public boolean checkOrigin(String origin) {
    String host = request().headers().get("Host");
    if (host == null) {
      return false;
    }
    String authority;
    try {
      authority = URI.create(origin.strip()).getRawAuthority();
    } catch (IllegalArgumentException e) {
      return false;
    }
    return authority != null
        && authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Settings for permessage-deflate compression (RFC 7692), or null (the default) for no
   * compression. When the client offers the extension and this returns options, messages in both
   * directions are compressed.
   *
   * @return the options, or null
   */
  public CompressionOptions getCompressionOptions() {
    return null;
  }

  // ------------------------------------------------------------------------------------------
  // Sending and closing

  /**
   * Sends a text message. Safe from any thread.
   *
   * @param message the text
   * @return completes when the frame has been handed to the socket, so a producer can wait before
   *     sending more; fails with {@link WebSocketClosedException} if the connection is closing or
   *     closed
   */
  public final CompletableFuture<Void> writeMessage(String message) {
    WebSocketProtocol protocol = ws;
    if (protocol == null) {
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    return protocol.sendText(message);
  }

  /**
   * Sends a binary message. Safe from any thread. The array is not copied: do not change it until
   * the returned future completes.
   *
   * @param message the bytes
   * @return as for {@link #writeMessage(String)}
   */
  public final CompletableFuture<Void> writeMessage(byte[] message) {
    WebSocketProtocol protocol = ws;
    if (protocol == null) {
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    return protocol.sendBinary(message);
  }

  /**
   * Sends {@code value} as a text message of JSON (Jackson); a {@code String} or {@code byte[]} is
   * sent as it is, as text or binary. Safe from any thread.
   *
   * @param value the value to encode
   * @return as for {@link #writeMessage(String)}
   * @throws IllegalArgumentException if the value cannot be written as JSON
   */
  public final CompletableFuture<Void> writeMessage(Object value) {
    if (value instanceof String s) {
      return writeMessage(s);
    }
    if (value instanceof byte[] b) {
      return writeMessage(b);
    }
    String json;
    try {
      json = Json.mapper().writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot write value as JSON: " + e.getOriginalMessage(), e);
    }
    return writeMessage(json);
  }

  /**
   * Sends a Ping with an empty payload. Prefer the {@code websocketPingInterval} setting for
   * keep-alive.
   *
   * @return as for {@link #writeMessage(String)}
   */
  public final CompletableFuture<Void> ping() {
    return ping(new byte[0]);
  }

  /**
   * Sends a Ping; the peer answers with a Pong carrying the same data ({@link #onPong}).
   *
   * @param data at most 125 bytes
   * @return as for {@link #writeMessage(String)}
   * @throws IllegalArgumentException if {@code data} is longer than 125 bytes
   */
  public final CompletableFuture<Void> ping(byte[] data) {
    WebSocketProtocol protocol = ws;
    if (protocol == null) {
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    return protocol.ping(data);
  }

  /** Closes the connection with 1000 (normal closure). */
  public final void close() {
    close(CloseCode.NORMAL_CLOSURE, null);
  }

  /**
   * Closes the connection with {@code code}.
   *
   * @param code a code from {@link CloseCode} valid on the wire, or one of 3000-4999
   */
  public final void close(int code) {
    close(code, null);
  }

  /**
   * Starts the closing handshake: sends a Close frame with {@code code} and {@code reason}, then
   * waits up to 5 seconds for the peer's Close before dropping the connection. Does nothing when
   * the connection is already closing, or was never opened. Safe from any thread.
   *
   * @param code a code from {@link CloseCode} valid on the wire, or one of 3000-4999
   * @param reason a short reason, or null; cut to 123 UTF-8 bytes
   * @throws IllegalArgumentException if the code may not be sent ({@link CloseCode#isValidOnWire})
   */
  public final void close(int code, String reason) {
    if (!CloseCode.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code may not be sent: " + code);
    }
    WebSocketProtocol protocol = ws;
    if (protocol != null) {
      protocol.close(code, reason);
    }
  }

  /**
   * Turns Nagle's algorithm off (true) or on for this connection: with it off, small messages leave
   * at once instead of possibly waiting for the peer's acknowledgement. Call on the loop after the
   * handshake, e.g. in {@link #open}.
   *
   * @param noDelay true to send small messages without delay
   */
  public final void setNoDelay(boolean noDelay) {
    if (stream != null) {
      stream.setNoDelay(noDelay);
    }
  }

  // ------------------------------------------------------------------------------------------
  // State

  /**
   * The subprotocol {@link #selectSubprotocol} chose, or null.
   *
   * @return the subprotocol or null
   */
  public final String selectedSubprotocol() {
    return selectedSubprotocol;
  }

  /**
   * How the connection closed, set before {@link #onClose} runs: the code of the peer's Close
   * frame, {@link CloseCode#NO_STATUS_RECEIVED} (1005) when its Close frame had no code, {@link
   * CloseCode#ABNORMAL_CLOSURE} (1006) when the connection ended without a Close frame from the
   * peer; 0 while the connection is open.
   *
   * @return the close code
   */
  public final int closeCode() {
    return closeCode;
  }

  /**
   * The reason in the peer's Close frame; empty when it gave none, null while the connection is
   * open.
   *
   * @return the close reason
   */
  public final String closeReason() {
    return closeReason;
  }

  /**
   * Whether the connection is closing or closed: a Close frame was sent or received, or the TCP
   * connection ended. Messages can no longer be sent then.
   *
   * @return true once closing
   */
  public final boolean isClosing() {
    WebSocketProtocol protocol = ws;
    return protocol == null || protocol.isClosing();
  }
}
