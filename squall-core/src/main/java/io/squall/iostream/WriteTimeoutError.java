package io.squall.iostream;

import java.io.IOException;

/**
 * Why a stream closed when its peer took none of the queued bytes for {@link
 * IOStreamOptions#writeTimeout()} (a client that stopped reading).
 */
public class WriteTimeoutError extends IOException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message}. */
  public WriteTimeoutError(String message) {
    super(message);
  }
}
