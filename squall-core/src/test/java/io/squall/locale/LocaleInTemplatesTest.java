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
}
