package io.squall.http;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 section 5.6.7): formatting as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}, Tornado's {@code format_timestamp}) and parsing of all three formats a recipient must
 * accept: IMF-fixdate, the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and ANSI
 * C's asctime form ({@code Sun Nov 6 08:49:37 1994}).
 *
 * <p>Hand-written, without {@code DateTimeFormatter} or regular expressions. For the {@code Date}
 * response header use {@link DateHeaderCache}, which formats at most once per second.
 */
public final class HttpDates {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] LONG_DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /** Length of an IMF-fixdate. */
  static final int IMF_LENGTH = 29;

  private HttpDates() {}

  /**
   * Formats {@code epochSeconds} as IMF-fixdate, e.g. {@code format(784111777)} is {@code "Sun, 06
   * Nov 1994 08:49:37 GMT"}.
   *
   * @throws IllegalArgumentException if the year is outside 0000-9999
   */
  public static String format(long epochSeconds) {
    byte[] b = new byte[IMF_LENGTH];
    formatTo(epochSeconds, b, 0);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /**
   * Formats {@code instant} as IMF-fixdate (fractions of a second are dropped).
   *
   * @throws IllegalArgumentException if the year is outside 0000-9999
   */
  public static String format(Instant instant) {
    return format(instant.getEpochSecond());
  }

  /** Writes the 29 ASCII bytes of the IMF-fixdate of {@code epochSeconds} at {@code dst[off]}. */
  static void formatTo(long epochSeconds, byte[] dst, int off) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    int secOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
    LocalDate date;
    try {
      date = LocalDate.ofEpochDay(days);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("date out of range", e);
    }
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year out of range for an HTTP date: " + year);
    }
    String dow = DAYS[date.getDayOfWeek().getValue() - 1];
    String mon = MONTHS[date.getMonthValue() - 1];
    int p = off;
    p = ascii(dow, dst, p);
    dst[p++] = ',';
    dst[p++] = ' ';
    p = digits(date.getDayOfMonth(), 2, dst, p);
    dst[p++] = ' ';
    p = ascii(mon, dst, p);
    dst[p++] = ' ';
    p = digits(year, 4, dst, p);
    dst[p++] = ' ';
    p = digits(secOfDay / 3600, 2, dst, p);
    dst[p++] = ':';
    p = digits(secOfDay / 60 % 60, 2, dst, p);
    dst[p++] = ':';
    p = digits(secOfDay % 60, 2, dst, p);
    dst[p++] = ' ';
    ascii("GMT", dst, p);
  }

  private static int ascii(String s, byte[] dst, int p) {
    for (int i = 0; i < s.length(); i++) {
      dst[p++] = (byte) s.charAt(i);
    }
    return p;
  }

  private static int digits(int v, int width, byte[] dst, int p) {
    for (int i = width - 1; i >= 0; i--) {
      dst[p + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return p + width;
  }

  /**
   * Parses an HTTP date in any of the three formats. Surrounding whitespace is ignored; month and
   * day names are matched ignoring case; the day name is not checked against the date; a 1-digit
   * day is accepted in IMF-fixdate; {@code UTC} is accepted for {@code GMT}; a leap second (60)
   * counts as 59. RFC 850's two-digit year is read as RFC 9110 says: a year more than 50 years in
   * the future means the most recent past year with those digits.
   *
   * @return the instant, or empty if {@code s} is null or not a valid HTTP date
   */
  public static Optional<Instant> parse(String s) {
    return parse(s, LocalDate.now(ZoneOffset.UTC).getYear());
  }

  /** {@link #parse(String)} with the current year given (for two-digit years). */
  static Optional<Instant> parse(String s, int currentYear) {
    if (s == null) {
      return Optional.empty();
    }
    Cursor c = new Cursor(s.strip());
    int comma = c.s.indexOf(',');
    boolean ok;
    if (comma == 3) {
      ok =
          c.name(DAYS) >= 0
              && c.lit(", ")
              && c.day(false)
              && c.lit(" ")
              && c.month()
              && c.lit(" ")
              && c.year4()
              && c.lit(" ")
              && c.time()
              && c.lit(" ")
              && c.zone();
    } else if (comma > 3) {
      ok =
          c.name(LONG_DAYS) >= 0
              && c.lit(", ")
              && c.day(false)
              && c.lit("-")
              && c.month()
              && c.lit("-")
              && c.year2(currentYear)
              && c.lit(" ")
              && c.time()
              && c.lit(" ")
              && c.zone();
    } else {
      ok =
          c.name(DAYS) >= 0
              && c.lit(" ")
              && c.month()
              && c.lit(" ")
              && c.day(true)
              && c.lit(" ")
              && c.time()
              && c.lit(" ")
              && c.year4();
    }
    if (!ok || c.i != c.s.length()) {
      return Optional.empty();
    }
    try {
      LocalDate d = LocalDate.of(c.year, c.month, c.day);
      long secs = d.toEpochDay() * 86_400L + c.hour * 3600L + c.minute * 60L + c.second;
      return Optional.of(Instant.ofEpochSecond(secs));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** A position in the string being parsed, and the fields read so far. */
  private static final class Cursor {
    final String s;
    int i;
    int lastNum;
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;

    Cursor(String s) {
      this.s = s;
    }

    int name(String[] names) {
      for (int k = 0; k < names.length; k++) {
        String n = names[k];
        if (s.regionMatches(true, i, n, 0, n.length())) {
          i += n.length();
          return k;
        }
      }
      return -1;
    }

    boolean lit(String l) {
      if (s.startsWith(l, i)) {
        i += l.length();
        return true;
      }
      return false;
    }

    boolean num(int width) {
      if (i + width > s.length()) {
        return false;
      }
      int v = 0;
      for (int k = 0; k < width; k++) {
        char ch = s.charAt(i + k);
        if (ch < '0' || ch > '9') {
          return false;
        }
        v = v * 10 + (ch - '0');
      }
      i += width;
      lastNum = v;
      return true;
    }

    boolean day(boolean asctime) {
      if (asctime && lit(" ")) {
        if (!num(1)) {
          return false;
        }
      } else if (!num(2) && !num(1)) {
        return false;
      }
      day = lastNum;
      return true;
    }

    boolean month() {
      int m = name(MONTHS);
      month = m + 1;
      return m >= 0;
    }

    boolean year4() {
      if (!num(4)) {
        return false;
      }
      year = lastNum;
      return true;
    }

    boolean year2(int currentYear) {
      if (!num(2)) {
        return false;
      }
      int y = currentYear / 100 * 100 + lastNum;
      if (y > currentYear + 50) {
        y -= 100;
      }
      year = y;
      return true;
    }

    boolean time() {
      if (!num(2)) {
        return false;
      }
      hour = lastNum;
      if (!lit(":") || !num(2)) {
        return false;
      }
      minute = lastNum;
      if (!lit(":") || !num(2)) {
        return false;
      }
      second = Math.min(lastNum, 59);
      return hour <= 23 && minute <= 59 && lastNum <= 60;
    }

    boolean zone() {
      return lit("GMT") || lit("UTC");
    }
  }
}
