package io.squall.http.internal;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStream;
import io.squall.iostream.StreamClosedError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers a connection's response bytes and hands them to the stream in one gathering write: at the
 * end of the connection's processing pass when they were queued during one (so the answers to
 * several pipelined requests leave together), else at the end of the current loop iteration. All
 * buffers of a batch share one future, which completes once the batch was handed to the kernel. A
 * batch that reaches {@link #MAX_BATCH} bytes goes to the stream at once, so a handler writing a
 * large body without waiting meets the stream's cap on queued output ({@link
 * io.squall.iostream.IOStreamOptions#maxWriteBufferSize()}) instead of piling bytes up here. Loop
 * thread only.
 */
final class OutputBatcher {
  /** Batched bytes at which the batch is handed to the stream without waiting for the pass. */
  static final long MAX_BATCH = 64 * 1024;

  private final IOStream stream;
  private final IOLoop loop;
  private final Runnable flushTask = this::flush;
  private final List<ByteBuffer> out = new ArrayList<>();
  private CompletableFuture<Void> batchFuture;

  /** The future of the last batch handed to the stream; done once the socket has taken it. */
  private CompletableFuture<Void> inFlight;

  private boolean flushScheduled;
  private boolean flushWanted;
  private int processDepth;
  private long batchBytes;

  OutputBatcher(IOStream stream) {
    this.stream = stream;
    this.loop = stream.ioLoop();
  }

  /** The connection starts a processing pass: what is queued until its end leaves together. */
  void enterPass() {
    processDepth++;
  }

  /** The pass ends: the outermost one flushes what it gathered. */
  void exitPass() {
    if (--processDepth == 0 && flushWanted) {
      flush(); // what the requests handled in this pass wrote leaves in one write
    }
  }

  /** Queues {@code b}; returns the future of the batch it goes out with. */
  CompletableFuture<Void> queue(ByteBuffer b) {
    out.add(b);
    batchBytes += b.remaining();
    CompletableFuture<Void> f = pending();
    if (batchBytes >= MAX_BATCH) {
      flush(); // a large batch goes now: the stream's limits apply to it
    } else if (processDepth > 0) {
      flushWanted = true; // the pass flushes when it returns
    } else if (!flushScheduled) {
      flushScheduled = true; // written from a callback or timer: flush at the end of this pass
      loop.addCallback(flushTask);
    }
    return f;
  }

  /**
   * The future of what is queued and not yet written (completed if nothing is): it completes when
   * everything written so far has gone out.
   */
  CompletableFuture<Void> pending() {
    if (out.isEmpty() && batchFuture == null) {
      // nothing queued here, but the last batch may still be in the stream's write buffer
      CompletableFuture<Void> last = inFlight;
      return last != null && !last.isDone() ? last : CompletableFuture.completedFuture(null);
    }
    if (batchFuture == null) {
      batchFuture = new CompletableFuture<>();
    }
    return batchFuture;
  }

  /** Writes what is queued now. */
  void flush() {
    flushScheduled = false;
    flushWanted = false;
    if (out.isEmpty()) {
      return;
    }
    CompletableFuture<Void> f = batchFuture;
    batchFuture = null;
    inFlight = f;
    ByteBuffer[] bufs = out.toArray(new ByteBuffer[0]);
    out.clear();
    batchBytes = 0;
    if (stream.closed()) {
      f.completeExceptionally(new StreamClosedError());
      return;
    }
    stream
        .write(bufs)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                f.completeExceptionally(e);
              } else {
                f.complete(null);
              }
            });
  }

  /** The connection closed: drops what is queued and fails its future. */
  void discard() {
    if (batchFuture != null) {
      batchFuture.completeExceptionally(new StreamClosedError());
      batchFuture = null;
    }
    out.clear();
    batchBytes = 0;
  }
}
