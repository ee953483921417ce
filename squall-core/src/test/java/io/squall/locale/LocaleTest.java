package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.template.TemplateArgs;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Choosing locales, the process-wide translations, names, direction and template calls. */
class LocaleTest {
  private Translations saved;

  @BeforeEach
  void save() {
    saved = Locale.translations();
  }

  @AfterEach
  void restore() {
    Locale.useTranslations(saved);
  }

  static Translations fixtures() {
    return LocaleFormatTest.FIXTURES;
  }

  @Test
  void withoutTranslationsOnlyTheDefaultExistsAndTranslatesToItself() {
    Locale.useTranslations(Translations.none());
    assertThat(Locale.supportedLocales()).containsExactly("en_US");
    assertThat(Locale.defaultCode()).isEqualTo("en_US");
    Locale l = Locale.getClosest("fr_FR", "de");
    assertThat(l.code()).isEqualTo("en_US");
    assertThat(l.translate("Sign out")).isEqualTo("Sign out");
    assertThat(l.translate("1 file", "%(n)d files", 2)).isEqualTo("%(n)d files");
  }

  @Test
  void closestMatchesTornadosRules() {
    Translations t = fixtures().withDefault("en_US");
    assertThat(t.getClosest("es").code()).isEqualTo("es");
    assertThat(t.getClosest("es-MX").code()).isEqualTo("es"); // language of a region
    assertThat(t.getClosest("ES_mx").code()).isEqualTo("es");
    assertThat(t.getClosest("fr-fr").code()).isEqualTo("fr_FR"); // normalised case
    assertThat(t.getClosest("fr").code()).isEqualTo("en_US"); // fr_FR does not serve "fr"
    assertThat(t.getClosest("", "zh-Hant-TW", "de").code()).isEqualTo("de"); // 3 parts skipped
    assertThat(t.getClosest("xx", "yy").code()).isEqualTo("en_US");
    assertThat(t.getClosest().code()).isEqualTo("en_US");
    assertThat(t.getClosest(List.of("pt", "de")).code()).isEqualTo("de");
    assertThat(t.getClosest("es")).isSameAs(t.get("es")); // cached
  }

  @Test
  void getIsExact() {
    Translations t = fixtures();
    assertThat(t.get("de").code()).isEqualTo("de");
    assertThatThrownBy(() -> t.get("de_DE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'de_DE' is not supported")
        .hasMessageContaining("[de, en_US, es, fr_FR]");
  }

  @Test
  void defaultLocaleIsSupportedAndKeptAcrossLoads() throws Exception {
    Locale.useTranslations(Translations.none());
    Locale.setDefault("es_LA");
    assertThat(Locale.supportedLocales()).containsExactly("es_LA");
    assertThat(Locale.getClosest("de").code()).isEqualTo("es_LA");
    Locale.loadTranslations(CsvTranslationsTest.fixtures());
    assertThat(Locale.defaultCode()).isEqualTo("es_LA");
    assertThat(Locale.supportedLocales()).containsExactly("de", "es", "es_LA", "fr_FR");
    assertThat(Locale.get("de").translate("school")).isEqualTo("Schule");
    assertThat(Locale.getClosest("xx").code()).isEqualTo("es_LA");
    assertThatThrownBy(() -> Locale.setDefault("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedLoadLeavesTheCurrentTranslations() {
    Translations before = Locale.translations();
    assertThatThrownBy(() -> Locale.loadTranslations(java.nio.file.Path.of("/nonexistent-dir")))
        .isInstanceOf(java.io.IOException.class);
    assertThat(Locale.translations()).isSameAs(before);
  }

  @Test
  void localesMadeBeforeALoadKeepTheirTranslations() throws Exception {
    Locale.useTranslations(Translations.none());
    Locale before = Locale.get("en_US");
    Locale.loadTranslations(CsvTranslationsTest.fixtures());
    assertThat(Locale.get("es").translate("school")).isEqualTo("escuela");
    assertThat(before.translate("school")).isEqualTo("school");
  }

  @Test
  void namesAndDirection() {
    assertThat(Locale.names().get("es_LA")).isEqualTo(new LocaleName("Spanish", "Español"));
    assertThat(Locale.names().get("zh_CN").nativeName()).isEqualTo("中文(简体)");
    assertThat(Locale.names()).hasSize(62);
    Translations t = Translations.none();
    assertThat(t.withDefault("de_DE").get("de_DE").name()).isEqualTo("Deutsch");
    assertThat(t.withDefault("de").get("de").name()).isEqualTo("Unknown");
    for (String rtl : List.of("ar", "ar_AR", "fa_IR", "he_IL")) {
      assertThat(t.withDefault(rtl).get(rtl).isRightToLeft()).as(rtl).isTrue();
      assertThat(t.withDefault(rtl).get(rtl).isRtl()).as(rtl).isTrue();
    }
    for (String ltr : List.of("en_US", "de", "zh_CN", "es")) {
      assertThat(t.withDefault(ltr).get(ltr).isRightToLeft()).as(ltr).isFalse();
    }
    Locale ar = t.withDefault("ar_AR").get("ar_AR");
    assertThat(ar.getCode()).isEqualTo("ar_AR");
    assertThat(ar.getName()).isEqualTo("العربية");
    assertThat(ar).hasToString("Locale(ar_AR)");
  }

  @Test
  void interpolateFillsNamedPlaceholders() {
    Locale es = fixtures().get("es");
    String m = es.translate("%(name)s liked this", "%(name)s liked this", 3);
    assertThat(Locale.interpolate(m, Map.of("name", es.list("Ana", "Luis", "Eva"))))
        .isEqualTo("A Ana, Luis y Eva les gustó esto");
  }

  @Test
  void invokeBindsPythonKeywordArguments() {
    Locale en = fixtures().get("en_US");
    Instant date = Instant.parse("2013-04-28T18:35:00Z");
    assertThat(
            en.invoke("format_date", List.of(date), Map.of("full_format", true, "shorter", true)))
        .isEqualTo("April 28, 2013");
    assertThat(en.invoke("format_date", List.of(date, 0, false, false, 1), Map.of()))
        .isEqualTo("April 28, 2013 at 6:35 pm");
    assertThat(en.invoke("format_date", List.of(), Map.of("date", date, "full_format", "yes")))
        .isEqualTo("April 28, 2013 at 6:35 pm");
    assertThat(en.invoke("format_day", List.of(date), Map.of("dow", false))).isEqualTo("April 28");
    assertThat(en.invoke("format_day", List.of(date, -360), Map.of()))
        .isEqualTo("Monday, April 29");
    assertThat(en.invoke("friendly_number", List.of(1234567L), Map.of())).isEqualTo("1,234,567");
    assertThat(en.invoke("list", List.of(List.of("A", "B")), Map.of())).isEqualTo("A and B");
    assertThat(en.invoke("list", List.of((Object) new Object[] {"A"}), Map.of())).isEqualTo("A");
    Locale es = fixtures().get("es");
    assertThat(es.invoke("translate", List.of("school"), Map.of())).isEqualTo("escuela");
    assertThat(
            es.invoke(
                "translate",
                List.of("1 minute ago"),
                Map.of("plural_message", "%(minutes)d minutes ago", "count", 5)))
        .isEqualTo("hace %(minutes)d minutos");
    assertThat(es.invoke("pgettext", List.of("ctx", "school"), Map.of())).isEqualTo("escuela");
  }

  @Test
  void invokeRefusesCallsThatDoNotFitWithPythonsWords() {
    Locale en = fixtures().get("en_US");
    Instant d = Instant.EPOCH;
    assertThatThrownBy(() -> en.invoke("format_date", List.of(d), Map.of("fullformat", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format_date() got an unexpected keyword argument 'fullformat'");
    assertThatThrownBy(() -> en.invoke("format_date", List.of(d), Map.of("date", d)))
        .hasMessage("format_date() got multiple values for argument 'date'");
    assertThatThrownBy(() -> en.invoke("format_day", List.of(), Map.of()))
        .hasMessage("format_day() missing required argument 'date'");
    assertThatThrownBy(() -> en.invoke("list", List.of(1, 2), Map.of()))
        .hasMessage("list() takes at most 1 positional arguments but 2 were given");
    assertThatThrownBy(() -> en.invoke("translate", List.of("a", "b"), Map.of()))
        .hasMessageContaining("needs a count");
    assertThatThrownBy(() -> en.invoke("friendly_number", List.of("12"), Map.of()))
        .hasMessageContaining("must be an integer");
    assertThatThrownBy(() -> en.invoke("format_date", List.of("yesterday"), Map.of()))
        .hasMessageContaining("a date is needed");
    assertThatThrownBy(() -> en.invoke("shout", List.of(), Map.of()))
        .hasMessageContaining("no template method 'shout'");
  }

  @Test
  void templateMethodsTakeTheDatesTemplatesHaveAndKeywords() {
    Locale en = fixtures().get("en_US");
    String expected = "April 28, 2013 at 6:35 pm";
    for (Object date :
        Arrays.asList(
            Instant.parse("2013-04-28T18:35:00Z"),
            LocalDateTime.parse("2013-04-28T18:35:00"),
            OffsetDateTime.parse("2013-04-28T20:35:00+02:00"),
            ZonedDateTime.parse("2013-04-28T14:35:00-04:00[America/New_York]"),
            Date.from(Instant.parse("2013-04-28T18:35:00Z")),
            1367174100L,
            1367174100.25)) {
      assertThat(en.format_date(TemplateArgs.of(date, 0, true, false, true)))
          .as("%s", date)
          .isEqualTo(expected);
    }
    assertThat(
            en.format_date(
                new TemplateArgs(
                    List.of(java.time.LocalDate.parse("2013-04-28")),
                    Map.of("shorter", true, "full_format", true))))
        .isEqualTo("April 28, 2013");
    assertThat(en.format_day(TemplateArgs.of(1367174100L))).isEqualTo("Sunday, April 28");
    assertThat(en.format_day(new TemplateArgs(List.of(1367174100L), Map.of("dow", false))))
        .isEqualTo("April 28");
    assertThat(en.friendly_number(TemplateArgs.of(12345))).isEqualTo("12,345");
    assertThat(en.format_date(TemplateArgs.of(Instant.now().minusSeconds(7200))))
        .isEqualTo("2 hours ago");
  }
}
