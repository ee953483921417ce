package io.squall.iostream;

import java.time.Duration;

/**
 * Limits and sizes of an {@link BaseIOStream}.
 *
 * @param maxBufferSize the most bytes the read buffer may hold; a read that cannot be satisfied
 *     within it fails with {@link StreamBufferFullError} and closes the stream (default 100 MiB)
 * @param readChunkSize the most bytes taken from the socket by one read call (default 64 KiB)
 * @param writeHighWaterMark once more than this many bytes wait in the write queue the stream stops
 *     being {@linkplain BaseIOStream#isWritable() writable} (default 1 MiB)
 * @param writeLowWaterMark a stream that is not writable becomes writable again once the write
 *     queue drains to this many bytes or fewer (default 512 KiB)
 * @param maxWriteBufferSize the most bytes the write queue may hold: a write that would queue more
 *     while earlier bytes still wait closes the stream with {@link StreamBufferFullError}, so a
 *     peer that stops reading cannot make the stream buffer without bound (a write into an empty
 *     queue is always taken). {@link Long#MAX_VALUE}, the default, for no limit (as Tornado's
 *     {@code max_write_buffer_size})
 * @param writeTimeout how long queued bytes may wait with the peer taking none of them; after it
 *     the stream closes with {@link WriteTimeoutError} (logged). Null, the default, for no limit
 */
public record IOStreamOptions(
    int maxBufferSize,
    int readChunkSize,
    long writeHighWaterMark,
    long writeLowWaterMark,
    long maxWriteBufferSize,
    Duration writeTimeout) {

  /** Default {@link #maxBufferSize()}: 100 MiB, as in Tornado. */
  public static final int DEFAULT_MAX_BUFFER_SIZE = 100 * 1024 * 1024;

  /** Default {@link #readChunkSize()}: 64 KiB. */
  public static final int DEFAULT_READ_CHUNK_SIZE = 64 * 1024;

  /** Default {@link #writeHighWaterMark()}: 1 MiB. */
  public static final long DEFAULT_WRITE_HIGH_WATER_MARK = 1024 * 1024;

  /** Default {@link #writeLowWaterMark()}: 512 KiB. */
  public static final long DEFAULT_WRITE_LOW_WATER_MARK = 512 * 1024;

  private static final IOStreamOptions DEFAULTS =
      new IOStreamOptions(
          DEFAULT_MAX_BUFFER_SIZE,
          DEFAULT_READ_CHUNK_SIZE,
          DEFAULT_WRITE_HIGH_WATER_MARK,
          DEFAULT_WRITE_LOW_WATER_MARK,
          Long.MAX_VALUE,
          null);

  /**
   * The options of the first versions: read and write limits without a write cap or timeout.
   *
   * @param maxBufferSize see {@link #maxBufferSize()}
   * @param readChunkSize see {@link #readChunkSize()}
   * @param writeHighWaterMark see {@link #writeHighWaterMark()}
   * @param writeLowWaterMark see {@link #writeLowWaterMark()}
   */
  public IOStreamOptions(
      int maxBufferSize, int readChunkSize, long writeHighWaterMark, long writeLowWaterMark) {
    this(maxBufferSize, readChunkSize, writeHighWaterMark, writeLowWaterMark, Long.MAX_VALUE, null);
  }

  /** Checks the values. */
  public IOStreamOptions {
    if (maxBufferSize <= 0) {
      throw new IllegalArgumentException("maxBufferSize must be positive: " + maxBufferSize);
    }
    if (readChunkSize <= 0) {
      throw new IllegalArgumentException("readChunkSize must be positive: " + readChunkSize);
    }
    if (writeLowWaterMark < 0 || writeHighWaterMark < writeLowWaterMark) {
      throw new IllegalArgumentException(
          "need 0 <= writeLowWaterMark <= writeHighWaterMark, got "
              + writeLowWaterMark
              + " and "
              + writeHighWaterMark);
    }
    if (maxWriteBufferSize <= 0) {
      throw new IllegalArgumentException(
          "maxWriteBufferSize must be positive: " + maxWriteBufferSize);
    }
    if (writeTimeout != null && (writeTimeout.isNegative() || writeTimeout.isZero())) {
      throw new IllegalArgumentException("writeTimeout must be positive: " + writeTimeout);
    }
  }

  /** Whether {@link #maxWriteBufferSize()} sets a limit. */
  public boolean writeBufferLimited() {
    return maxWriteBufferSize != Long.MAX_VALUE;
  }

  /** The default options. */
  public static IOStreamOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link IOStreamOptions}; unset values keep their defaults. */
  public static final class Builder {
    private int maxBufferSize;
    private int readChunkSize;
    private long writeHighWaterMark;
    private long writeLowWaterMark;
    private boolean lowWaterMarkSet;
    private long maxWriteBufferSize;
    private Duration writeTimeout;

    private Builder(IOStreamOptions from) {
      maxWriteBufferSize = from.maxWriteBufferSize;
      writeTimeout = from.writeTimeout;
      maxBufferSize = from.maxBufferSize;
      readChunkSize = from.readChunkSize;
      writeHighWaterMark = from.writeHighWaterMark;
      writeLowWaterMark = from.writeLowWaterMark;
    }

    /** Sets {@link IOStreamOptions#maxBufferSize()}. */
    public Builder maxBufferSize(int bytes) {
      maxBufferSize = bytes;
      return this;
    }

    /** Sets {@link IOStreamOptions#readChunkSize()}. */
    public Builder readChunkSize(int bytes) {
      readChunkSize = bytes;
      return this;
    }

    /**
     * Sets {@link IOStreamOptions#writeHighWaterMark()}. Unless a low-water mark is set too, the
     * low-water mark becomes half of it.
     */
    public Builder writeHighWaterMark(long bytes) {
      writeHighWaterMark = bytes;
      return this;
    }

    /** Sets {@link IOStreamOptions#writeLowWaterMark()}. */
    public Builder writeLowWaterMark(long bytes) {
      writeLowWaterMark = bytes;
      lowWaterMarkSet = true;
      return this;
    }

    /** Sets {@link IOStreamOptions#maxWriteBufferSize()}; {@link Long#MAX_VALUE} for no limit. */
    public Builder maxWriteBufferSize(long bytes) {
      maxWriteBufferSize = bytes;
      return this;
    }

    /** Sets {@link IOStreamOptions#writeTimeout()}; null for no limit. */
    public Builder writeTimeout(Duration timeout) {
      writeTimeout = timeout;
      return this;
    }

    /** Builds the options. */
    public IOStreamOptions build() {
      long low = lowWaterMarkSet ? writeLowWaterMark : writeHighWaterMark / 2;
      return new IOStreamOptions(
          maxBufferSize, readChunkSize, writeHighWaterMark, low, maxWriteBufferSize, writeTimeout);
    }
  }
}
