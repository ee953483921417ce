package io.squall.demos.i18n;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.locale.Locale;
import io.squall.web.Application;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A page in the visitor's language (Tornado's {@code tornado.locale} at work): English, Spanish,
 * German, Chinese and Arabic (right to left), from Tornado-format CSV files shipped as resources
 * ({@code /i18n/*.csv}, read in place from the class path or the jar). The language comes from
 * {@code ?lang=} when given (standing in for a user setting, through {@code getUserLocale}), else
 * from the browser's {@code Accept-Language}.
 *
 * <p>Routes, relative to where the application is mounted: {@code GET /} (the page; {@code ?n=}
 * adds a count of your own to the plural examples) and {@code GET /locale} ({@code {"code": ...}},
 * the locale chosen).
 */
public final class I18nDemo {
  private I18nDemo() {}

  /** A language the page offers, with its name in that language. */
  public record Language(String code, String name) {}

  /** The languages of the switcher, English (the default, untranslated) first. */
  public static final List<Language> LANGUAGES =
      List.of(
          new Language("en_US", "English"),
          new Language("es", "Español"),
          new Language("de", "Deutsch"),
          new Language("zh_CN", "中文(简体)"),
          new Language("ar", "العربية"));

  /** The counts shown with their plural forms. */
  static final List<Long> COUNTS = List.of(0L, 1L, 2L, 5L, 11L, 100L);

  /** Tornado was released as open source on this day. */
  static final Instant RELEASED = Instant.parse("2009-09-10T18:00:00Z");

  static final long MAX_COUNT = 1_000_000_000L;

  /** Loads the demo's translations into the process-wide set (idempotent). */
  public static void loadTranslations() {
    try {
      Locale.loadTranslations(I18nDemo.class, "/i18n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the i18n demo's translations", e);
    }
  }

  /** Uses {@code ?lang=} as the user's setting when present. */
  abstract static class LocaleHandler extends RequestHandler {
    @Override
    protected Locale getUserLocale() {
      String lang = getArgument("lang", null);
      return lang == null || lang.isEmpty() ? null : Locale.getClosest(lang);
    }
  }

  /** The page. */
  public static final class PageHandler extends LocaleHandler {
    /** Renders the examples in the chosen language. */
    public void get() {
      Locale locale = getLocale();
      List<String> plurals = new ArrayList<>();
      List<Long> counts = new ArrayList<>(COUNTS);
      String n = getArgument("n", "");
      if (!n.isEmpty()) {
        counts.add(0, count(n));
      }
      for (long c : counts) {
        plurals.add(
            Locale.interpolate(
                locale.translate("%(count)d new message", "%(count)d new messages", c),
                Map.of("count", c)));
      }
      List<String> names = List.of("Ana", "Luis", "Mei");
      plurals.add(
          Locale.interpolate(
              locale.translate("%(names)s is online", "%(names)s are online", names.size()),
              Map.of("names", locale.list(names))));
      plurals.add(
          Locale.interpolate(
              locale.translate("%(names)s is online", "%(names)s are online", 1),
              Map.of("names", locale.list(names.subList(0, 1)))));
      Instant now = Instant.now();
      render(
          "i18n/index.html",
          Map.of(
              "languages", LANGUAGES,
              "language_name", nameOf(locale),
              "html_lang", locale.code().replace('_', '-'),
              "plurals", plurals,
              "n", n,
              "recent",
                  List.of(
                      now.minus(Duration.ofMinutes(2)),
                      now.minus(Duration.ofHours(3)),
                      now.minus(Duration.ofDays(1))),
              "released", RELEASED,
              "names", names));
    }

    private static long count(String n) {
      try {
        long value = Long.parseLong(n);
        if (value >= 0 && value <= MAX_COUNT) {
          return value;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw HttpError.withReason(
          400, "n must be a whole number from 0 to " + MAX_COUNT, "bad count '" + n + "'");
    }
  }

  static String nameOf(Locale locale) {
    for (Language l : LANGUAGES) {
      if (l.code().equals(locale.code())) {
        return l.name();
      }
    }
    return locale.name();
  }

  /** {@code {"code": "<chosen locale>"}}. */
  public static final class LocaleCodeHandler extends LocaleHandler {
    /** Writes the chosen locale's code as JSON. */
    public void get() {
      write(Map.of("code", getLocale().code()));
    }
  }

  /** The application; the hub mounts it at {@code /i18n}. Loads the translations. */
  public static Application app() {
    loadTranslations();
    return Application.builder()
        .route("/", PageHandler::new)
        .route("/locale", LocaleCodeHandler::new)
        .settings(DemoLayout.settings().build())
        .build();
  }

  /** Serves the demo alone at {@code /i18n/}. */
  public static void main(String[] args) {
    int port = DemoArgs.port(args, 8888);
    Application.builder().mount("/i18n", app()).build().listen(port);
    System.out.println("Serving http://localhost:" + port + "/i18n/");
    IOLoop.current().start();
  }
}
