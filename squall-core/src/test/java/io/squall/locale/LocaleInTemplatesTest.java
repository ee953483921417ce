package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.Template;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A locale as templates use it: Tornado's attribute and method names, through the sandbox. */
class LocaleInTemplatesTest {
  @Test
  void attributesAndSnakeCaseMethods() {
    Locale es = LocaleFormatTest.FIXTURES.get("es");
    Instant date = Instant.parse("2013-04-28T18:35:00Z");
    String html =
        new Template(
                "{{ locale.code }}|{{ locale.name }}|{% if locale.rtl %}rtl{% else %}ltr{% end %}|"
                    + "{{ locale.format_date(d, 0, False, True, True) }}|"
                    + "{{ locale.format_day(d, 0, False) }}|{{ locale.friendly_number(1000) }}|"
                    + "{{ locale.translate('school') }}|{{ locale.list(names) }}")
            .generate(
                Map.of("locale", es, "d", date, "names", java.util.List.of("Ana", "Luis", "Eva")));
    assertThat(html)
        .isEqualTo("es|Unknown|ltr|28 de abril de 2013|28 de abril|1000|escuela|Ana, Luis y Eva");
  }

  @Test
  void keywordArgumentsUnderTornadosParameterNames() {
    Locale es = LocaleFormatTest.FIXTURES.get("es");
    Instant date = Instant.parse("2013-04-28T18:35:00Z");
    String html =
        new Template(
                "{{ locale.format_date(d, relative=False, shorter=True, full_format=True) }}|"
                    + "{{ locale.format_day(date=d, dow=False) }}|"
                    + "{{ locale.translate('school', plural_message='schools', count=2) }}|"
                    + "{{ locale.translate('school', 'schools', count=1) }}|"
                    + "{{ locale.pgettext('ctx', 'school') }}")
            .generate(Map.of("locale", es, "d", date));
    assertThat(html).isEqualTo("28 de abril de 2013|28 de abril|schools|school|escuela");
  }

  @Test
  void aWrongKeywordIsAnErrorNamingIt() {
    Locale es = LocaleFormatTest.FIXTURES.get("es");
    Template t = new Template("{{ locale.format_date(d, fullformat=True) }}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> t.generate(Map.of("locale", es, "d", Instant.EPOCH)))
        .hasStackTraceContaining("unexpected keyword argument 'fullformat'");
  }
}
