package io.squall.websocket;

import io.squall.http.HttpHeaders;
import io.squall.ioloop.IOLoop;
import io.squall.iostream.BaseIOStream;
import io.squall.websocket.internal.DeflateAgreement;
import io.squall.websocket.internal.Role;
import io.squall.websocket.internal.WebSocketProtocol;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of a WebSocket connection, made by {@link WebSocketClient#connect} (Tornado's
 * {@code WebSocketClientConnection}).
 *
 * <p>Receive messages in one of two ways, not both:
 *
 * <ul>
 *   <li>{@link #readMessage()}: a future of the next message, or of null once the connection has
 *       closed. At most one received message waits to be read; while it waits, nothing more is read
 *       from the server, so a slow reader slows the server down rather than buffering.
 *   <li>{@link #onMessage(Consumer)}: a callback for every message, run on the connection's loop.
 * </ul>
 *
 * <p>Everything runs on the loop the connection was made on. {@link #writeMessage}, {@link #ping},
 * {@link #close}, {@link #readMessage} and {@link #onMessage} may be called from any thread; the
 * futures they return complete on the loop. Client frames are masked (RFC 6455 section 5.3).
 */
public final class WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);

  private final IOLoop loop;
  private final WebSocketProtocol protocol;
  private final String selectedSubprotocol;
  private final HttpHeaders responseHeaders;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  // Loop thread only.
  private final ArrayDeque<WebSocketMessage> received = new ArrayDeque<>(2);
  private final ArrayDeque<CompletableFuture<WebSocketMessage>> readers = new ArrayDeque<>(2);
  private CompletableFuture<Void> taken; // completes when the waiting message was read
  private Consumer<WebSocketMessage> callback;

  private volatile boolean readUsed;
  private volatile boolean callbackSet;
  private volatile int closeCode;
  private volatile String closeReason;

  WebSocketConnection(
      BaseIOStream stream,
      WebSocketProtocol.Params params,
      DeflateAgreement agreement,
      int compressionLevel,
      String selectedSubprotocol,
      HttpHeaders responseHeaders) {
    this.loop = stream.ioLoop();
    this.selectedSubprotocol = selectedSubprotocol;
    this.responseHeaders = responseHeaders;
    this.protocol =
        new WebSocketProtocol(
            Role.CLIENT, stream, params, agreement, compressionLevel, new Delegate());
  }

  void start() {
    protocol.start();
  }

  // ------------------------------------------------------------------------------------------
  // Receiving

  /**
   * The next message from the server, or null once the connection has closed and every message
   * received before was read. Several calls may wait at once; they get messages in order.
   *
   * @return a future of the message, or of null after the close
   * @throws IllegalStateException if {@link #onMessage(Consumer)} was set
   */
  public CompletableFuture<WebSocketMessage> readMessage() {
    if (callbackSet) {
      throw new IllegalStateException("readMessage() cannot be used with an onMessage callback");
    }
    readUsed = true;
    if (loop.inLoopThread()) {
      return readOnLoop();
    }
    if (loop.isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<WebSocketMessage> result = new CompletableFuture<>();
    loop.addCallback(
        () ->
            readOnLoop()
                .whenComplete(
                    (m, e) -> {
                      if (e != null) {
                        result.completeExceptionally(e);
                      } else {
                        result.complete(m);
                      }
                    }));
    return result;
  }

  private CompletableFuture<WebSocketMessage> readOnLoop() {
    WebSocketMessage m = received.poll();
    if (m != null) {
      if (received.isEmpty()) {
        releaseReading();
      }
      return CompletableFuture.completedFuture(m);
    }
    if (closed.isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<WebSocketMessage> f = new CompletableFuture<>();
    readers.add(f);
    return f;
  }

  private void releaseReading() {
    CompletableFuture<Void> t = taken;
    taken = null;
    if (t != null) {
      t.complete(null);
    }
  }

  /**
   * Delivers every message to {@code callback}, on the connection's loop, instead of {@link
   * #readMessage()}; messages that arrived before are delivered first. A callback that throws is
   * logged and the connection is closed with 1011. The end of the connection is not a message:
   * watch {@link #closeFuture()} for it.
   *
   * @param callback receives each message
   * @throws IllegalStateException if {@link #readMessage()} was used or a callback is already set
   */
  public void onMessage(Consumer<WebSocketMessage> callback) {
    Objects.requireNonNull(callback, "callback");
    if (readUsed) {
      throw new IllegalStateException("onMessage() cannot be used after readMessage()");
    }
    if (callbackSet) {
      throw new IllegalStateException("an onMessage callback is already set");
    }
    callbackSet = true;
    Runnable install =
        () -> {
          this.callback = callback;
          WebSocketMessage m;
          while ((m = received.poll()) != null) {
            deliver(m);
          }
          releaseReading();
        };
    if (loop.inLoopThread()) {
      install.run();
    } else {
      loop.addCallback(install);
    }
  }

  private void deliver(WebSocketMessage m) {
    try {
      callback.accept(m);
    } catch (Throwable e) {
      log.error("Uncaught exception in WebSocket onMessage callback", e);
      protocol.close(CloseCode.INTERNAL_ERROR, null);
    }
  }

  private final class Delegate implements WebSocketProtocol.Delegate {
    @Override
    public CompletionStage<?> onText(String message) {
      return accept(WebSocketMessage.text(message));
    }

    @Override
    public CompletionStage<?> onBinary(byte[] message) {
      return accept(WebSocketMessage.binary(message));
    }

    private CompletionStage<?> accept(WebSocketMessage m) {
      if (callback != null) {
        deliver(m);
        return null;
      }
      CompletableFuture<WebSocketMessage> reader = readers.poll();
      if (reader != null) {
        reader.complete(m);
        return null;
      }
      received.add(m);
      if (taken == null) {
        taken = new CompletableFuture<>();
      }
      return taken; // read no more until this one is taken
    }

    @Override
    public void onPing(byte[] payload) {}

    @Override
    public void onPong(byte[] payload) {}

    @Override
    public void onClosed(int code, String reason) {
      closeCode = code;
      closeReason = reason;
      closed.complete(null);
      CompletableFuture<WebSocketMessage> r;
      while ((r = readers.poll()) != null) {
        r.complete(null);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Sending and closing

  /**
   * Sends a text message.
   *
   * @param message the text
   * @return completes when the frame has been handed to the socket; fails with {@link
   *     WebSocketClosedException} if the connection is closing or closed
   */
  public CompletableFuture<Void> writeMessage(String message) {
    return protocol.sendText(message);
  }

  /**
   * Sends a binary message. Do not change the array until the returned future completes.
   *
   * @param message the bytes
   * @return as for {@link #writeMessage(String)}
   */
  public CompletableFuture<Void> writeMessage(byte[] message) {
    return protocol.sendBinary(message);
  }

  /**
   * Sends a Ping with an empty payload.
   *
   * @return as for {@link #writeMessage(String)}
   */
  public CompletableFuture<Void> ping() {
    return ping(new byte[0]);
  }

  /**
   * Sends a Ping.
   *
   * @param data at most 125 bytes
   * @return as for {@link #writeMessage(String)}
   * @throws IllegalArgumentException if {@code data} is longer than 125 bytes
   */
  public CompletableFuture<Void> ping(byte[] data) {
    return protocol.ping(data);
  }

  /** Closes with 1000 (normal closure). */
  public void close() {
    close(CloseCode.NORMAL_CLOSURE, null);
  }

  /**
   * Starts the closing handshake: sends a Close frame, then waits for the server's (at most the
   * {@linkplain WebSocketClientOptions#closeTimeout() close timeout}) before dropping the
   * connection. Does nothing when already closing. {@link #closeFuture()} completes at the end.
   *
   * @param code a code valid on the wire ({@link CloseCode#isValidOnWire})
   * @param reason a short reason, or null; cut to 123 UTF-8 bytes
   * @throws IllegalArgumentException if the code may not be sent
   */
  public void close(int code, String reason) {
    if (!CloseCode.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code may not be sent: " + code);
    }
    protocol.close(code, reason);
  }

  // ------------------------------------------------------------------------------------------
  // State

  /**
   * Completes, on the loop, when the connection has closed; {@link #closeCode()} is set by then.
   *
   * @return a new future each call
   */
  public CompletableFuture<Void> closeFuture() {
    return closed.copy();
  }

  /**
   * Whether the connection is closing or closed: a Close frame was sent or received, or the TCP
   * connection ended.
   *
   * @return true once closing
   */
  public boolean isClosing() {
    return protocol.isClosing();
  }

  /**
   * How the connection closed: the code of the server's Close frame, {@link
   * CloseCode#NO_STATUS_RECEIVED} (1005) when it had none, {@link CloseCode#ABNORMAL_CLOSURE}
   * (1006) when the connection ended without one; 0 while open.
   *
   * @return the close code
   */
  public int closeCode() {
    return closeCode;
  }

  /**
   * The reason in the server's Close frame, empty when it gave none; null while open.
   *
   * @return the reason
   */
  public String closeReason() {
    return closeReason;
  }

  /**
   * The subprotocol the server selected from those offered, or null.
   *
   * @return the subprotocol or null
   */
  public String selectedSubprotocol() {
    return selectedSubprotocol;
  }

  /**
   * The headers of the server's 101 response.
   *
   * @return the headers (do not modify)
   */
  public HttpHeaders responseHeaders() {
    return responseHeaders;
  }

  /**
   * The loop the connection runs on.
   *
   * @return the loop
   */
  public IOLoop loop() {
    return loop;
  }
}
