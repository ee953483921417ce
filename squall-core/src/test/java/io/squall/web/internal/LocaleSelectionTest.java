package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.locale.Locale;
import io.squall.locale.Translations;
import io.squall.template.TemplateArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tornado's reading of Accept-Language, and the template functions. */
class LocaleSelectionTest {
  @TempDir Path tmp;
  private Translations saved;

  @BeforeEach
  void load() throws Exception {
    saved = Locale.translations();
    for (String code : new String[] {"es", "de", "fr_FR", "zh_CN"}) {
      Files.writeString(tmp.resolve(code + ".csv"), "\"Hello\",\"" + code + "\"\n");
    }
    Locale.useTranslations(Translations.fromCsv(tmp));
  }

  @AfterEach
  void restore() {
    Locale.useTranslations(saved);
  }

  private static String pick(String header) {
    return LocaleSelection.browserLocale(header, "en_US").code();
  }

  @Test
  void orderByQValueStableForTies() {
    assertThat(LocaleSelection.acceptedLanguages("de;q=0.5, es, fr-FR;q=0.8, zh-CN"))
        .containsExactly("es", "zh-CN", "fr-FR", "de");
    assertThat(pick("de;q=0.5, es;q=0.9")).isEqualTo("es");
    assertThat(pick("de, es")).isEqualTo("de");
    assertThat(pick("es;q=0.1, de;q=0.10001")).isEqualTo("de");
  }

  @Test
  void unsupportedLanguagesAreSkipped() {
    assertThat(pick("ja, pt-BR;q=0.9, es-MX;q=0.8")).isEqualTo("es");
    assertThat(pick("fr-fr;q=0.3, ja")).isEqualTo("fr_FR");
    assertThat(pick("zh-cn")).isEqualTo("zh_CN");
    assertThat(pick("ja, ko")).isEqualTo("en_US");
  }

  @Test
  void zeroNegativeAndUnreadableWeightsDropTheLanguage() {
    assertThat(LocaleSelection.acceptedLanguages("es;q=0, de;q=-1, fr;q=abc, zh;q=1e0, ja;q=0.5"))
        .containsExactly("ja");
    assertThat(pick("es;q=0, de;q=0.000")).isEqualTo("en_US");
    assertThat(LocaleSelection.acceptedLanguages("es;q= 0.4 ;x=y, de;level=1"))
        .containsExactly("de", "es");
  }

  @Test
  void absentOrEmptyHeaderGivesTheDefault() {
    assertThat(pick(null)).isEqualTo("en_US");
    assertThat(pick("")).isEqualTo("en_US");
    assertThat(pick(" , ,*")).isEqualTo("en_US");
    assertThat(LocaleSelection.browserLocale(null, "de").code()).isEqualTo("de");
    assertThat(LocaleSelection.browserLocale(null, "de-AT").code()).isEqualTo("de");
  }

  @Test
  void templateFunctionsTakeKeywordArguments() {
    Locale es = Locale.get("es");
    assertThat(es.translate(TemplateArgs.of("Hello"))).isEqualTo("es");
    assertThat(es.translate(TemplateArgs.of("a", "b", 1))).isEqualTo("a");
    assertThat(es.translate(new TemplateArgs(List.of("a", "b"), Map.of("count", 2L))))
        .isEqualTo("b");
    assertThatThrownBy(() -> es.translate(TemplateArgs.of()))
        .hasMessageContaining("missing required argument 'message'");
    assertThatThrownBy(() -> es.translate(TemplateArgs.of("a", "b", "many")))
        .hasMessageContaining("count");
    assertThat(es.pgettext(TemplateArgs.of("greeting", "Hello"))).isEqualTo("es");
    assertThat(
            es.pgettext(
                new TemplateArgs(List.of("c", "a"), Map.of("plural_message", "b", "count", 3))))
        .isEqualTo("b");
    assertThatThrownBy(() -> es.pgettext(TemplateArgs.of("a")))
        .hasMessageContaining("missing required argument 'message'");
  }
}
