package io.squall.iostream;

import java.io.IOException;

/**
 * A pending read could not be satisfied without the read buffer growing past {@link
 * IOStreamOptions#maxBufferSize()}, or a write would have queued more than {@link
 * IOStreamOptions#maxWriteBufferSize()} (Tornado's {@code StreamBufferFullError}). The read or
 * write fails with this error and the stream then closes.
 */
public class StreamBufferFullError extends IOException {
  /** Creates the error with a message. */
  public StreamBufferFullError(String message) {
    super(message);
  }
}
