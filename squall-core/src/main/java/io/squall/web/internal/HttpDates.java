package io.squall.web.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 section 5.6.7): formatting as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}) and parsing of the three forms a recipient must accept. The formatters are shared
 * constants; formatting still allocates, so per-request headers such as {@code Date} should be
 * cached by their owner (once a second), not formatted here on every response.
 */
public final class HttpDates {
  /** IMF-fixdate: always two-digit day, English names, GMT. */
  public static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  // Parsers for what follows the weekday, which is skipped rather than cross-checked: a client
  // that names the wrong day still means the date it gives.
  private static final DateTimeFormatter IMF_REST =
      DateTimeFormatter.ofPattern("dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter RFC_850_REST =
      DateTimeFormatter.ofPattern("dd-MMM-uu HH:mm:ss 'GMT'", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter ASCTIME_REST =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss uuuu", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);

  private HttpDates() {}

  /** Formats {@code instant} (truncated to whole seconds) as an IMF-fixdate. */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /**
   * Parses an HTTP date in IMF-fixdate, obsolete RFC 850 or asctime form.
   *
   * @return the instant, or null if {@code value} is null or none of the forms match
   */
  public static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    int letters = 0;
    while (letters < v.length() && Character.isLetter(v.charAt(letters))) {
      letters++;
    }
    if (letters < 3 || letters >= v.length()) {
      return null;
    }
    try {
      if (v.charAt(letters) == ',') {
        String rest = v.substring(letters + 1).trim();
        if (letters == 3) {
          return LocalDateTime.parse(rest, IMF_REST).toInstant(ZoneOffset.UTC);
        }
        LocalDateTime t = LocalDateTime.parse(rest, RFC_850_REST);
        // Two-digit years parse as 2000-2099; RFC 9110 says a year more than 50 years in the
        // future means the most recent past year with those digits.
        if (t.getYear() > LocalDateTime.now(ZoneOffset.UTC).getYear() + 50) {
          t = t.minusYears(100);
        }
        return t.toInstant(ZoneOffset.UTC);
      }
      if (letters == 3 && v.charAt(3) == ' ') {
        return LocalDateTime.parse(v.substring(4), ASCTIME_REST).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }
}
