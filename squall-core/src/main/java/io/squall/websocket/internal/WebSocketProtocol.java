package io.squall.websocket.internal;

import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.BaseIOStream;
import io.squall.websocket.CloseCode;
import io.squall.websocket.WebSocketClosedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after its opening handshake, for either end (Tornado's {@code
 * WebSocketProtocol13}): reads frames from the stream into a {@link FrameParser}, hands messages
 * and control frames to a {@link Delegate}, answers pings, runs the closing handshake, sends
 * periodic pings and closes peers that stop answering them.
 *
 * <p>Everything runs on the stream's loop. {@link #sendText}, {@link #sendBinary}, {@link #ping}
 * and {@link #close} may be called from any thread: off the loop they hand the call over with
 * {@link IOLoop#addCallback} (calls from one thread keep their order), and the returned futures
 * complete on the loop.
 *
 * <p>Back-pressure: a delegate that returns an incomplete stage from {@link Delegate#onText} or
 * {@link Delegate#onBinary} stops the reading until the stage completes, so a slow consumer holds
 * at most one read chunk in memory.
 *
 * <p>Closing: a received Close frame is echoed with its code, then the TCP connection is closed
 * once the echo is written. A local {@link #close} sends a Close frame and waits for the peer's
 * answer at most {@code closeTimeout}. A protocol violation sends a Close frame with the
 * violation's code (1002, 1007, 1009) and closes the TCP connection once it is written. After a
 * Close frame was sent, no more messages may be sent; messages that still arrive are delivered, but
 * no longer hold back reading, so that the peer's Close frame is read. When the stream has closed,
 * {@link Delegate#onClosed} runs once.
 *
 * <p>Output is bounded by the stream's {@link
 * io.squall.iostream.IOStreamOptions#maxWriteBufferSize()}: a message that would pass it (a peer
 * that stopped reading) is refused with {@link WebSocketClosedException}, and the connection is
 * failed with 1008 (policy violation), logged once; the Close frame goes out after what is queued,
 * and the TCP connection closes once it went or at the close timeout.
 */
public final class WebSocketProtocol implements FrameListener {
  private static final Logger log = LoggerFactory.getLogger(WebSocketProtocol.class);

  /** How much one read takes from the stream at most. */
  static final int READ_CHUNK = 64 * 1024;

  /** How long a local close waits for the peer's Close frame by default: 5 s, as Tornado. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private static final byte[] EMPTY = new byte[0];

  /** The largest Close frame: header, mask key, code and a reason of 123 bytes. */
  private static final int CLOSE_FRAME_ROOM = 2 + 4 + 125;

  /** Receives what the connection reads. Methods run on the loop. */
  public interface Delegate {
    /**
     * A text message.
     *
     * @return null when it was handled, else a stage that holds back the next message until it
     *     completes
     */
    CompletionStage<?> onText(String message);

    /**
     * A binary message; the array belongs to the delegate.
     *
     * @return null when it was handled, else a stage that holds back the next message until it
     *     completes
     */
    CompletionStage<?> onBinary(byte[] message);

    /** A Ping frame (already answered with a Pong). */
    void onPing(byte[] payload);

    /** A Pong frame. */
    void onPong(byte[] payload);

    /**
     * The connection closed; called once.
     *
     * @param code the code of the peer's Close frame, {@link CloseCode#NO_STATUS_RECEIVED} when it
     *     had none, {@link CloseCode#ABNORMAL_CLOSURE} when no Close frame came
     * @param reason the reason from the peer's Close frame, empty when there was none
     */
    void onClosed(int code, String reason);
  }

  /**
   * Connection settings.
   *
   * @param maxMessageSize largest data message accepted, in bytes
   * @param pingInterval how often to ping the peer; null or zero for never
   * @param pingTimeout how long a ping may stay unanswered before the connection is closed; null or
   *     zero for no limit
   * @param closeTimeout how long a local close waits for the peer's Close frame
   */
  public record Params(
      int maxMessageSize, Duration pingInterval, Duration pingTimeout, Duration closeTimeout) {}

  private final BaseIOStream stream;
  private final IOLoop loop;
  private final FrameParser parser;
  private final FrameWriter writer;
  private final MessageCompressor compressor;
  private final MessageDecompressor decompressor;
  private final Delegate delegate;
  private final long pingIntervalNanos;
  private final long pingTimeoutNanos;
  private final Duration closeTimeout;

  private ByteBuffer pending;
  private boolean reading;
  private boolean paused;
  private boolean started;
  private boolean closeSent;
  private boolean closeReceived;
  private boolean closedNotified;
  private int closeCode = CloseCode.ABNORMAL_CLOSURE;
  private String closeReason = "";
  private Timeout closeTimer;
  private CompletableFuture<Void> closeWrite; // our Close frame's write
  private Timeout pingTimer;
  private long pingSentAt = -1; // loop time of the unanswered ping, -1 when none
  private long lastPingAt;

  /**
   * Takes over {@code stream}, which must be open or closed already (then the delegate hears of it
   * at once). Nothing is read until {@link #start()}. Call on the stream's loop.
   *
   * @param role which end this is (decides masking)
   * @param stream the connection, after the handshake
   * @param params limits and timers
   * @param agreement the permessage-deflate agreement, or null for none
   * @param compressionLevel the deflate level used when {@code agreement} is not null
   * @param delegate receives messages and the close
   */
  public WebSocketProtocol(
      Role role,
      BaseIOStream stream,
      Params params,
      DeflateAgreement agreement,
      int compressionLevel,
      Delegate delegate) {
    this.stream = stream;
    this.loop = stream.ioLoop();
    this.delegate = delegate;
    if (agreement != null) {
      this.compressor = agreement.newCompressor(role, compressionLevel);
      this.decompressor = agreement.newDecompressor(role);
    } else {
      this.compressor = null;
      this.decompressor = null;
    }
    this.parser = new FrameParser(role, params.maxMessageSize(), decompressor, this);
    this.writer = new FrameWriter(role, compressor, 0);
    this.pingIntervalNanos = nanos(params.pingInterval());
    this.pingTimeoutNanos = nanos(params.pingTimeout());
    this.closeTimeout =
        params.closeTimeout() == null ? DEFAULT_CLOSE_TIMEOUT : params.closeTimeout();
    stream.setCloseCallback(this::onStreamClosed);
  }

  private static long nanos(Duration d) {
    return d == null || d.isNegative() ? 0 : d.toNanos();
  }

  /** The loop the connection runs on. */
  public IOLoop loop() {
    return loop;
  }

  /** Starts reading messages and, if configured, pinging. Call once, on the loop. */
  public void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    startPinging();
    pump();
  }

  /** Whether a Close frame was sent or received, or the stream closed: nothing more may be sent. */
  public boolean isClosing() {
    return closeSent || closeReceived || stream.closed();
  }

  /** Whether the TCP connection has closed. */
  public boolean isClosed() {
    return stream.closed();
  }

  // ---------------------------------------------------------------- reading

  private void pump() {
    while (!paused && !stream.closed() && !parser.isCloseReceived() && !parser.isFailed()) {
      if (pending != null) {
        ByteBuffer in = pending;
        try {
          parser.feed(in);
        } catch (WebSocketProtocolException e) {
          pending = null;
          log.debug("WebSocket protocol error on {}: {}", stream, e.getMessage());
          fail(e.closeCode(), e.getMessage());
          return;
        } catch (RuntimeException e) {
          pending = null;
          log.error("Uncaught exception in WebSocket callback, closing {}", stream, e);
          fail(CloseCode.INTERNAL_ERROR, "internal error");
          return;
        }
        if (!in.hasRemaining()) {
          pending = null;
        }
        continue;
      }
      if (reading) {
        return;
      }
      CompletableFuture<byte[]> f = stream.readBytes(READ_CHUNK, true);
      if (f.isDone()) {
        if (f.isCompletedExceptionally()) {
          return; // the stream closed: its close callback reports it
        }
        pending = ByteBuffer.wrap(f.join());
        continue;
      }
      reading = true;
      f.whenComplete(
          (bytes, error) -> {
            reading = false;
            if (error == null) {
              pending = ByteBuffer.wrap(bytes);
              pump();
            }
          });
      return;
    }
  }

  /**
   * Holds back reading until {@code stage} completes; not once our Close frame was sent, since the
   * peer's Close must still be read (messages before it are delivered; the close timer bounds
   * them).
   */
  private void deliver(CompletionStage<?> stage) {
    if (stage == null || closeSent) {
      return;
    }
    CompletableFuture<?> f = stage.toCompletableFuture();
    if (f.isDone()) {
      return;
    }
    paused = true;
    parser.pause();
    f.whenComplete((v, e) -> loop.addCallback(this::resume));
  }

  private void resume() {
    paused = false;
    pump();
  }

  @Override
  public void onText(String message) {
    deliver(delegate.onText(message));
  }

  @Override
  public void onBinary(byte[] message) {
    deliver(delegate.onBinary(message));
  }

  @Override
  public void onPing(byte[] payload) {
    if (!closeSent) {
      stream.write(writer.pong(payload));
    }
    delegate.onPing(payload);
  }

  @Override
  public void onPong(byte[] payload) {
    if (pingSentAt >= 0) {
      pingSentAt = -1;
      if (pingTimer != null && !closeSent) {
        pingTimer.cancel();
        schedulePing(lastPingAt + pingIntervalNanos);
      }
    }
    delegate.onPong(payload);
  }

  @Override
  public void onClose(int code, String reason) {
    closeReceived = true;
    closeCode = code;
    closeReason = reason;
    if (!closeSent) {
      closeSent = true;
      stopPinging();
      // Echo the code (RFC 6455 section 5.5.1); a Close without a code is echoed without one.
      closeWrite = stream.write(writer.close(code, null));
      closeAfter(closeWrite);
    } else {
      closeAfter(closeWrite); // the answer to our Close: done once ours is out
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Sends a text message.
   *
   * @return completes when the frame was handed to the kernel; fails with {@link
   *     WebSocketClosedException} if the connection is closing or closes first
   */
  public CompletableFuture<Void> sendText(String message) {
    return onLoop(() -> send(() -> writer.text(message)));
  }

  /** Sends a binary message; the array must not change until the returned future completes. */
  public CompletableFuture<Void> sendBinary(byte[] message) {
    return onLoop(() -> send(() -> writer.binary(message)));
  }

  /**
   * Sends a Ping.
   *
   * @throws IllegalArgumentException if the payload is over 125 bytes
   */
  public CompletableFuture<Void> ping(byte[] payload) {
    if (payload.length > Opcode.MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("ping payload over 125 bytes: " + payload.length);
    }
    return onLoop(() -> send(() -> writer.ping(payload)));
  }

  /**
   * Starts the closing handshake: sends a Close frame, then waits for the peer's (at most the close
   * timeout) before closing the TCP connection. Does nothing if closing already.
   *
   * @param code a code valid on the wire, or {@link CloseCode#NO_STATUS_RECEIVED} for a Close frame
   *     without a code
   * @param reason the reason, or null; cut to 123 UTF-8 bytes
   * @throws IllegalArgumentException if the code may not be sent
   */
  public void close(int code, String reason) {
    if (code != CloseCode.NO_STATUS_RECEIVED && !CloseCode.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code may not be sent: " + code);
    }
    onLoop(
        () -> {
          startClose(code, reason);
          return CompletableFuture.completedFuture(null);
        });
  }

  /** Closes the TCP connection at once, without a closing handshake. */
  public void abort() {
    onLoop(
        () -> {
          stream.close();
          return CompletableFuture.completedFuture(null);
        });
  }

  private void startClose(int code, String reason) {
    if (closeSent || stream.closed()) {
      return;
    }
    closeSent = true;
    stopPinging();
    closeWrite = stream.write(writer.close(code, reason));
    armCloseTimer();
    if (paused) {
      // Reading was held back (a client's last message not read yet): read on to the peer's Close
      // instead of dropping the connection at the close timeout.
      loop.addCallback(this::resume);
    }
  }

  /** Fails the connection: a Close frame with {@code code}, then the TCP close. */
  private void fail(int code, String reason) {
    if (stream.closed()) {
      return;
    }
    if (closeSent) {
      closeAfter(closeWrite);
      return;
    }
    closeSent = true;
    stopPinging();
    closeWrite = stream.write(writer.close(code, reason));
    closeAfter(closeWrite);
  }

  private void closeAfter(CompletableFuture<Void> write) {
    if (write == null) {
      stream.close();
      return;
    }
    armCloseTimer(); // in case the peer reads nothing and the write never drains
    write.whenComplete((v, e) -> stream.close());
  }

  private void armCloseTimer() {
    if (closeTimer == null && !stream.closed()) {
      closeTimer = loop.callLater(closeTimeout, stream::close);
    }
  }

  private CompletableFuture<Void> send(Supplier<java.nio.ByteBuffer[]> frames) {
    if (closeSent || stream.closed()) {
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    ByteBuffer[] bufs = frames.get();
    if (wouldPassCap(bufs)) {
      log.warn(
          "closing WebSocket {} with {}: the peer is not reading ({} bytes queued, limit {})",
          stream,
          CloseCode.POLICY_VIOLATION,
          stream.writeBufferSize(),
          stream.options().maxWriteBufferSize());
      fail(CloseCode.POLICY_VIOLATION, "not reading: too much output queued");
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    CompletableFuture<Void> f = stream.write(bufs);
    if (f.isDone() && !f.isCompletedExceptionally()) {
      return f;
    }
    return f.exceptionallyCompose(
        e -> CompletableFuture.failedFuture(new WebSocketClosedException(Futures.unwrap(e))));
  }

  /**
   * Whether queuing {@code frames} would leave too little room under the stream's cap on queued
   * output for a Close frame: the peer is not reading, and the connection is closed with 1008
   * before the stream would refuse the write and drop it without one.
   */
  private boolean wouldPassCap(ByteBuffer[] frames) {
    if (!stream.options().writeBufferLimited()) {
      return false;
    }
    long queued = stream.writeBufferSize();
    if (queued == 0) {
      return false; // a write into an empty queue is always taken
    }
    long size = 0;
    for (ByteBuffer b : frames) {
      size += b.remaining();
    }
    return queued + size + CLOSE_FRAME_ROOM > stream.options().maxWriteBufferSize();
  }

  private CompletableFuture<Void> onLoop(Supplier<CompletableFuture<Void>> action) {
    if (loop.inLoopThread()) {
      return action.get();
    }
    if (loop.isClosed()) {
      return CompletableFuture.failedFuture(new WebSocketClosedException());
    }
    return Futures.onLoop(loop, action);
  }

  // ---------------------------------------------------------------- pings

  private void startPinging() {
    if (pingIntervalNanos > 0) {
      lastPingAt = loop.time();
      schedulePing(lastPingAt + pingIntervalNanos);
    }
  }

  private void schedulePing(long deadline) {
    pingTimer = loop.callAt(deadline, this::pingTick);
  }

  private void stopPinging() {
    if (pingTimer != null) {
      pingTimer.cancel();
      pingTimer = null;
    }
  }

  private void pingTick() {
    pingTimer = null;
    if (closeSent || stream.closed()) {
      return;
    }
    long now = loop.time();
    if (pingSentAt >= 0 && pingTimeoutNanos > 0 && now - pingSentAt >= pingTimeoutNanos) {
      log.debug("WebSocket ping timed out, closing {}", stream);
      // The peer is likely gone: close without waiting for an answer to the Close frame.
      fail(CloseCode.NORMAL_CLOSURE, "ping timed out");
      return;
    }
    if (pingSentAt < 0 && now - lastPingAt >= pingIntervalNanos) {
      stream.write(writer.ping(EMPTY));
      lastPingAt = now;
      if (pingTimeoutNanos > 0) {
        pingSentAt = now;
      }
    }
    long next = pingSentAt >= 0 ? pingSentAt + pingTimeoutNanos : lastPingAt + pingIntervalNanos;
    schedulePing(next);
  }

  // ---------------------------------------------------------------- the end

  private void onStreamClosed() {
    if (closedNotified) {
      return;
    }
    closedNotified = true;
    stopPinging();
    if (closeTimer != null) {
      closeTimer.cancel();
      closeTimer = null;
    }
    pending = null;
    if (compressor != null) {
      compressor.close();
    }
    if (decompressor != null) {
      decompressor.close();
    }
    int code = closeReceived ? closeCode : CloseCode.ABNORMAL_CLOSURE;
    String reason = closeReceived ? closeReason : "";
    try {
      delegate.onClosed(code, reason);
    } catch (RuntimeException e) {
      log.error("Uncaught exception in WebSocket close callback of {}", stream, e);
    }
  }
}
