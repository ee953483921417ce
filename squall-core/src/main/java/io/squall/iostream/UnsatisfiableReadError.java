package io.squall.iostream;

import java.io.IOException;

/**
 * A delimited read ({@link BaseIOStream#readUntil(byte[], int)} or {@link
 * BaseIOStream#readUntilRegex(java.util.regex.Pattern, int)}) found no match within its {@code
 * maxBytes} limit (Tornado's {@code UnsatisfiableReadError}). The read fails with this error and
 * the stream then closes.
 */
public class UnsatisfiableReadError extends IOException {
  /** Creates the error with a message naming the delimiter and the limit. */
  public UnsatisfiableReadError(String message) {
    super(message);
  }
}
