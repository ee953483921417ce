package io.squall.iostream;

import java.io.IOException;

/**
 * A read, write or wait failed because the stream is closed (Tornado's {@code StreamClosedError}).
 *
 * <p>The {@linkplain #getCause() cause} is the reason the stream closed, as reported by {@link
 * BaseIOStream#error()}: an {@link java.io.EOFException} when the peer closed its side, the {@link
 * IOException} of a failed socket operation (for example a connection reset), the error passed to
 * {@link BaseIOStream#close(Throwable)}, or {@code null} after a plain local {@link
 * BaseIOStream#close()}.
 */
public class StreamClosedError extends IOException {
  /** Creates the error for a stream that closed because of {@code realError} (may be null). */
  public StreamClosedError(Throwable realError) {
    super(message(realError), realError);
  }

  /** Creates the error for a stream closed locally without a cause. */
  public StreamClosedError() {
    this(null);
  }

  /** The reason the stream closed, or null after a plain local close (same as getCause()). */
  public Throwable realError() {
    return getCause();
  }

  private static String message(Throwable realError) {
    if (realError == null) {
      return "Stream is closed";
    }
    String m = realError.getMessage();
    return "Stream is closed: " + (m == null ? realError.getClass().getSimpleName() : m);
  }
}
