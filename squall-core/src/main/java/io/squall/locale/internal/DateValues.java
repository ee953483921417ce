package io.squall.locale.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.ChronoZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/** Turns the date values templates pass to {@code format_date} into instants. */
public final class DateValues {
  private DateValues() {}

  /**
   * The instant {@code value} stands for: an {@link Instant}; a zoned or offset date-time; a {@link
   * LocalDateTime} or {@link LocalDate} (taken as UTC, as Tornado takes naive datetimes); a {@link
   * Date} (also {@code java.sql.Timestamp} and {@code java.sql.Date}); or a number of seconds since
   * the epoch (Tornado's timestamps, fractions allowed).
   *
   * @throws IllegalArgumentException naming the type for anything else
   */
  public static Instant toInstant(Object value) {
    return switch (value) {
      case Instant i -> i;
      case ChronoZonedDateTime<?> z -> z.toInstant();
      case java.time.OffsetDateTime o -> o.toInstant();
      case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
      case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
      case Date d -> Instant.ofEpochMilli(d.getTime());
      case Long n -> Instant.ofEpochSecond(n);
      case Integer n -> Instant.ofEpochSecond(n);
      case Number n -> seconds(n);
      case TemporalAccessor t when t.isSupported(ChronoField.INSTANT_SECONDS) -> Instant.from(t);
      case null -> throw new IllegalArgumentException("a date is needed, got None");
      default ->
          throw new IllegalArgumentException(
              "a date is needed (an Instant, a date-time, a java.util.Date or epoch seconds),"
                  + " got "
                  + value.getClass().getName());
    };
  }

  private static Instant seconds(Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("a date is needed, got the number " + n);
    }
    BigDecimal exact = new BigDecimal(n.toString());
    BigDecimal whole = exact.setScale(0, java.math.RoundingMode.FLOOR);
    long nanos = exact.subtract(whole).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
