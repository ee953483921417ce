package io.squall.iostream;

import io.squall.ioloop.Timeout;
import io.squall.iostream.internal.WriteQueue;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of a {@link BaseIOStream}: the {@link WriteQueue}, flushing it to the stream's
 * transport with gathering writes ({@link BaseIOStream#writeToTransport}, {@link
 * BaseIOStream#transferToTransport}), the high and low watermarks that tell producers when to
 * pause, the cap on queued bytes ({@link IOStreamOptions#maxWriteBufferSize()}) and the write
 * timeout ({@link IOStreamOptions#writeTimeout()}). Loop thread only.
 *
 * <p>The write timeout costs nothing while the peer keeps up: a timer is armed only when the
 * transport is full with bytes still queued, and when it fires it closes the stream only if no byte
 * went out since it was armed (else it re-arms from now).
 */
final class StreamWriter {
  /** Most bytes offered to the transport by one write call (bounds the kernel copy per call). */
  private static final long MAX_WRITE_PER_CALL = 1 << 20;

  /** Most buffers handed to one gathering write. */
  private static final int MAX_GATHER = 64;

  /**
   * The array a gathering write hands to the transport, one per loop thread: it is filled, written
   * and cleared within one call, before any callback runs, so the streams of a loop share it (an
   * idle connection kept 272 bytes of its own otherwise).
   */
  private static final ThreadLocal<ByteBuffer[]> GATHER =
      ThreadLocal.withInitial(() -> new ByteBuffer[MAX_GATHER]);

  /** Most bytes written per turn, after which the stream waits for the next writable event. */
  private static final long MAX_WRITE_PER_TURN = 4L << 20;

  private static final Logger log = LoggerFactory.getLogger(BaseIOStream.class);

  private final BaseIOStream stream;
  private final long highWaterMark;
  private final long lowWaterMark;
  private final long maxQueued;
  private final Duration timeout; // null: no write timeout
  private final Runnable onStallTimer = this::onStallTimer;
  private Timeout stallTimer;
  private long stallWritten; // totalWritten when the stall timer was armed
  private long totalWritten;
  private final WriteQueue queue = new WriteQueue();
  private boolean flushing;
  private boolean transportFull;
  private boolean writable = true;
  private List<CompletableFuture<Void>> writableWaiters;

  StreamWriter(BaseIOStream stream, IOStreamOptions options) {
    this.stream = stream;
    this.highWaterMark = options.writeHighWaterMark();
    this.lowWaterMark = options.writeLowWaterMark();
    this.maxQueued = options.maxWriteBufferSize();
    this.timeout = options.writeTimeout();
  }

  /**
   * Whether queuing {@code more} bytes breaks the cap: earlier bytes still wait and the total would
   * exceed {@link IOStreamOptions#maxWriteBufferSize()}. Then the stream is closed with {@link
   * StreamBufferFullError} (logged) and true returned; the caller fails the write.
   */
  boolean overCap(long more) {
    long queued = queue.bufferedBytes();
    if (queued == 0 || queued + more <= maxQueued) {
      return false;
    }
    log.info(
        "closing {}: the peer is not reading ({} bytes queued, a write of {} more would pass the"
            + " limit of {})",
        stream,
        queued,
        more,
        maxQueued);
    stream.close(
        new StreamBufferFullError(
            "more than " + maxQueued + " bytes of output queued: the peer is not reading"));
    return true;
  }

  /** Bytes queued in buffers (file regions hold no memory and are not counted). */
  long bufferedBytes() {
    return queue.bufferedBytes();
  }

  /** Whether writes are queued that have not yet been handed to the kernel. */
  boolean writing() {
    return !queue.isEmpty();
  }

  /** Whether the stream wants writable events: the transport was full with bytes still queued. */
  boolean wantsWrite() {
    return transportFull && !queue.isEmpty();
  }

  /** Whether a producer may keep writing (below the high mark, or drained to the low mark). */
  boolean writable() {
    return writable;
  }

  /** Queues {@code buffers}; a write into a transport that has room is tried at once. */
  void addBuffers(ByteBuffer[] buffers, CompletableFuture<Void> done) {
    queue.addBuffers(buffers, done);
    if (!transportFull) {
      flush();
    }
    if (writable && queue.bufferedBytes() > highWaterMark) {
      writable = false;
    }
  }

  /** Queues a file region in order with the buffers. */
  void addFile(FileChannel file, long position, long count, CompletableFuture<Void> done) {
    queue.addFile(file, position, count, done);
    if (!transportFull) {
      flush();
    }
  }

  /** A future completing once the stream is writable (at once if it is). */
  CompletableFuture<Void> whenWritable() {
    if (writable) {
      return CompletableFuture.completedFuture(null);
    }
    if (writableWaiters == null) {
      writableWaiters = new ArrayList<>(2);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    writableWaiters.add(f);
    return f;
  }

  /** The transport became writable. */
  void onWritable() {
    transportFull = false;
    flush();
  }

  /** Writes what the transport takes, completes the writes that went out, updates the marks. */
  void flush() {
    if (flushing || stream.closed()) {
      return;
    }
    flushing = true;
    IOException failure = null;
    try {
      writeOut();
    } catch (IOException e) {
      failure = e;
    } finally {
      flushing = false;
    }
    if (failure != null) {
      stream.transportFailed("write", failure);
      return;
    }
    if (stream.closed()) {
      return;
    }
    if (!writable && queue.bufferedBytes() <= lowWaterMark) {
      writable = true;
      List<CompletableFuture<Void>> waiters = writableWaiters;
      writableWaiters = null;
      if (waiters != null) {
        for (CompletableFuture<Void> w : waiters) {
          w.complete(null);
        }
      }
    }
    stream.updateInterest();
    if (timeout != null && stallTimer == null && wantsWrite()) {
      stallWritten = totalWritten;
      stallTimer = stream.ioLoop().callLater(timeout, onStallTimer);
    }
  }

  /** The write timeout's timer: closes the stream if the peer took nothing since it was armed. */
  private void onStallTimer() {
    stallTimer = null;
    if (stream.closed() || !wantsWrite()) {
      return; // drained meanwhile; the next stall arms a new timer
    }
    if (totalWritten != stallWritten) {
      stallWritten = totalWritten; // the peer is slow, not stalled: measure again from now
      stallTimer = stream.ioLoop().callLater(timeout, onStallTimer);
      return;
    }
    long millis = timeout.toMillis();
    log.info(
        "closing {}: the peer took none of {} queued bytes in {} ms",
        stream,
        queue.bufferedBytes(),
        millis);
    stream.close(
        new WriteTimeoutError("the peer took no output for " + millis + " ms (write timeout)"));
  }

  private void writeOut() throws IOException {
    long written = 0;
    while (!stream.closed()) {
      CompletableFuture<Void> done;
      while ((done = queue.pollDone()) != null) {
        done.complete(null); // callbacks may queue more writes: they wait for this loop
        if (stream.closed()) {
          return;
        }
      }
      if (queue.isEmpty() || transportFull) {
        return;
      }
      if (written >= MAX_WRITE_PER_TURN) {
        transportFull = true; // yield to other channels; the writable event resumes us
        return;
      }
      if (queue.headIsFile()) {
        FileChannel file = queue.headFile();
        long position = queue.headFilePosition();
        long n = stream.transferToTransport(file, position, queue.headFileRemaining());
        if (n > 0) {
          queue.advanceFile(n);
          written += n;
          totalWritten += n;
        } else if (position >= file.size()) {
          throw new EOFException("file region extends past the end of the file");
        } else {
          transportFull = true;
        }
      } else {
        ByteBuffer[] gather = GATHER.get();
        int count = queue.gather(gather, MAX_WRITE_PER_CALL);
        if (count == 0) {
          return; // cannot happen: the head has bytes left
        }
        long offered = 0;
        for (int i = 0; i < count; i++) {
          offered += gather[i].remaining();
        }
        long n;
        try {
          n = stream.writeToTransport(gather, 0, count);
        } finally {
          queue.release(gather, count);
        }
        queue.consume(n);
        written += n;
        totalWritten += n;
        if (n < offered) {
          transportFull = true;
        }
      }
    }
  }

  /**
   * After the stream closed: empties the queue and returns the futures of the writes and of the
   * writable waiters, which the caller fails.
   */
  List<CompletableFuture<Void>> clear() {
    if (stallTimer != null) {
      stallTimer.cancel();
      stallTimer = null;
    }
    List<CompletableFuture<Void>> writes = queue.clear();
    List<CompletableFuture<Void>> waiters = writableWaiters;
    writableWaiters = null;
    if (waiters == null) {
      return writes;
    }
    if (writes.isEmpty()) {
      return waiters;
    }
    List<CompletableFuture<Void>> all = new ArrayList<>(writes.size() + waiters.size());
    all.addAll(writes);
    all.addAll(waiters);
    return all;
  }
}
