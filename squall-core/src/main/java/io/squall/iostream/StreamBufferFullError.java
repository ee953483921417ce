package io.squall.iostream;

import java.io.IOException;

/**
 * A pending read could not be satisfied without the read buffer growing past {@link
 * IOStreamOptions#maxBufferSize()} (Tornado's {@code StreamBufferFullError}). The read fails with
 * this error and the stream then closes.
 */
public class StreamBufferFullError extends IOException {
  /** Creates the error with a message. */
  public StreamBufferFullError(String message) {
    super(message);
  }
}
