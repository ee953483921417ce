package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {
  private static final Instant EXAMPLE = Instant.ofEpochSecond(784111777); // RFC 9110's example

  @Test
  void formatsImfFixdate() {
    assertThat(HttpDates.format(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.format(1359312200L)).isEqualTo("Sun, 27 Jan 2013 18:43:20 GMT");
    assertThat(HttpDates.format(0L)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(HttpDates.format(Instant.parse("2000-02-29T23:59:59.999Z")))
        .isEqualTo("Tue, 29 Feb 2000 23:59:59 GMT");
    assertThat(HttpDates.format(-1L)).isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
  }

  @Test
  void formatMatchesTheJdkOverManyDates() {
    DateTimeFormatter jdk =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    Random rnd = new Random(1);
    for (int i = 0; i < 2000; i++) {
      long s = rnd.nextLong(253402300799L); // up to 9999-12-31
      assertThat(HttpDates.format(s)).isEqualTo(jdk.format(Instant.ofEpochSecond(s)));
      assertThat(HttpDates.parse(HttpDates.format(s))).contains(Instant.ofEpochSecond(s));
    }
  }

  @Test
  void refusesYearsThatDoNotFitFourDigits() {
    assertThatThrownBy(() -> HttpDates.format(253402300800L)) // year 10000
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpDates.format(Instant.MIN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesAllThreeFormats() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sun Nov 16 08:49:37 1994"))
        .contains(ZonedDateTime.of(1994, 11, 16, 8, 49, 37, 0, ZoneOffset.UTC).toInstant());
  }

  @Test
  void lenientBits() {
    assertThat(HttpDates.parse("  sun, 06 nov 1994 08:49:37 GMT ")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sun, 6 Nov 1994 08:49:37 GMT")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 UTC")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT"))
        .contains(EXAMPLE); // wrong day name
    assertThat(HttpDates.parse("Sun Nov 06 08:49:37 1994")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sun Nov 6 08:49:37 1994")).contains(EXAMPLE);
    assertThat(HttpDates.parse("Sat, 31 Dec 2016 23:59:60 GMT"))
        .contains(Instant.parse("2016-12-31T23:59:59Z"));
  }

  @Test
  void rfc850TwoDigitYears() {
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", 2025)).contains(EXAMPLE);
    assertThat(HttpDates.parse("Thursday, 01-Jan-70 00:00:00 GMT", 2019)).contains(Instant.EPOCH);
    assertThat(HttpDates.parse("Thursday, 01-Jan-70 00:00:00 GMT", 2025))
        .contains(Instant.parse("2070-01-01T00:00:00Z"));
    assertThat(HttpDates.parse("Friday, 01-Jan-27 00:00:00 GMT", 2025))
        .contains(Instant.parse("2027-01-01T00:00:00Z"));
    // More than 50 years ahead of 2025 means the past century.
    assertThat(HttpDates.parse("Friday, 01-Jan-76 00:00:00 GMT", 2025))
        .contains(Instant.parse("1976-01-01T00:00:00Z"));
    assertThat(HttpDates.parse("Friday, 01-Jan-75 00:00:00 GMT", 2025))
        .contains(Instant.parse("2075-01-01T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT junk",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov  6 08:49:37 94",
        "2024-01-01T00:00:00Z",
      })
  void refusesInvalidDates(String s) {
    assertThat(HttpDates.parse(s)).isEmpty();
  }

  @Test
  void nullIsEmpty() {
    assertThat(HttpDates.parse(null)).isEqualTo(Optional.empty());
  }
}
