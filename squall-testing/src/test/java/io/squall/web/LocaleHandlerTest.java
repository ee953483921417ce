package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.locale.Locale;
import io.squall.locale.Translations;
import io.squall.template.DictLoader;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler's locale: the user's, else the browser's; and what templates get from it. */
@SquallTest
class LocaleHandlerTest {
  @TempDir static Path translations;
  static Translations saved;

  @BeforeAll
  static void load() throws Exception {
    Files.writeString(
        translations.resolve("es.csv"),
        """
        "Hello","Hola"
        "%(n)d file","%(n)d archivo","singular"
        "%(n)d files","%(n)d archivos","plural"
        "April","abril"
        "%(month_name)s %(day)s, %(year)s","%(day)s de %(month_name)s de %(year)s"
        """);
    Files.writeString(translations.resolve("de.csv"), "\"Hello\",\"Hallo\"\n");
    Files.writeString(translations.resolve("pt_BR.csv"), "\"Hello\",\"Olá\"\n");
    saved = Locale.translations();
    Locale.loadTranslations(translations);
  }

  @AfterAll
  static void restore() {
    Locale.useTranslations(saved);
  }

  /** Writes the locale it got. */
  public static class Code extends RequestHandler {
    public void get() {
      write(getLocale().code() + "|" + locale().translate("Hello"));
    }
  }

  /** Takes the locale from a user setting (here the query), else the browser's. */
  public static class UserSetting extends RequestHandler {
    @Override
    protected Locale getUserLocale() {
      String lang = getArgument("lang", null);
      return lang == null ? null : Locale.getClosest(lang);
    }

    public void get() {
      write(getLocale().code());
    }
  }

  /** The browser's locale with another default. */
  public static class OtherDefault extends RequestHandler {
    public void get() {
      write(getBrowserLocale("de").code());
    }
  }

  /** Sets the locale itself before the verb runs. */
  public static class Forced extends RequestHandler {
    public void prepare() {
      setLocale(Locale.get("pt_BR"));
    }

    public void get() {
      write(getLocale().code());
    }
  }

  /** Renders a template that uses the locale. */
  public static class Page extends RequestHandler {
    public void get() {
      render("page.html", Map.of("n", Integer.parseInt(getArgument("n", "1"))));
    }
  }

  static final String PAGE =
      "<html lang=\"{{ locale.code }}\" dir=\"{% if locale.rtl %}rtl{% else %}ltr{% end %}\">"
          + "{{ _(\"Hello\") }}, {{ _(\"%(n)d file\", \"%(n)d files\", n) }},"
          + " {{ pgettext(\"greeting\", \"Hello\") }},"
          + " {{ locale.format_date(1367174100, 0, False, True, True) }}</html>";

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/code", Code::new)
        .route("/user", UserSetting::new)
        .route("/other", OtherDefault::new)
        .route("/forced", Forced::new)
        .route("/page", Page::new)
        .settings(
            Settings.builder().templateLoader(new DictLoader(Map.of("page.html", PAGE))).build())
        .build();
  }

  private static String get(SquallClient client, String path, String acceptLanguage) {
    FetchOptions o = FetchOptions.get();
    if (acceptLanguage != null) {
      o.header("Accept-Language", acceptLanguage);
    }
    FetchResponse r = client.fetch(path, o);
    assertThat(r.status()).as("GET %s", path).isEqualTo(200);
    return r.text();
  }

  @Test
  void withoutAcceptLanguageTheDefault(SquallClient client) {
    assertThat(get(client, "/code", null)).isEqualTo("en_US|Hello");
  }

  @Test
  void acceptLanguageByQValue(SquallClient client) {
    assertThat(get(client, "/code", "de;q=0.5, es;q=0.9")).isEqualTo("es|Hola");
    assertThat(get(client, "/code", "ja, es-MX;q=0.8, de;q=0.7")).isEqualTo("es|Hola");
    assertThat(get(client, "/code", "es;q=0, de;q=0.1")).isEqualTo("de|Hallo");
    assertThat(get(client, "/code", "pt-br")).isEqualTo("pt_BR|Olá");
    assertThat(get(client, "/code", "pt")).isEqualTo("en_US|Hello"); // pt_BR does not serve pt
    assertThat(get(client, "/code", "ja, ko")).isEqualTo("en_US|Hello");
  }

  @Test
  void repeatedAcceptLanguageFieldsAreOneList(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send(
          "GET /code HTTP/1.1\r\nHost: x\r\nAccept-Language: ja;q=0.9\r\n"
              + "Accept-Language: de;q=0.5, es;q=0.95\r\n\r\n");
      assertThat(raw.readResponse().text()).isEqualTo("es|Hola");
    }
  }

  @Test
  void userLocaleWinsOverTheBrowser(SquallClient client) {
    assertThat(get(client, "/user?lang=de", "es")).isEqualTo("de");
    assertThat(get(client, "/user?lang=xx", "es")).isEqualTo("en_US"); // closest: the default
    assertThat(get(client, "/user", "es")).isEqualTo("es");
    assertThat(get(client, "/other", null)).isEqualTo("de");
    assertThat(get(client, "/other", "es")).isEqualTo("es");
    assertThat(get(client, "/forced", "es")).isEqualTo("pt_BR");
  }

  @Test
  void templatesGetLocaleUnderscoreAndPgettext(SquallClient client) {
    assertThat(get(client, "/page?n=2", "es"))
        .isEqualTo(
            "<html lang=\"es\" dir=\"ltr\">Hola, %(n)d archivos, Hola, 28 de abril de 2013</html>");
    assertThat(get(client, "/page?n=1", null))
        .isEqualTo(
            "<html lang=\"en_US\" dir=\"ltr\">Hello, %(n)d file, Hello, April 28, 2013</html>");
  }
}
