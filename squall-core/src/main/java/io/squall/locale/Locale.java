package io.squall.locale;

import io.squall.locale.internal.Catalog;
import io.squall.locale.internal.DateValues;
import io.squall.locale.internal.PercentFormat;
import io.squall.locale.internal.PythonCall;
import io.squall.template.TemplateArgs;
import io.squall.template.TemplateFacing;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A locale: translations of the application's messages into one language, and dates, lists and
 * numbers formatted for it (Tornado's {@code tornado.locale.Locale}).
 *
 * <pre>{@code
 * Locale.loadTranslations(Path.of("translations"));     // es_LA.csv, de.csv ...
 * Locale es = Locale.getClosest("es_LA");
 * es.translate("Sign out");                              // "Cerrar sesión"
 * String m = es.translate("%(list)s is online", "%(list)s are online", people.size());
 * Locale.interpolate(m, Map.of("list", es.list(people))); // "Ana y Luis están conectados"
 * }</pre>
 *
 * <p>The static methods work on the process-wide {@link #translations() current translations}, as
 * Tornado's module functions do: load them once at start-up with {@link #loadTranslations(Path)}
 * (Tornado's CSV format) or {@link #loadGettextTranslations(Path, String)} (gettext {@code .mo}
 * files); until then only the default locale ({@code en_US}) exists and every message translates to
 * itself. Request handlers pick a locale per request from the user's settings or the browser's
 * {@code Accept-Language} ({@code RequestHandler.getLocale()}), and templates they render see it as
 * {@code locale} and its {@code translate} as {@code _}.
 *
 * <p>Locales are immutable and thread-safe. Loading translations replaces the current set in one
 * atomic step; locales obtained before keep the translations they had.
 *
 * <p>Template-facing names: besides the Java methods, a locale answers to the names Tornado
 * templates use, {@code locale.code}, {@code locale.name}, {@code locale.rtl} ({@link #getCode()},
 * {@link #getName()}, {@link #isRtl()}), {@code format_date}, {@code format_day} and {@code
 * friendly_number}, and {@link #invoke(String, List, Map)} binds Python keyword arguments such as
 * {@code locale.format_date(d, full_format=True, shorter=True)}.
 */
@TemplateFacing
public final class Locale {
  private static final AtomicReference<Translations> CURRENT =
      new AtomicReference<>(Translations.none());

  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] WEEKDAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  private static final long DAY_SECONDS = 86_400;

  private enum Clock {
    TWELVE_HOUR,
    TWENTY_FOUR_HOUR,
    CHINESE
  }

  private final String code;
  private final String name;
  private final boolean rtl;
  private final Catalog catalog;
  private final String[] months;
  private final String[] weekdays;
  private final Clock clock;
  private final boolean groupsDigits;

  Locale(String code, Catalog catalog) {
    this.code = code;
    this.catalog = catalog;
    LocaleName names = LocaleNames.TABLE.get(code);
    this.name = names == null ? "Unknown" : names.nativeName();
    this.rtl = code.startsWith("fa") || code.startsWith("ar") || code.startsWith("he");
    this.months = Arrays.stream(MONTHS).map(catalog::translate).toArray(String[]::new);
    this.weekdays = Arrays.stream(WEEKDAYS).map(catalog::translate).toArray(String[]::new);
    this.clock =
        switch (code) {
          case "en", "en_US" -> Clock.TWELVE_HOUR;
          case "zh_CN" -> Clock.CHINESE;
          default -> Clock.TWENTY_FOUR_HOUR;
        };
    this.groupsDigits = code.equals("en") || code.equals("en_US");
  }

  // ------------------------------------------------------------------------------------------
  // The current translations (Tornado's module functions)

  /**
   * The locale of exactly {@code code} in the current translations (Tornado's {@code Locale.get}).
   *
   * @throws IllegalArgumentException if {@code code} is not supported; {@link
   *     #getClosest(String...)} matches loosely and falls back to the default
   */
  public static Locale get(String code) {
    return CURRENT.get().get(code);
  }

  /**
   * The closest supported locale for {@code codes}, tried in order, else the default (Tornado's
   * {@code tornado.locale.get(*codes)}); see {@link Translations#getClosest(String...)} for the
   * matching rules.
   */
  public static Locale getClosest(String... codes) {
    return CURRENT.get().getClosest(codes);
  }

  /**
   * Sets the default locale: the language the application's messages are written in (Tornado's
   * {@code set_default_locale}). It is always supported; translations loaded later keep it.
   */
  public static void setDefault(String code) {
    CURRENT.updateAndGet(t -> t.withDefault(code));
  }

  /** The default locale's code, {@code en_US} unless {@link #setDefault(String) set}. */
  public static String defaultCode() {
    return CURRENT.get().defaultCode();
  }

  /** The supported locale codes of the current translations, sorted. */
  public static Set<String> supportedLocales() {
    return CURRENT.get().supportedLocales();
  }

  /** The current translations. */
  public static Translations translations() {
    return CURRENT.get();
  }

  /** Makes {@code translations} (with its default locale) the current translations. */
  public static void useTranslations(Translations translations) {
    CURRENT.set(Objects.requireNonNull(translations, "translations"));
  }

  /**
   * Loads Tornado CSV translation files from {@code directory} and makes them current, keeping the
   * default locale (Tornado's {@code load_translations}); the format is described at {@link
   * Translations#fromCsv(Path)}.
   *
   * @throws IOException if the directory cannot be read or a file is not valid in its encoding; the
   *     current translations are then unchanged
   */
  public static void loadTranslations(Path directory) throws IOException {
    install(Translations.fromCsv(directory));
  }

  /** As {@link #loadTranslations(Path)}, reading the files in {@code encoding}. */
  public static void loadTranslations(Path directory, Charset encoding) throws IOException {
    install(Translations.fromCsv(directory, encoding));
  }

  /**
   * As {@link #loadTranslations(Path)} for a directory of resources, on the class path or in a jar
   * (see {@link Translations#fromCsvResources(Class, String)}).
   */
  public static void loadTranslations(Class<?> anchor, String directory) throws IOException {
    install(Translations.fromCsvResources(anchor, directory));
  }

  /**
   * Loads gettext {@code .mo} catalogs from {@code DIRECTORY/LANG/LC_MESSAGES/DOMAIN.mo} and makes
   * them current, keeping the default locale (Tornado's {@code load_gettext_translations}); see
   * {@link Translations#fromGettext(Path, String)}.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static void loadGettextTranslations(Path directory, String domain) throws IOException {
    install(Translations.fromGettext(directory, domain));
  }

  /** As {@link #loadGettextTranslations(Path, String)} for a directory of resources. */
  public static void loadGettextTranslations(Class<?> anchor, String directory, String domain)
      throws IOException {
    install(Translations.fromGettextResources(anchor, directory, domain));
  }

  private static void install(Translations loaded) {
    CURRENT.updateAndGet(t -> loaded.withDefault(t.defaultCode()));
  }

  /**
   * Tornado's table of locale names ({@code LOCALE_NAMES}): code to English and native name, e.g.
   * {@code "es_LA"} to {@code ("Spanish", "Español")}.
   */
  public static Map<String, LocaleName> names() {
    return LocaleNames.TABLE;
  }

  /**
   * Fills the named placeholders of a translated message, as Python's {@code message % {"name":
   * value}}: {@code %(name)s}, {@code %(count)d}, {@code %(x).2f}, {@code %%}.
   *
   * @throws IllegalArgumentException naming the placeholder when a value is missing or of the wrong
   *     kind, or the message is malformed
   */
  public static String interpolate(String message, Map<String, ?> values) {
    return PercentFormat.format(message, values);
  }

  // ------------------------------------------------------------------------------------------
  // This locale

  /** The locale's code, e.g. {@code es_LA} or {@code de}. */
  public String code() {
    return code;
  }

  /**
   * The locale's name in its own language from {@link #names()} ({@code "Español"}), or {@code
   * "Unknown"} for a code not in the table (which has {@code de_DE}, not {@code de}).
   */
  public String name() {
    return name;
  }

  /** True for Arabic, Farsi and Hebrew ({@code ar}, {@code fa}, {@code he} codes). */
  public boolean isRightToLeft() {
    return rtl;
  }

  /** The translation of {@code message}, or {@code message} itself if there is none. */
  public String translate(String message) {
    return catalog.translate(message);
  }

  /**
   * The translation of a message with a plural: the singular form when {@code count} is one and the
   * plural otherwise for CSV translations; the form the catalog's plural rule picks for gettext
   * ones. Untranslated, {@code message} or {@code pluralMessage} as English would choose. A null
   * {@code pluralMessage} translates {@code message} alone.
   */
  public String translate(String message, String pluralMessage, long count) {
    if (pluralMessage == null) {
      return catalog.translate(message);
    }
    return catalog.translate(message, pluralMessage, count);
  }

  /**
   * The translation of {@code message} in {@code context} (gettext's {@code msgctxt}), such as
   * {@code pgettext("law", "right")} and {@code pgettext("good", "right")}; the message itself if
   * it has none there. CSV translations find contexts in their optional fourth column; without one
   * they ignore the context, as Tornado does (with a warning, once).
   */
  public String pgettext(String context, String message) {
    return catalog.pgettext(context, message);
  }

  /**
   * The plural translation of {@code message} in {@code context}; without one there, the plural
   * translation without context.
   */
  public String pgettext(String context, String message, String pluralMessage, long count) {
    if (pluralMessage == null) {
      return catalog.pgettext(context, message);
    }
    return catalog.pgettext(context, message, pluralMessage, count);
  }

  /** As {@link #formatDate(Instant, int, boolean, boolean, boolean)} relative, in UTC. */
  public String formatDate(Instant date) {
    return formatDate(date, 0, true, false, false);
  }

  /**
   * Formats a date, usually one in the past, relative to now (Tornado's {@code format_date}): "2
   * seconds ago", "5 minutes ago", "3 hours ago" within the last day; then "yesterday at 5:32 pm",
   * "Tuesday at 5:32 pm" within five days, "April 28 at 5:32 pm" within eleven months and "April
   * 28, 2013 at 5:32 pm" beyond. English uses a 12-hour clock, Chinese ({@code zh_CN}) one with
   * 上午/下午, every other locale a 24-hour clock. Every word and pattern goes through {@link
   * #translate}, so translation files can reorder them.
   *
   * @param gmtOffset the user's time zone as minutes <em>behind</em> UTC, as JavaScript's {@code
   *     Date.getTimezoneOffset()} gives it (so UTC+2 is {@code -120})
   * @param relative false for no "... ago" and no "yesterday"
   * @param shorter leave out the time of day (beyond the last day)
   * @param fullFormat always the full "April 28, 2013 at 5:32 pm"; dates in the future (more than a
   *     minute ahead, or at all when not relative) always are
   */
  public String formatDate(
      Instant date, int gmtOffset, boolean relative, boolean shorter, boolean fullFormat) {
    return formatDate(date, gmtOffset, relative, shorter, fullFormat, Instant.now());
  }

  /**
   * As {@link #formatDate(Instant, int, boolean, boolean, boolean)} with {@code now} as the
   * present, for a fixed clock or one computation of "now" for a whole page.
   */
  public String formatDate(
      Instant date,
      int gmtOffset,
      boolean relative,
      boolean shorter,
      boolean fullFormat,
      Instant now) {
    Objects.requireNonNull(date, "date");
    if (date.isAfter(now)) {
      if (relative && Duration.between(now, date).getSeconds() < 60) {
        date = now; // clock skew: a moment ahead reads as now
      } else {
        fullFormat = true;
      }
    }
    Duration offset = Duration.ofMinutes(gmtOffset);
    LocalDateTime localDate = LocalDateTime.ofInstant(date.minus(offset), ZoneOffset.UTC);
    LocalDateTime localYesterday =
        LocalDateTime.ofInstant(now.minus(offset), ZoneOffset.UTC).minusHours(24);
    long elapsed = Duration.between(date, now).getSeconds();
    long days = Math.floorDiv(elapsed, DAY_SECONDS);
    long seconds = Math.floorMod(elapsed, DAY_SECONDS);

    String format = null;
    if (!fullFormat) {
      if (relative && days == 0) {
        if (seconds < 50) {
          return ago("1 second ago", "%(seconds)d seconds ago", "seconds", seconds);
        }
        if (seconds < 50 * 60) {
          long minutes = (long) Math.rint(seconds / 60.0);
          return ago("1 minute ago", "%(minutes)d minutes ago", "minutes", minutes);
        }
        long hours = (long) Math.rint(seconds / 3600.0);
        return ago("1 hour ago", "%(hours)d hours ago", "hours", hours);
      }
      if (days == 0) {
        format = translate("%(time)s");
      } else if (days == 1
          && localDate.getDayOfMonth() == localYesterday.getDayOfMonth()
          && relative) {
        format = translate(shorter ? "yesterday" : "yesterday at %(time)s");
      } else if (days < 5) {
        format = translate(shorter ? "%(weekday)s" : "%(weekday)s at %(time)s");
      } else if (days < 334) { // eleven months: the same month last year would confuse
        format =
            translate(shorter ? "%(month_name)s %(day)s" : "%(month_name)s %(day)s at %(time)s");
      }
    }
    if (format == null) {
      format =
          translate(
              shorter
                  ? "%(month_name)s %(day)s, %(year)s"
                  : "%(month_name)s %(day)s, %(year)s at %(time)s");
    }
    return interpolate(
        format,
        Map.of(
            "month_name", months[localDate.getMonthValue() - 1],
            "weekday", weekday(localDate.getDayOfWeek()),
            "day", Integer.toString(localDate.getDayOfMonth()),
            "year", Integer.toString(localDate.getYear()),
            "time", time(localDate)));
  }

  private String ago(String one, String many, String key, long count) {
    return interpolate(translate(one, many, count), Map.of(key, count));
  }

  private String weekday(DayOfWeek day) {
    return weekdays[day.getValue() - 1];
  }

  private String time(LocalDateTime t) {
    int hour = t.getHour();
    int minute = t.getMinute();
    String mm = minute < 10 ? "0" + minute : Integer.toString(minute);
    int twelve = hour % 12 == 0 ? 12 : hour % 12;
    return switch (clock) {
      case TWENTY_FOUR_HOUR -> hour + ":" + mm;
      case CHINESE -> (hour >= 12 ? "下午" : "上午") + twelve + ":" + mm;
      case TWELVE_HOUR -> twelve + ":" + mm + (hour >= 12 ? " pm" : " am");
    };
  }

  /** As {@link #formatDay(Instant, int, boolean)} in UTC with the day of the week. */
  public String formatDay(Instant date) {
    return formatDay(date, 0, true);
  }

  /**
   * Formats the day of a date: "Monday, January 22", or "January 22" without the day of the week
   * (Tornado's {@code format_day}).
   *
   * @param gmtOffset minutes behind UTC, as for {@link #formatDate(Instant, int, boolean, boolean,
   *     boolean)}
   * @param dow whether to name the day of the week
   */
  public String formatDay(Instant date, int gmtOffset, boolean dow) {
    LocalDateTime local =
        LocalDateTime.ofInstant(date.minus(Duration.ofMinutes(gmtOffset)), ZoneOffset.UTC);
    String month = months[local.getMonthValue() - 1];
    String day = Integer.toString(local.getDayOfMonth());
    if (dow) {
      return interpolate(
          translate("%(weekday)s, %(month_name)s %(day)s"),
          Map.of("month_name", month, "weekday", weekday(local.getDayOfWeek()), "day", day));
    }
    return interpolate(
        translate("%(month_name)s %(day)s"), Map.of("month_name", month, "day", day));
  }

  /**
   * Joins {@code parts} as a sentence would: "A, B and C", "A and B", "A", or "" for none, with
   * "and" translated (Farsi joins with " و " instead of commas).
   */
  public String list(Collection<?> parts) {
    return list(parts.toArray());
  }

  /** As {@link #list(Collection)}. */
  public String list(Object... parts) {
    if (parts.length == 0) {
      return "";
    }
    if (parts.length == 1) {
      return String.valueOf(parts[0]);
    }
    String comma = code.startsWith("fa") ? " \u0648 " : ", ";
    StringBuilder commas = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (i > 0) {
        commas.append(comma);
      }
      commas.append(parts[i]);
    }
    return interpolate(
        translate("%(commas)s and %(last)s"),
        Map.of("commas", commas.toString(), "last", String.valueOf(parts[parts.length - 1])));
  }

  /**
   * The number with thousands separated by commas in English ({@code 1,000,000}); as plain digits
   * in other locales, as in Tornado.
   */
  public String friendlyNumber(long value) {
    String digits = Long.toString(value);
    if (!groupsDigits) {
      return digits;
    }
    int start = value < 0 ? 1 : 0;
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
    out.append(digits, 0, start);
    int n = digits.length() - start;
    for (int i = 0; i < n; i++) {
      if (i > 0 && (n - i) % 3 == 0) {
        out.append(',');
      }
      out.append(digits.charAt(start + i));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------------------
  // Template-facing names (Tornado's attribute and method names)

  /** {@link #code()}, for templates' {@code locale.code}. */
  public String getCode() {
    return code;
  }

  /** {@link #name()}, for templates' {@code locale.name}. */
  public String getName() {
    return name;
  }

  /** {@link #isRightToLeft()}, for templates' {@code locale.rtl}. */
  public boolean isRtl() {
    return rtl;
  }

  /**
   * Tornado's {@code format_date(date, gmt_offset=0, relative=True, shorter=False,
   * full_format=False)} for templates, with positional and keyword arguments: {@code
   * locale.format_date(d, full_format=True)}. {@code date} is an {@link Instant}, a zoned or offset
   * date-time, a {@link LocalDateTime} (taken as UTC, as Tornado takes naive datetimes), a {@link
   * java.util.Date} or a number of seconds since the epoch.
   *
   * @throws IllegalArgumentException with Python's wording when the arguments do not fit
   */
  public String format_date(TemplateArgs args) {
    return (String) invoke("format_date", args.positional(), args.keywords());
  }

  /** Tornado's {@code format_day(date, gmt_offset=0, dow=True)} for templates. */
  public String format_day(TemplateArgs args) {
    return (String) invoke("format_day", args.positional(), args.keywords());
  }

  /** Tornado's {@code friendly_number(value)} for templates. */
  public String friendly_number(TemplateArgs args) {
    return (String) invoke("friendly_number", args.positional(), args.keywords());
  }

  /**
   * Tornado's {@code translate(message, plural_message=None, count=None)} for templates, with
   * keyword arguments ({@code locale.translate("%(n)s apple", "%(n)s apples", count=n)}).
   */
  public String translate(TemplateArgs args) {
    return (String) invoke("translate", args.positional(), args.keywords());
  }

  /**
   * Tornado's {@code pgettext(context, message, plural_message=None, count=None)} for templates.
   */
  public String pgettext(TemplateArgs args) {
    return (String) invoke("pgettext", args.positional(), args.keywords());
  }

  private static final PythonCall TRANSLATE =
      PythonCall.of(
          "translate", "message", PythonCall.REQUIRED, "plural_message", null, "count", null);
  private static final PythonCall PGETTEXT =
      PythonCall.of(
          "pgettext",
          "context",
          PythonCall.REQUIRED,
          "message",
          PythonCall.REQUIRED,
          "plural_message",
          null,
          "count",
          null);
  private static final PythonCall FORMAT_DATE =
      PythonCall.of(
          "format_date",
          "date",
          PythonCall.REQUIRED,
          "gmt_offset",
          0L,
          "relative",
          true,
          "shorter",
          false,
          "full_format",
          false);
  private static final PythonCall FORMAT_DAY =
      PythonCall.of("format_day", "date", PythonCall.REQUIRED, "gmt_offset", 0L, "dow", true);
  private static final PythonCall LIST = PythonCall.of("list", "parts", PythonCall.REQUIRED);
  private static final PythonCall FRIENDLY_NUMBER =
      PythonCall.of("friendly_number", "value", PythonCall.REQUIRED);

  /**
   * Calls one of this locale's template-facing methods the way Python calls it, with positional and
   * keyword arguments under Tornado's parameter names: {@code translate(message,
   * plural_message=None, count=None)}, {@code pgettext(context, message, plural_message=None,
   * count=None)}, {@code format_date(date, gmt_offset=0, relative=True, shorter=False,
   * full_format=False)}, {@code format_day(date, gmt_offset=0, dow=True)}, {@code list(parts)} and
   * {@code friendly_number(value)} (the camel-case names are accepted too). This is the hook for a
   * template language with keyword arguments: {@code locale.format_date(d, full_format=True,
   * shorter=True)} is {@code invoke("format_date", List.of(d), Map.of("full_format", true,
   * "shorter", true))}. Flags take Python's truth of their value; numbers must be integers.
   *
   * @param positional the positional arguments, in order
   * @param keywords the keyword arguments by parameter name
   * @return the method's result
   * @throws IllegalArgumentException with Python's wording when the method is unknown or the
   *     arguments do not fit (too many, unexpected keyword, given twice, missing, a plural message
   *     without a count)
   */
  public Object invoke(String method, List<?> positional, Map<String, ?> keywords) {
    switch (method) {
      case "translate", "_" -> {
        Object[] a = TRANSLATE.bind(positional, keywords);
        String plural = TRANSLATE.string(a, 1);
        if (plural == null) {
          return translate(TRANSLATE.string(a, 0));
        }
        Long count = TRANSLATE.integer(a, 2, true);
        if (count == null) {
          throw new IllegalArgumentException("translate() with plural_message needs a count");
        }
        return translate(TRANSLATE.string(a, 0), plural, count);
      }
      case "pgettext" -> {
        Object[] a = PGETTEXT.bind(positional, keywords);
        String plural = PGETTEXT.string(a, 2);
        if (plural == null) {
          return pgettext(PGETTEXT.string(a, 0), PGETTEXT.string(a, 1));
        }
        Long count = PGETTEXT.integer(a, 3, true);
        if (count == null) {
          throw new IllegalArgumentException("pgettext() with plural_message needs a count");
        }
        return pgettext(PGETTEXT.string(a, 0), PGETTEXT.string(a, 1), plural, count);
      }
      case "format_date", "formatDate" -> {
        Object[] a = FORMAT_DATE.bind(positional, keywords);
        return formatDate(
            DateValues.toInstant(a[0]),
            Math.toIntExact(FORMAT_DATE.integer(a, 1, false)),
            FORMAT_DATE.truth(a, 2),
            FORMAT_DATE.truth(a, 3),
            FORMAT_DATE.truth(a, 4));
      }
      case "format_day", "formatDay" -> {
        Object[] a = FORMAT_DAY.bind(positional, keywords);
        return formatDay(
            DateValues.toInstant(a[0]),
            Math.toIntExact(FORMAT_DAY.integer(a, 1, false)),
            FORMAT_DAY.truth(a, 2));
      }
      case "list" -> {
        Object parts = LIST.bind(positional, keywords)[0];
        return switch (parts) {
          case Collection<?> c -> list(c);
          case Object[] arr -> list(arr);
          case null, default ->
              throw new IllegalArgumentException(
                  "list() needs a list of parts, got " + (parts == null ? "None" : parts));
        };
      }
      case "friendly_number", "friendlyNumber" -> {
        Object[] a = FRIENDLY_NUMBER.bind(positional, keywords);
        return friendlyNumber(FRIENDLY_NUMBER.integer(a, 0, false));
      }
      default ->
          throw new IllegalArgumentException("Locale has no template method '" + method + "'");
    }
  }

  @Override
  public String toString() {
    return "Locale(" + code + ")";
  }
}
