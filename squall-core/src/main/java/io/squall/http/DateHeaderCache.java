package io.squall.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The current value of the {@code Date} response header, formatted at most once per second, so
 * writing a response never formats a date.
 *
 * <p>Thread-safe and lock-free: every event loop may share {@link #shared()}. The returned arrays
 * are shared by all callers and must not be modified. Within one second of the clock, every call
 * returns the very same array.
 */
public final class DateHeaderCache {
  private static final byte[] PREFIX = "Date: ".getBytes(StandardCharsets.US_ASCII);
  private static final DateHeaderCache SHARED = new DateHeaderCache(System::currentTimeMillis);

  private final LongSupplier clockMillis;
  private volatile Entry current;

  private record Entry(long second, byte[] value, byte[] line) {}

  /**
   * A cache reading {@code clockMillis} (milliseconds since the epoch, e.g. {@code
   * System::currentTimeMillis}); tests pass a fake clock.
   */
  public DateHeaderCache(LongSupplier clockMillis) {
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
  }

  /** The process-wide cache on the system clock. */
  public static DateHeaderCache shared() {
    return SHARED;
  }

  /** The IMF-fixdate of the current second as 29 ASCII bytes. Do not modify the array. */
  public byte[] value() {
    return entry().value;
  }

  /** The whole header line, {@code "Date: <IMF-fixdate>\r\n"}, as ASCII bytes. Do not modify. */
  public byte[] headerLine() {
    return entry().line;
  }

  /** The IMF-fixdate of the current second as a string. */
  public String valueString() {
    return new String(entry().value, StandardCharsets.ISO_8859_1);
  }

  private Entry entry() {
    long second = Math.floorDiv(clockMillis.getAsLong(), 1000L);
    Entry e = current;
    if (e != null && e.second == second) {
      return e;
    }
    byte[] line = new byte[PREFIX.length + HttpDates.IMF_LENGTH + 2];
    System.arraycopy(PREFIX, 0, line, 0, PREFIX.length);
    HttpDates.formatTo(second, line, PREFIX.length);
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    byte[] value = new byte[HttpDates.IMF_LENGTH];
    System.arraycopy(line, PREFIX.length, value, 0, value.length);
    e = new Entry(second, value, line);
    current = e; // racing threads may each build one; all are equal and any may win
    return e;
  }
}
