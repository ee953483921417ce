package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * format_date, format_day, list and friendly_number against a fixed clock. The English and Spanish
 * expectations were produced by Tornado 6.2 itself with its clock pinned to the same instant and
 * the same CSV fixtures.
 */
class LocaleFormatTest {
  /** Sunday, April 28, 2013, 18:35 UTC. */
  static final Instant NOW = Instant.parse("2013-04-28T18:35:00Z");

  static final Translations FIXTURES = load();

  static Translations load() {
    try {
      return Translations.fromCsv(CsvTranslationsTest.fixtures());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Locale en = FIXTURES.get("en_US");
  static Locale es = FIXTURES.get("es");
  static Locale de = FIXTURES.get("de");

  static Instant ago(Duration d) {
    return NOW.minus(d);
  }

  static String relative(Locale l, Duration ago) {
    return l.formatDate(NOW.minus(ago), 0, true, false, false, NOW);
  }

  static String shorter(Locale l, Duration ago) {
    return l.formatDate(NOW.minus(ago), 0, true, true, false, NOW);
  }

  @Test
  void secondsMinutesAndHoursAgo() {
    assertThat(relative(en, Duration.ZERO)).isEqualTo("0 seconds ago");
    assertThat(relative(en, Duration.ofSeconds(1))).isEqualTo("1 second ago");
    assertThat(relative(en, Duration.ofSeconds(49))).isEqualTo("49 seconds ago");
    assertThat(relative(en, Duration.ofSeconds(50))).isEqualTo("1 minute ago");
    assertThat(relative(en, Duration.ofSeconds(90))).isEqualTo("2 minutes ago"); // 1.5 -> 2
    assertThat(relative(en, Duration.ofSeconds(150))).isEqualTo("2 minutes ago"); // 2.5 -> 2
    assertThat(relative(en, Duration.ofSeconds(2999))).isEqualTo("50 minutes ago");
    assertThat(relative(en, Duration.ofSeconds(3000))).isEqualTo("1 hour ago");
    assertThat(relative(en, Duration.ofHours(2))).isEqualTo("2 hours ago");
    assertThat(relative(en, Duration.ofMinutes(23 * 60 + 40))).isEqualTo("24 hours ago");
  }

  @Test
  void daysAgo() {
    assertThat(relative(en, Duration.ofDays(1))).isEqualTo("yesterday at 6:35 pm");
    assertThat(shorter(en, Duration.ofDays(1))).isEqualTo("yesterday");
    // 43 hours ago is two calendar days back: a weekday, not "yesterday"
    assertThat(relative(en, Duration.ofHours(43))).isEqualTo("Friday at 11:35 pm");
    assertThat(en.formatDate(ago(Duration.ofDays(1)), 0, false, false, false, NOW))
        .isEqualTo("Saturday at 6:35 pm");
    assertThat(relative(en, Duration.ofDays(2))).isEqualTo("Friday at 6:35 pm");
    assertThat(shorter(en, Duration.ofHours(4 * 24 + 23))).isEqualTo("Tuesday");
    assertThat(relative(en, Duration.ofDays(5))).isEqualTo("April 23 at 6:35 pm");
    assertThat(shorter(en, Duration.ofDays(300))).isEqualTo("July 2");
    assertThat(relative(en, Duration.ofDays(333))).isEqualTo("May 30 at 6:35 pm");
    assertThat(relative(en, Duration.ofDays(334))).isEqualTo("May 29, 2012 at 6:35 pm");
    assertThat(shorter(en, Duration.ofDays(500))).isEqualTo("December 15, 2011");
  }

  @Test
  void notRelativeWithinTheDayIsTheTime() {
    assertThat(en.formatDate(ago(Duration.ofHours(2)), 0, false, false, false, NOW))
        .isEqualTo("4:35 pm");
  }

  @Test
  void theFutureIsNowWithinAMinuteElseFull() {
    Instant soon = NOW.plusSeconds(30);
    assertThat(en.formatDate(soon, 0, true, false, false, NOW)).isEqualTo("0 seconds ago");
    assertThat(en.formatDate(soon, 0, false, false, false, NOW))
        .isEqualTo("April 28, 2013 at 6:35 pm");
    assertThat(en.formatDate(NOW.plusSeconds(300), 0, true, false, false, NOW))
        .isEqualTo("April 28, 2013 at 6:40 pm");
    // a day and 30 seconds ahead is not "now" (Tornado looks at the 30 seconds alone)
    assertThat(en.formatDate(NOW.plusSeconds(86_430), 0, true, false, false, NOW))
        .isEqualTo("April 29, 2013 at 6:35 pm");
  }

  @Test
  void fullFormatAndTwelveHourClock() {
    assertThat(en.formatDate(Instant.parse("2013-04-28T18:35:00Z"), 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 6:35 pm");
    assertThat(en.formatDate(Instant.parse("2013-04-28T00:05:00Z"), 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 12:05 am");
    assertThat(en.formatDate(Instant.parse("2013-04-28T12:05:00Z"), 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 12:05 pm");
    assertThat(en.formatDate(Instant.parse("2013-04-28T12:05:00Z"), 0, true, true, true, NOW))
        .isEqualTo("April 28, 2013");
  }

  @Test
  void gmtOffsetIsMinutesBehindUtc() {
    Instant threeDays = ago(Duration.ofDays(3));
    assertThat(en.formatDate(threeDays, -120, true, false, false, NOW))
        .isEqualTo("Thursday at 8:35 pm");
    assertThat(en.formatDate(threeDays, 420, true, false, false, NOW))
        .isEqualTo("Thursday at 11:35 am");
    // the offset moves the calendar day too
    assertThat(en.formatDate(Instant.parse("2013-04-28T01:00:00Z"), 120, true, true, true, NOW))
        .isEqualTo("April 27, 2013");
  }

  @Test
  void translatedPatternsAndTwentyFourHourClock() {
    assertThat(relative(es, Duration.ofSeconds(1))).isEqualTo("hace 1 segundo");
    assertThat(relative(es, Duration.ofMinutes(5))).isEqualTo("hace 5 minutos");
    assertThat(relative(es, Duration.ofHours(1))).isEqualTo("hace 1 hora");
    assertThat(relative(es, Duration.ofDays(1))).isEqualTo("ayer a las 18:35");
    assertThat(relative(es, Duration.ofDays(3))).isEqualTo("jueves a las 18:35");
    assertThat(relative(es, Duration.ofDays(40))).isEqualTo("19 de marzo a las 18:35");
    assertThat(relative(es, Duration.ofDays(400))).isEqualTo("24 de marzo de 2012 a las 18:35");
    assertThat(shorter(es, Duration.ofDays(400))).isEqualTo("24 de marzo de 2012");
    // German has only a few rows: untranslated patterns, translated month, 24-hour clock
    assertThat(relative(de, Duration.ofDays(40))).isEqualTo("March 19 at 18:35");
    assertThat(de.formatDate(Instant.parse("2013-01-02T07:05:00Z"), 0, true, false, true, NOW))
        .isEqualTo("Januar 2, 2013 at 7:05");
  }

  @Test
  void clockStylePerLocale() {
    Instant evening = Instant.parse("2013-04-28T18:05:00Z");
    Instant morning = Instant.parse("2013-04-28T09:05:00Z");
    Locale zh = Translations.none().withDefault("zh_CN").get("zh_CN");
    assertThat(zh.formatDate(evening, 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 下午6:05");
    assertThat(zh.formatDate(morning, 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 上午9:05");
    Locale en = Translations.none().withDefault("en").get("en");
    assertThat(en.formatDate(morning, 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 9:05 am");
    Locale gb = Translations.none().withDefault("en_GB").get("en_GB");
    assertThat(gb.formatDate(evening, 0, true, false, true, NOW))
        .isEqualTo("April 28, 2013 at 18:05");
  }

  @Test
  void formatDay() {
    Instant date = Instant.parse("2013-04-28T18:35:00Z");
    assertThat(en.formatDay(date)).isEqualTo("Sunday, April 28");
    assertThat(en.formatDay(date, 0, false)).isEqualTo("April 28");
    assertThat(en.formatDay(date, -360, true)).isEqualTo("Monday, April 29");
    assertThat(es.formatDay(date)).isEqualTo("domingo, 28 de abril");
    assertThat(es.formatDay(date, 0, false)).isEqualTo("28 de abril");
  }

  @Test
  void lists() {
    assertThat(en.list(List.of())).isEmpty();
    assertThat(en.list(List.of("A"))).isEqualTo("A");
    assertThat(en.list(List.of("A", "B"))).isEqualTo("A and B");
    assertThat(en.list("A", "B", "C")).isEqualTo("A, B and C");
    assertThat(es.list(List.of("Ana", "Luis", "Eva"))).isEqualTo("Ana, Luis y Eva");
    assertThat(de.list(List.of(1, 2, 3))).isEqualTo("1, 2 und 3");
    Locale fa = Translations.none().withDefault("fa_IR").get("fa_IR");
    assertThat(fa.list("A", "B", "C")).isEqualTo("A \u0648 B and C");
  }

  @Test
  void friendlyNumbers() {
    assertThat(en.friendlyNumber(1_000_000)).isEqualTo("1,000,000");
    assertThat(en.friendlyNumber(999)).isEqualTo("999");
    assertThat(en.friendlyNumber(1000)).isEqualTo("1,000");
    assertThat(en.friendlyNumber(0)).isEqualTo("0");
    assertThat(en.friendlyNumber(-1_234_567)).isEqualTo("-1,234,567");
    assertThat(en.friendlyNumber(Long.MIN_VALUE)).isEqualTo("-9,223,372,036,854,775,808");
    assertThat(de.friendlyNumber(1_000_000)).isEqualTo("1000000");
  }
}
