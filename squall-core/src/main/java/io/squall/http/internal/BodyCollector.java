package io.squall.http.internal;

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

  /** A collector sized for {@code contentLength} (the header's value, may be null). */
  public BodyCollector(String contentLength) {
    int size = 0;
    if (contentLength != null) {
      try {
        size = (int) Math.min(Long.parseLong(contentLength.trim()), MAX_PREALLOCATE);
      } catch (NumberFormatException e) {
        // the parser already rejected a bad Content-Length
      }
    }
    body = new byte[Math.max(size, 0)];
  }

  /** Appends the remaining bytes of {@code chunk}. */
  public void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (length + n > body.length) {
      body = Arrays.copyOf(body, Math.max(length + n, body.length * 2));
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
