package io.squall.iostream;

import io.squall.iostream.internal.ReadBuffer;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read a stream is waiting to satisfy, one kind per read method, each with the state only it
 * needs. A pending read is also the future its caller holds, so starting a read allocates one
 * object, as a bare future would.
 *
 * <p>A kind decides from the buffered bytes whether it is done ({@link #trySatisfy}) and what the
 * stream closing means for it ({@link #resolveOnClose}); {@link StreamReader} fills the buffer and
 * settles the read through {@link StreamReader#complete} and {@link StreamReader#fail}, which clear
 * it first so that the caller's callbacks may start the next read.
 */
abstract sealed class PendingRead<T> extends CompletableFuture<T>
    permits PendingRead.UntilDelimiter,
        PendingRead.UntilPattern,
        PendingRead.Bytes,
        PendingRead.IntoBuffer,
        PendingRead.UntilClose {

  /**
   * Completes or fails this read through {@code reader} if the buffered bytes decide it. With
   * {@code force} false, costly scans may be skipped until enough new bytes arrived. Returns
   * whether the read was settled.
   */
  abstract boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force);

  /**
   * Settles this read once the stream has closed with {@code error} (null after a plain local
   * close) and the buffered bytes did not satisfy it: it fails with {@link StreamClosedError}.
   */
  void resolveOnClose(StreamReader reader, ReadBuffer buffer, Throwable error) {
    reader.fail(new StreamClosedError(error));
  }

  /** Everything up to and including a delimiter, optionally within a byte limit. */
  static final class UntilDelimiter extends PendingRead<byte[]> {
    private final byte[] delimiter;
    private final int maxBytes; // 0: no limit
    private int scanFrom;

    UntilDelimiter(byte[] delimiter, int maxBytes) {
      this.delimiter = delimiter;
      this.maxBytes = maxBytes;
    }

    @Override
    boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force) {
      int size = buffer.size();
      int limit = maxBytes > 0 ? Math.min(size, maxBytes) : size;
      int at = buffer.indexOf(delimiter, scanFrom, limit);
      if (at >= 0) {
        reader.complete(this, buffer.take(at + delimiter.length));
        return true;
      }
      // a later match can begin no earlier than delimiter length - 1 bytes before what we scanned
      scanFrom = Math.max(scanFrom, limit - delimiter.length + 1);
      if (maxBytes > 0 && size >= maxBytes) {
        reader.failUnsatisfiable("delimiter not found within " + maxBytes + " bytes");
        return true;
      }
      return false;
    }
  }

  /** Everything up to the end of a regular-expression match, optionally within a byte limit. */
  static final class UntilPattern extends PendingRead<byte[]> {
    private final Pattern regex;
    private final int maxBytes; // 0: no limit
    private long nextScan;

    UntilPattern(Pattern regex, int maxBytes) {
      this.regex = regex;
      this.maxBytes = maxBytes;
    }

    @Override
    boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force) {
      if (buffer.isEmpty() || (!force && buffer.size() < nextScan)) {
        return false;
      }
      int size = buffer.size();
      Matcher m = regex.matcher(buffer.latin1View());
      if (m.find()) {
        int end = m.end();
        if (maxBytes > 0 && end > maxBytes) {
          reader.failUnsatisfiable(notMatched());
        } else {
          reader.complete(this, buffer.take(end));
        }
        return true;
      }
      nextScan = Math.max(2L * size, size + 1L); // rescan once the buffer doubled
      if (maxBytes > 0 && size > maxBytes) {
        reader.failUnsatisfiable(notMatched());
        return true;
      }
      return false;
    }

    private String notMatched() {
      return "regex " + regex.pattern() + " not matched within " + maxBytes + " bytes";
    }
  }

  /** Exactly {@code n} bytes, or with {@code partial} whatever is there, up to {@code n}. */
  static final class Bytes extends PendingRead<byte[]> {
    private final int n;
    private final boolean partial;

    Bytes(int n, boolean partial) {
      this.n = n;
      this.partial = partial;
    }

    @Override
    boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force) {
      int size = buffer.size();
      if (size >= n || (partial && size > 0)) {
        reader.complete(this, buffer.take(Math.min(n, size)));
        return true;
      }
      return false;
    }
  }

  /**
   * Into the caller's buffer until it is full, or with {@code partial} until a byte arrived; reads
   * from the transport go straight into it ({@link StreamReader}).
   */
  static final class IntoBuffer extends PendingRead<Integer> {
    final ByteBuffer target;
    final boolean partial;
    int count;

    IntoBuffer(ByteBuffer target, boolean partial) {
      this.target = target;
      this.partial = partial;
    }

    @Override
    boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force) {
      if (!buffer.isEmpty() && target.hasRemaining()) {
        count += buffer.takeInto(target);
      }
      if (!target.hasRemaining() || (partial && count > 0)) {
        reader.complete(this, count);
        return true;
      }
      return false;
    }
  }

  /** Everything until the peer closes: only the close settles it. */
  static final class UntilClose extends PendingRead<byte[]> {
    @Override
    boolean trySatisfy(StreamReader reader, ReadBuffer buffer, boolean force) {
      return false;
    }

    @Override
    void resolveOnClose(StreamReader reader, ReadBuffer buffer, Throwable error) {
      if (error == null || error instanceof EOFException) {
        reader.complete(this, buffer.take(buffer.size()));
      } else {
        super.resolveOnClose(reader, buffer, error);
      }
    }
  }
}
