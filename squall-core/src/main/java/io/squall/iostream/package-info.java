/**
 * Buffered non-blocking byte streams over socket channels (Tornado's {@code iostream}).
 *
 * <p>{@link io.squall.iostream.BaseIOStream} is the stream's API and closing rules; its read side
 * (the read buffer and the pending read, one kind per read method) and its write side (the write
 * queue, flushing and the back-pressure watermarks) are package-private classes here. {@link
 * io.squall.iostream.IOStream} is the plain-socket transport; a TLS stream supplies the same
 * overridable transport methods over an {@code SSLEngine}. Streams are used on their loop's thread
 * only. Failures reach the returned futures as {@link io.squall.iostream.StreamClosedError}, {@link
 * io.squall.iostream.UnsatisfiableReadError} and {@link io.squall.iostream.StreamBufferFullError}.
 *
 * <p>Layer 3: may use {@code io.squall.ioloop}, {@code io.squall.escape} and the JDK; never TCP,
 * HTTP or the layers above. Buffers are in {@code io.squall.iostream.internal}.
 */
package io.squall.iostream;
