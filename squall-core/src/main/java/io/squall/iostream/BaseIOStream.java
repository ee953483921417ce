package io.squall.iostream;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.internal.ScratchBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A buffered, non-blocking byte stream on an {@link IOLoop} (Tornado's {@code BaseIOStream}): the
 * read buffer, the pending read, the write queue and the closing rules. Subclasses supply the
 * transport: {@link IOStream} a plain socket, a TLS stream an {@code SSLEngine} over one.
 *
 * <h2>Threading</h2>
 *
 * A stream belongs to one loop. Call every method on that loop's thread (or before the loop
 * starts); from other threads hand the call over with {@link IOLoop#addCallback}. Futures returned
 * by the stream complete on the loop thread.
 *
 * <h2>Reads</h2>
 *
 * At most one read may be pending; starting another throws {@link IllegalStateException}. A read
 * that the buffered bytes already satisfy completes before the read method returns; if it is
 * started from inside the completion of another read of this stream, it completes right after that
 * completion returns, in the same loop iteration (so a pipeline of buffered messages never deepens
 * the stack). Otherwise the stream reads from the socket as the loop reports it readable. The read
 * buffer never holds more than {@link IOStreamOptions#maxBufferSize()} bytes; a read that cannot be
 * satisfied within it fails with {@link StreamBufferFullError}. While no read is pending the stream
 * takes at most one chunk from the socket (so that it notices the peer closing) and then stops
 * reading, so a fast sender cannot make it buffer without bound.
 *
 * <h2>Writes and back-pressure</h2>
 *
 * Writes are queued in order and sent with gathering writes; a write into an empty queue is tried
 * at once. A write's future completes once its bytes were handed to the kernel. The queue is not
 * bounded, so a producer that can outpace the peer should respect the write watermarks:
 *
 * <pre>{@code
 * void pump() {
 *   while (source.hasMore() && stream.isWritable()) {
 *     stream.write(source.next());
 *   }
 *   if (source.hasMore()) {
 *     stream.writable().thenRun(this::pump); // resumes once the queue drained to the low mark
 *   }
 * }
 * }</pre>
 *
 * With that pattern {@link #writeBufferSize()} never exceeds the high-water mark plus one write. A
 * producer that ignores the marks is stopped by {@link IOStreamOptions#maxWriteBufferSize()}: the
 * write that would pass it closes the stream with {@link StreamBufferFullError}. A peer that takes
 * none of the queued bytes for {@link IOStreamOptions#writeTimeout()} gets the stream closed with
 * {@link WriteTimeoutError}. Both are logged.
 *
 * <h2>Closing</h2>
 *
 * {@link #close()} (or the peer closing, or an I/O error) deregisters and closes the channel, fails
 * pending writes and {@link #writable()} with {@link StreamClosedError}, and runs the {@linkplain
 * #setCloseCallback close callback} on a later loop iteration. A pending read that the buffered
 * bytes satisfy still completes; {@link #readUntilClose()} completes with everything buffered when
 * the peer closed cleanly or the stream was closed locally without a cause; any other pending read
 * fails with {@link StreamClosedError}, whose cause is {@link #error()}. Reads started after the
 * close are served from the buffer while it lasts.
 */
public abstract class BaseIOStream {
  private static final Logger log = LoggerFactory.getLogger(BaseIOStream.class);

  private final IOLoop loop;
  private final IOStreamOptions options;
  private final SelectionKey key;
  private int interestOps;
  private final StreamReader reader;
  private final StreamWriter writer;

  // life cycle
  private boolean closed;
  private Throwable error;
  private Runnable closeCallback;

  /**
   * Registers {@code channel} (connected, or otherwise ready for I/O) with {@code loop}. Call on
   * the loop thread or before the loop starts.
   */
  protected BaseIOStream(SelectableChannel channel, IOLoop loop, IOStreamOptions options) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new StreamReader(this, options);
    this.writer = new StreamWriter(this, options);
    this.interestOps = SelectionKey.OP_READ; // idle: notice the peer closing
    this.key = loop.addHandler(channel, interestOps, (ch, ops) -> handleEvents(ops));
  }

  // ---------------------------------------------------------------- transport (subclasses)

  /**
   * Reads available bytes into {@code dst} without blocking.
   *
   * @return the number of bytes read, 0 if none can be read until the channel is readable again, or
   *     -1 at end of stream
   */
  protected abstract int readFromTransport(ByteBuffer dst) throws IOException;

  /**
   * Writes from {@code srcs[offset..offset+length)} without blocking, advancing their positions.
   *
   * @return the number of bytes taken; less than offered means the transport is full until the
   *     channel is writable again
   */
  protected abstract long writeToTransport(ByteBuffer[] srcs, int offset, int length)
      throws IOException;

  /**
   * Sends up to {@code count} bytes of {@code file} from {@code position} without blocking. The
   * default reads the file into a buffer and {@linkplain #writeToTransport writes} it (for
   * transports that must transform the bytes, such as TLS); plain sockets override it with a
   * zero-copy transfer.
   *
   * @return the number of bytes sent, 0 if the transport is full (or the region lies past the end
   *     of the file)
   */
  protected long transferToTransport(FileChannel file, long position, long count)
      throws IOException {
    int want = (int) Math.min(count, options.readChunkSize());
    ByteBuffer buf = ScratchBuffer.get(options.readChunkSize());
    buf.limit(want);
    int n = file.read(buf, position);
    if (n <= 0) {
      return 0;
    }
    buf.flip();
    return writeToTransport(new ByteBuffer[] {buf}, 0, 1);
  }

  /** Closes the underlying channel (the stream has already deregistered it). */
  protected abstract void closeTransport() throws IOException;

  /**
   * Ends the sending direction of the transport (a TCP FIN) while reads go on. Does nothing here;
   * plain sockets override it.
   */
  protected void shutdownTransportOutput() throws IOException {}

  // ---------------------------------------------------------------- accessors

  /** The loop this stream belongs to. */
  public final IOLoop ioLoop() {
    return loop;
  }

  /** The options this stream was created with. */
  public final IOStreamOptions options() {
    return options;
  }

  /** Number of bytes read from the socket and not yet consumed by a read. */
  public final int readBufferSize() {
    return reader.buffered();
  }

  /** Number of bytes queued for writing (file regions not counted: they hold no memory). */
  public final long writeBufferSize() {
    return writer.bufferedBytes();
  }

  /** Whether a read is pending. */
  public final boolean reading() {
    return reader.reading();
  }

  /** Whether writes are queued that have not yet been handed to the kernel. */
  public final boolean writing() {
    return writer.writing();
  }

  /** Whether the stream is closed. */
  public final boolean closed() {
    return closed;
  }

  /**
   * Why the stream closed: null while open and after a plain local {@link #close()}, an {@link
   * EOFException} when the peer closed its side, the {@link IOException} of a failed socket
   * operation (for example a connection reset), {@link UnsatisfiableReadError} or {@link
   * StreamBufferFullError} when a read broke a limit, or the cause given to {@link
   * #close(Throwable)}.
   */
  public final Throwable error() {
    return error;
  }

  /**
   * Sets the TCP no-delay flag (disables Nagle's algorithm) where the transport has one. Does
   * nothing here.
   */
  public void setNoDelay(boolean noDelay) {}

  // ---------------------------------------------------------------- reads

  /**
   * Reads until {@code delimiter} and returns everything up to and including it. The array must not
   * change while the read is pending.
   */
  public final CompletableFuture<byte[]> readUntil(byte[] delimiter) {
    return startUntil(delimiter, 0);
  }

  /**
   * Reads until {@code delimiter}, which must end within the first {@code maxBytes} bytes; if it
   * does not, the read fails with {@link UnsatisfiableReadError} and the stream closes. The future
   * fails before the stream closes, so a callback may still write a short reply. The array must not
   * change while the read is pending.
   */
  public final CompletableFuture<byte[]> readUntil(byte[] delimiter, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    return startUntil(delimiter, maxBytes);
  }

  private CompletableFuture<byte[]> startUntil(byte[] delimiter, int maxBytes) {
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.length == 0) {
      throw new IllegalArgumentException("empty delimiter");
    }
    checkThread();
    return reader.start(new PendingRead.UntilDelimiter(delimiter, maxBytes));
  }

  /**
   * Reads until {@code regex} matches the buffered bytes and returns everything up to the end of
   * the match. The pattern sees each byte as one character (ISO-8859-1).
   */
  public final CompletableFuture<byte[]> readUntilRegex(Pattern regex) {
    return startRegex(regex, 0);
  }

  /**
   * Like {@link #readUntilRegex(Pattern)}, but the match must end within the first {@code maxBytes}
   * bytes, else the read fails with {@link UnsatisfiableReadError} and the stream closes.
   */
  public final CompletableFuture<byte[]> readUntilRegex(Pattern regex, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    return startRegex(regex, maxBytes);
  }

  private CompletableFuture<byte[]> startRegex(Pattern regex, int maxBytes) {
    Objects.requireNonNull(regex, "regex");
    checkThread();
    return reader.start(new PendingRead.UntilPattern(regex, maxBytes));
  }

  /** Reads exactly {@code n} bytes. */
  public final CompletableFuture<byte[]> readBytes(int n) {
    return readBytes(n, false);
  }

  /**
   * Reads {@code n} bytes; if {@code partial}, completes as soon as any bytes are available, with
   * at most {@code n} of them.
   */
  public final CompletableFuture<byte[]> readBytes(int n, boolean partial) {
    if (n < 0) {
      throw new IllegalArgumentException("negative byte count: " + n);
    }
    checkThread();
    return reader.start(new PendingRead.Bytes(n, partial));
  }

  /**
   * Reads into {@code target} until it has no room left, or, if {@code partial}, until at least one
   * byte arrived. Completes with the number of bytes put into {@code target}, whose position
   * advances by that much. Buffered bytes are copied first; the rest is read from the socket
   * straight into {@code target}. The buffer must not be used elsewhere while the read is pending.
   */
  public final CompletableFuture<Integer> readInto(ByteBuffer target, boolean partial) {
    Objects.requireNonNull(target, "target");
    if (target.isReadOnly()) {
      throw new IllegalArgumentException("read-only target buffer");
    }
    checkThread();
    return reader.start(new PendingRead.IntoBuffer(target, partial));
  }

  /** Same as {@code readInto(target, false)}. */
  public final CompletableFuture<Integer> readInto(ByteBuffer target) {
    return readInto(target, false);
  }

  /**
   * Reads until the peer closes the stream and returns everything it sent. The bytes are buffered,
   * so the total is limited by {@link IOStreamOptions#maxBufferSize()}; to stream, loop on {@code
   * readBytes(n, true)} instead. Fails with {@link StreamClosedError} if the stream closes because
   * of an error other than the peer's clean close.
   */
  public final CompletableFuture<byte[]> readUntilClose() {
    checkThread();
    return reader.start(new PendingRead.UntilClose());
  }

  // ---------------------------------------------------------------- writes

  /**
   * Queues {@code data} for writing; the future completes once all of it was handed to the kernel.
   * The array is not copied and must not change until then.
   */
  public final CompletableFuture<Void> write(byte[] data) {
    return write(ByteBuffer.wrap(data));
  }

  /**
   * Queues the remaining bytes of {@code buffers} for writing, in order; the future completes once
   * all of them were handed to the kernel. The buffers are not copied (their positions advance as
   * they are written) and must not be touched until then. A write into an empty queue is tried at
   * once. Writing to a closed stream returns a future failed with {@link StreamClosedError}. A
   * write that would queue more than {@link IOStreamOptions#maxWriteBufferSize()} bytes while
   * earlier ones still wait closes the stream with {@link StreamBufferFullError} and fails.
   */
  public final CompletableFuture<Void> write(ByteBuffer... buffers) {
    checkThread();
    for (ByteBuffer b : buffers) {
      Objects.requireNonNull(b, "buffer");
    }
    if (closed) {
      return CompletableFuture.failedFuture(new StreamClosedError(error));
    }
    if (options.writeBufferLimited()) {
      long total = 0;
      for (ByteBuffer b : buffers) {
        total += b.remaining();
      }
      if (writer.overCap(total)) {
        return CompletableFuture.failedFuture(new StreamClosedError(error));
      }
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    writer.addBuffers(buffers, f);
    return f;
  }

  /**
   * Queues {@code count} bytes of {@code file} starting at {@code position}, in order with the
   * other writes; plain socket streams send them without copying ({@link FileChannel#transferTo}).
   * The future completes once all were handed to the kernel; the caller closes the file after that.
   * If the file turns out shorter than the region, the stream closes with an {@link EOFException}.
   */
  public final CompletableFuture<Void> transferFrom(FileChannel file, long position, long count) {
    checkThread();
    Objects.requireNonNull(file, "file");
    if (position < 0 || count < 0) {
      throw new IllegalArgumentException("bad file region: " + position + "+" + count);
    }
    if (closed) {
      return CompletableFuture.failedFuture(new StreamClosedError(error));
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    writer.addFile(file, position, count, f);
    return f;
  }

  /**
   * Whether a producer may keep writing: false once more than {@link
   * IOStreamOptions#writeHighWaterMark()} bytes are queued, true again once the queue drained to
   * {@link IOStreamOptions#writeLowWaterMark()} bytes or fewer.
   */
  public final boolean isWritable() {
    return writer.writable() && !closed;
  }

  /**
   * A future that completes when the stream is {@linkplain #isWritable() writable}: at once if it
   * is, else once the queue drained to the low-water mark. Fails with {@link StreamClosedError} if
   * the stream closes first.
   */
  public final CompletableFuture<Void> writable() {
    checkThread();
    if (closed) {
      return CompletableFuture.failedFuture(new StreamClosedError(error));
    }
    return writer.whenWritable();
  }

  // ---------------------------------------------------------------- events and closing

  private void handleEvents(int readyOps) {
    if (closed) {
      return;
    }
    try {
      if ((readyOps & SelectionKey.OP_READ) != 0) {
        reader.onReadable();
      }
      if (!closed && (readyOps & SelectionKey.OP_WRITE) != 0) {
        flushTransport();
        writer.onWritable();
      }
    } catch (RuntimeException e) {
      log.error("Uncaught exception, closing stream {}", this, e);
      close(e);
    }
  }

  /** Asks the loop for the events the read and write sides wait for. */
  final void updateInterest() {
    if (closed) {
      return;
    }
    int ops = 0;
    if (reader.wantsRead()) {
      ops |= SelectionKey.OP_READ;
    }
    if (writer.wantsWrite() || transportWantsWrite()) {
      ops |= SelectionKey.OP_WRITE;
    }
    if (ops != interestOps) {
      try {
        key.interestOps(ops);
        interestOps = ops;
      } catch (CancelledKeyException e) {
        close(e); // the channel was closed behind our back
      }
    }
  }

  // Hooks for transports that buffer bytes of their own (TLS records), same package only.

  /** Whether the transport holds output of its own that waits for the socket to be writable. */
  boolean transportWantsWrite() {
    return false;
  }

  /** The socket became writable: sends the transport's own waiting output first. */
  void flushTransport() {}

  /** The transport holds input the socket will not signal: handle it as a readable event. */
  final void transportReadable() {
    handleEvents(SelectionKey.OP_READ);
  }

  /** Closes the stream after a failed transport operation. */
  final void transportFailed(String op, IOException e) {
    log.debug("Error on {} of stream {}: {}", op, this, e.toString());
    close(e);
  }

  /**
   * Runs {@code callback} on the loop once the stream closes (on a later loop iteration than the
   * close itself, after the futures the close failed have run their callbacks). If the stream is
   * already closed, it is scheduled at once. Replaces an earlier callback; null removes it.
   */
  public final void setCloseCallback(Runnable callback) {
    checkThread();
    if (closed) {
      if (callback != null) {
        loop.addCallback(callback);
      }
      return;
    }
    closeCallback = callback;
  }

  /**
   * Half-closes the stream: tells the peer that nothing more will be sent (a TCP FIN on plain
   * sockets) while reads go on, for a lingering close. Call once every write completed; later
   * writes fail at the transport. Does nothing if the stream is closed; a transport error closes
   * the stream.
   */
  public final void shutdownOutput() {
    checkThread();
    if (closed) {
      return;
    }
    try {
      shutdownTransportOutput();
    } catch (IOException e) {
      transportFailed("shutdown", e);
    }
  }

  /** Closes the stream locally, without a cause. Does nothing if it is already closed. */
  public final void close() {
    close(null);
  }

  /**
   * Closes the stream, recording {@code cause} (may be null) as its {@link #error()}. Deregisters
   * and closes the channel, settles the pending read as described in the class comment, fails
   * queued writes and {@link #writable()} with {@link StreamClosedError}, and schedules the close
   * callback. Does nothing if the stream is already closed.
   */
  public final void close(Throwable cause) {
    checkThread();
    if (closed) {
      return;
    }
    closed = true;
    error = cause;
    key.cancel();
    try {
      closeTransport();
    } catch (IOException e) {
      log.debug("Error closing stream {}", this, e);
    }
    List<CompletableFuture<Void>> pending = writer.clear();
    Runnable callback = closeCallback;
    closeCallback = null;
    if (callback != null) {
      loop.addCallback(callback);
    }
    reader.run(false); // settles the pending read, now or in the outer pass of a running dispatch
    if (!pending.isEmpty()) {
      StreamClosedError e = new StreamClosedError(cause);
      for (CompletableFuture<Void> f : pending) {
        f.completeExceptionally(e);
      }
    }
  }

  private void checkThread() {
    if (loop.isRunning() && !loop.inLoopThread()) {
      throw new IllegalStateException(
          "stream used off its loop thread (" + loop.name() + "); use IOLoop.addCallback");
    }
  }
}
