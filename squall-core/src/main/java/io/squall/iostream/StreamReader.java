package io.squall.iostream;

import io.squall.iostream.internal.ReadBuffer;
import io.squall.iostream.internal.ScratchBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of a {@link BaseIOStream}: its read buffer and its {@link PendingRead}, which it
 * drives by reading from the stream's transport ({@link BaseIOStream#readFromTransport}) until the
 * read is satisfied, the transport has nothing more, or the stream closes. Loop thread only.
 */
final class StreamReader {
  private static final Logger log = LoggerFactory.getLogger(BaseIOStream.class);

  /**
   * Most transport reads per turn: a stream whose peer sends faster than it is read yields the loop
   * to other channels after this many chunks (level-triggered readiness brings it back at once).
   */
  private static final int MAX_READS_PER_TURN = 16;

  // What a turn of transport reads ended with.
  private static final int SETTLED = 0; // the pending read was completed or failed
  private static final int PAUSED = 1; // the transport had no more for now, or the turn ended
  private static final int AT_EOF = 2; // the peer closed its side

  private final BaseIOStream stream;
  private final ReadBuffer buffer;
  private final int chunkSize;
  private final int maxBufferSize;
  private PendingRead<?> pending;
  private boolean dispatching;
  private boolean redispatch;
  private boolean transportDrained;

  StreamReader(BaseIOStream stream, IOStreamOptions options) {
    this.stream = stream;
    this.chunkSize = options.readChunkSize();
    this.maxBufferSize = options.maxBufferSize();
    this.buffer = new ReadBuffer(options.maxBufferSize(), options.readChunkSize());
  }

  /** Bytes read from the transport and not yet consumed by a read. */
  int buffered() {
    return buffer.size();
  }

  /** Whether a read is pending. */
  boolean reading() {
    return pending != null;
  }

  /** Whether the stream wants readable events: a read is pending or nothing is buffered. */
  boolean wantsRead() {
    return pending != null || buffer.isEmpty();
  }

  /** Makes {@code read} the pending read and drives it; returns it as the caller's future. */
  <T, R extends PendingRead<T>> R start(R read) {
    if (pending != null) {
      throw new IllegalStateException("Already reading");
    }
    pending = read;
    run(false);
    return read;
  }

  /** The transport became readable. */
  void onReadable() {
    transportDrained = false;
    run(true);
  }

  /**
   * Drives the pending read as far as it goes. Re-entrant calls (from callbacks of a completed
   * read) only mark that another pass is needed, which the outermost call runs in its loop.
   */
  void run(boolean socketEvent) {
    if (dispatching) {
      redispatch = true;
      return;
    }
    dispatching = true;
    RuntimeException failure = null;
    try {
      boolean fromSocket = socketEvent;
      do {
        redispatch = false;
        step(fromSocket);
        fromSocket = false;
      } while (redispatch);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      dispatching = false;
    }
    if (failure != null) {
      log.error("Uncaught exception while reading, closing stream {}", stream, failure);
      stream.close(failure);
      return;
    }
    stream.updateInterest();
  }

  private void step(boolean socketEvent) {
    PendingRead<?> read = pending;
    if (read == null) {
      if (socketEvent && !stream.closed() && buffer.isEmpty()) {
        idleRead();
      }
      return;
    }
    if (read.trySatisfy(this, buffer, true)) {
      return;
    }
    if (stream.closed()) {
      read.resolveOnClose(this, buffer, stream.error());
      return;
    }
    if (transportDrained && !socketEvent) {
      return; // the socket had nothing a moment ago: wait until the loop says it is readable
    }
    int outcome;
    try {
      outcome =
          read instanceof PendingRead.IntoBuffer into ? readIntoTarget(into) : readToBuffer(read);
    } catch (IOException e) {
      stream.transportFailed("read", e);
      return;
    }
    if (outcome == SETTLED) {
      return;
    }
    read.trySatisfy(this, buffer, true);
    if (outcome == AT_EOF) {
      stream.close(new EOFException("Stream closed by peer"));
    }
  }

  /** With no read pending, takes one chunk so that a peer's close is noticed. */
  private void idleRead() {
    int n;
    try {
      n = fill();
    } catch (IOException e) {
      stream.transportFailed("read", e);
      return;
    }
    if (n < 0) {
      stream.close(new EOFException("Stream closed by peer"));
    }
  }

  /** Reads one chunk from the transport into the read buffer. */
  private int fill() throws IOException {
    ByteBuffer scratch = ScratchBuffer.get(chunkSize);
    scratch.limit(Math.min(chunkSize, buffer.room()));
    int n = stream.readFromTransport(scratch);
    if (n > 0) {
      scratch.flip();
      buffer.append(scratch);
    } else if (n == 0) {
      transportDrained = true;
    }
    return n;
  }

  /** Reads chunks into the read buffer, checking the read after each; returns an outcome. */
  private int readToBuffer(PendingRead<?> read) throws IOException {
    for (int reads = 0; reads < MAX_READS_PER_TURN; reads++) {
      if (buffer.room() == 0) {
        if (!read.trySatisfy(this, buffer, true)) {
          fail(
              new StreamBufferFullError(
                  "Reached maximum read buffer size (" + maxBufferSize + " bytes)"));
        }
        return SETTLED;
      }
      int n = fill();
      if (n == 0) {
        return PAUSED;
      }
      if (n < 0) {
        return AT_EOF;
      }
      if (read.trySatisfy(this, buffer, false)) {
        return SETTLED;
      }
    }
    return PAUSED;
  }

  /** Reads from the transport straight into the read's target; returns an outcome. */
  private int readIntoTarget(PendingRead.IntoBuffer read) throws IOException {
    ByteBuffer t = read.target;
    for (int reads = 0; reads < MAX_READS_PER_TURN && t.hasRemaining(); reads++) {
      int limit = t.limit();
      t.limit(t.position() + Math.min(t.remaining(), chunkSize));
      int n;
      try {
        n = stream.readFromTransport(t);
      } finally {
        t.limit(limit);
      }
      if (n == 0) {
        transportDrained = true;
        return PAUSED;
      }
      if (n < 0) {
        return AT_EOF;
      }
      read.count += n;
      if (read.partial) {
        return PAUSED;
      }
    }
    return PAUSED;
  }

  /** Clears {@code read}, the pending read, and completes it with {@code value}. */
  <T> void complete(PendingRead<T> read, T value) {
    pending = null;
    read.complete(value);
  }

  /** Fails the pending read because a byte limit made it unsatisfiable; the stream closes. */
  void failUnsatisfiable(String message) {
    log.debug("Unsatisfiable read, closing stream {}: {}", stream, message);
    fail(new UnsatisfiableReadError(message));
  }

  /**
   * Fails the pending read with {@code e}; a limit error ({@link UnsatisfiableReadError}, {@link
   * StreamBufferFullError}) then closes the stream.
   */
  void fail(Throwable e) {
    PendingRead<?> read = pending;
    pending = null;
    if (read != null) {
      read.completeExceptionally(e);
    }
    if (!(e instanceof StreamClosedError)) {
      stream.close(e);
    }
  }
}
