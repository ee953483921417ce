package io.squall.http.internal;

import io.squall.http.HttpInputException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a request body that arrives in pieces into one array. The connection has already bounded
 * the body by {@code maxBodySize}; the first allocation trusts {@code Content-Length} only up to 64
 * KiB, so a client cannot make the server reserve memory it never sends (at 1 MiB, 500 slow-body
 * connections that had each sent a head took 500 MB; issue 16). Larger bodies grow by doubling.
 */
public final class BodyCollector {
  static final int MAX_PREALLOCATE = 64 * 1024;

  private byte[] body;
  private int length;

  /**
   * A collector sized for {@code contentLength} (the header's value, may be null).
   *
   * @throws HttpInputException with 413 if the declared length is more than one array can hold
   *     (possible with a {@code maxBodySize} over 2 GiB): refused from the head, before any of it
   *     is read
   */
  public BodyCollector(String contentLength) {
    int size = 0;
    if (contentLength != null) {
      try {
        long declared = Long.parseLong(contentLength.trim());
        if (declared > MAX_COLLECTED) {
          throw tooLarge();
        }
        size = (int) Math.min(declared, MAX_PREALLOCATE);
      } catch (NumberFormatException e) {
        // the parser already rejected a bad Content-Length
      }
    }
    body = new byte[Math.max(size, 0)];
  }

  private static HttpInputException tooLarge() {
    return new HttpInputException(
        413,
        "a request body over "
            + MAX_COLLECTED
            + " bytes cannot be buffered; the handler must stream it (@StreamRequestBody)");
  }

  /** The most bytes one array can hold (a little under the JVM's limit). */
  static final int MAX_COLLECTED = Integer.MAX_VALUE - 64;

  /**
   * Appends the remaining bytes of {@code chunk}.
   *
   * @throws HttpInputException with 413 if the body would pass {@link #MAX_COLLECTED} bytes: a body
   *     that large (allowed by a {@code maxBodySize} over 2 GiB) must be streamed
   */
  public void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if ((long) length + n > MAX_COLLECTED) {
      throw tooLarge();
    }
    if (length + n > body.length) {
      long grown = Math.max((long) length + n, (long) body.length * 2);
      body = Arrays.copyOf(body, (int) Math.min(grown, MAX_COLLECTED));
    }
    chunk.get(body, length, n);
    length += n;
  }

  /** The bytes reserved so far (for tests). */
  int capacity() {
    return body.length;
  }

  /** The body collected so far. */
  public byte[] toArray() {
    return length == body.length ? body : Arrays.copyOf(body, length);
  }
}
