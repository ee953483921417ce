package io.squall.web.internal;

/**
 * Single byte ranges: parsing a {@code Range} request header against a resource of known size, and
 * formatting {@code Content-Range} (RFC 9110 section 14).
 *
 * <p>{@link #parse} gives one of three answers:
 *
 * <ul>
 *   <li>{@link Partial}: send 206 with {@link Partial#contentRange()} and bytes {@code start ..
 *       endInclusive}. An end past the resource is clamped to its last byte, and a suffix longer
 *       than the resource covers all of it.
 *   <li>{@link Unsatisfiable}: send 416 with {@link Unsatisfiable#contentRange()} ({@code bytes
 *       *}/size): the first byte lies at or beyond the end, or the suffix length is 0.
 *   <li>{@link Full}: ignore the header and send the whole resource with 200. That is the answer
 *       for: no header; another unit; anything malformed (including a last byte before the first,
 *       {@code bytes=5-2}, which Tornado answers with 416 instead; RFC 9110 allows either); a range
 *       that covers the whole resource ({@code bytes=0-} — as Tornado, since some clients, Chrome's
 *       audio player among them, dislike a 206 for the whole thing); a suffix range on an empty
 *       resource (no {@code Content-Range} can describe zero bytes); and <b>multiple ranges</b>
 *       ({@code bytes=0-1,5-6}): like Tornado, Squall does not produce {@code multipart/byteranges}
 *       and sends the whole resource.
 * </ul>
 *
 * <p>The unit is matched case-insensitively; whitespace around the unit, the range and its numbers
 * is tolerated. Numbers are ASCII digits only (no signs); numbers too large for a {@code long}
 * saturate, so a huge first byte is unsatisfiable and a huge last byte is clamped.
 */
public final class ByteRange {
  private static final long ABSENT = -1;
  private static final long BAD = -2;

  private ByteRange() {}

  /** The outcome of {@link #parse}. */
  public sealed interface Result permits Full, Partial, Unsatisfiable {}

  /** Ignore the {@code Range} header: send the whole resource with 200. */
  public record Full() implements Result {}

  /** The one shared {@link Full} value. */
  public static final Full FULL = new Full();

  /**
   * Send 206 with bytes {@code start..endInclusive} of a resource of {@code size} bytes.
   *
   * @param start first byte, {@code 0 <= start <= endInclusive}
   * @param endInclusive last byte, {@code < size}
   * @param size the resource's size
   */
  public record Partial(long start, long endInclusive, long size) implements Result {
    /** Number of bytes to send, the {@code Content-Length}. */
    public long length() {
      return endInclusive - start + 1;
    }

    /** The {@code Content-Range} header value, {@code bytes start-end/size}. */
    public String contentRange() {
      return ByteRange.contentRange(start, endInclusive, size);
    }
  }

  /** Send 416 with {@link #contentRange()}. */
  public record Unsatisfiable(long size) implements Result {
    /** The {@code Content-Range} header value, {@code bytes *}{@code /size}. */
    public String contentRange() {
      return unsatisfiedContentRange(size);
    }
  }

  /**
   * Interprets a {@code Range} header for a resource of {@code size} bytes.
   *
   * @param header the header value, or null if absent
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static Result parse(String header, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (header == null) {
      return FULL;
    }
    int eq = header.indexOf('=');
    if (eq < 0 || !header.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
      return FULL;
    }
    String spec = header.substring(eq + 1).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) {
      return FULL;
    }
    long first = number(spec.substring(0, dash).trim());
    long last = number(spec.substring(dash + 1).trim());
    if (first == BAD || last == BAD || (first == ABSENT && last == ABSENT)) {
      return FULL;
    }
    if (first == ABSENT) { // suffix: the last n bytes
      if (last == 0) {
        return new Unsatisfiable(size);
      }
      if (size == 0 || last >= size) {
        return FULL;
      }
      return new Partial(size - last, size - 1, size);
    }
    if (last != ABSENT && last < first) {
      return FULL;
    }
    if (first >= size) {
      return new Unsatisfiable(size);
    }
    long end = last == ABSENT ? size - 1 : Math.min(last, size - 1);
    if (first == 0 && end == size - 1) {
      return FULL;
    }
    return new Partial(first, end, size);
  }

  /** {@code bytes start-endInclusive/size}. */
  public static String contentRange(long start, long endInclusive, long size) {
    return "bytes " + start + "-" + endInclusive + "/" + size;
  }

  /** {@code bytes *}{@code /size}, for a 416 response. */
  public static String unsatisfiedContentRange(long size) {
    return "bytes */" + size;
  }

  /** Digits to a non-negative long (saturating); ABSENT if empty; BAD if not all digits. */
  private static long number(String s) {
    if (s.isEmpty()) {
      return ABSENT;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return BAD;
      }
      if (n > (Long.MAX_VALUE - 9) / 10) {
        n = Long.MAX_VALUE;
      } else {
        n = n * 10 + (c - '0');
      }
    }
    return n;
  }
}
