package io.squall.iostream;

import io.squall.iostream.internal.WriteQueue;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of a {@link BaseIOStream}: the {@link WriteQueue}, flushing it to the stream's
 * transport with gathering writes ({@link BaseIOStream#writeToTransport}, {@link
 * BaseIOStream#transferToTransport}), and the high and low watermarks that tell producers when to
 * pause. Loop thread only.
 */
final class StreamWriter {
  /** Most bytes offered to the transport by one write call (bounds the kernel copy per call). */
  private static final long MAX_WRITE_PER_CALL = 1 << 20;

  /** Most buffers handed to one gathering write. */
  private static final int MAX_GATHER = 64;

  /** Most bytes written per turn, after which the stream waits for the next writable event. */
  private static final long MAX_WRITE_PER_TURN = 4L << 20;

  private final BaseIOStream stream;
  private final long highWaterMark;
  private final long lowWaterMark;
  private final WriteQueue queue = new WriteQueue();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private boolean flushing;
  private boolean transportFull;
  private boolean writable = true;
  private List<CompletableFuture<Void>> writableWaiters;

  StreamWriter(BaseIOStream stream, IOStreamOptions options) {
    this.stream = stream;
    this.highWaterMark = options.writeHighWaterMark();
    this.lowWaterMark = options.writeLowWaterMark();
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
        } else if (position >= file.size()) {
          throw new EOFException("file region extends past the end of the file");
        } else {
          transportFull = true;
        }
      } else {
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
