/**
 * Buffered non-blocking byte streams over socket channels (Tornado's {@code iostream}).
 *
 * <p>{@link io.squall.iostream.BaseIOStream} holds the read buffer, the pending read, the write
 * queue with its back-pressure watermarks and the closing rules; {@link
 * io.squall.iostream.IOStream} is the plain-socket transport. Streams are used on their loop's
 * thread only. Failures reach the returned futures as {@link io.squall.iostream.StreamClosedError},
 * {@link io.squall.iostream.UnsatisfiableReadError} and {@link
 * io.squall.iostream.StreamBufferFullError}.
 */
package io.squall.iostream;
