package io.squall.locale;

import io.squall.locale.internal.Catalog;
import io.squall.locale.internal.CsvLoader;
import io.squall.locale.internal.GettextLoader;
import io.squall.locale.internal.ResourceDirectory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded set of translations: which locales are supported, which one is the default, and the
 * {@link Locale} of each. What Tornado keeps in {@code tornado.locale}'s module globals, as one
 * immutable value, so several can coexist (tests, or two applications in one JVM) and replacing the
 * current one is a single atomic step.
 *
 * <p>The static methods of {@link Locale} ({@link Locale#loadTranslations(Path)}, {@link
 * Locale#getClosest(String...)} ...) work on the process-wide {@link Locale#translations() current}
 * set, as Tornado's functions do; this class is for code that wants its own.
 *
 * <pre>{@code
 * Translations t = Translations.fromCsv(Path.of("translations"));
 * Locale es = t.getClosest("es-MX", "en");
 * }</pre>
 *
 * <p>Immutable and thread-safe; locales are created on first use and cached.
 */
public final class Translations {
  /** The default locale code when none is set: {@code en_US}, as in Tornado. */
  public static final String DEFAULT_CODE = "en_US";

  private static final Translations NONE = new Translations(Map.of(), DEFAULT_CODE);

  private final Map<String, Catalog> catalogs;
  private final String defaultCode;
  private final Set<String> supported;
  private final ConcurrentHashMap<String, Locale> cache = new ConcurrentHashMap<>();

  private Translations(Map<String, Catalog> catalogs, String defaultCode) {
    this.catalogs = catalogs;
    this.defaultCode = defaultCode;
    Set<String> codes = new TreeSet<>(catalogs.keySet());
    codes.add(defaultCode);
    this.supported = Collections.unmodifiableSet(codes);
  }

  /** No translations: only the default locale, {@code en_US}, whose messages are the originals. */
  public static Translations none() {
    return NONE;
  }

  /**
   * Loads a directory of Tornado CSV translation files ({@code LOCALE.csv}, e.g. {@code
   * es_GT.csv}), each file's encoding detected from its byte-order mark: UTF-16 (either byte order)
   * or UTF-8 with or without a BOM (the default). Rows are {@code "message","translation"} with an
   * optional third column {@code singular}, {@code plural} or {@code unknown}/empty:
   *
   * <pre>
   * "I love you","Te amo"
   * "%(name)s liked this","A %(name)s les gustó esto","plural"
   * "%(name)s liked this","A %(name)s le gustó esto","singular"
   * </pre>
   *
   * <p>A fourth column, when present, is the message's context for {@link Locale#pgettext(String,
   * String)} (a Squall extension that Tornado reads by ignoring it):
   *
   * <pre>
   * "right","le droit","","law"
   * "right","le bien","","good"
   * </pre>
   *
   * <p>As in Tornado, a file named other than {@code [a-z]+(_[A-Z]+)?.csv} and a row with an
   * unknown plural mark are logged as errors and skipped; rows with fewer than two fields are
   * ignored. The directory may be on any file system, e.g. inside a jar opened as a zip file
   * system.
   *
   * @throws IOException if the directory cannot be read or a file is not valid in its encoding (the
   *     message names the file)
   */
  public static Translations fromCsv(Path directory) throws IOException {
    return fromCsv(directory, null);
  }

  /**
   * As {@link #fromCsv(Path)}, reading every file in {@code encoding} (null: detect from the BOM).
   */
  public static Translations fromCsv(Path directory, Charset encoding) throws IOException {
    return new Translations(CsvLoader.load(directory, encoding), DEFAULT_CODE);
  }

  /**
   * As {@link #fromCsv(Path)} for a directory of resources found with {@code
   * anchor.getResource(directory)}: a folder on the class path or one inside a jar (read in place,
   * not extracted).
   *
   * @param directory e.g. {@code "/translations"} (absolute) or a name relative to the anchor's
   *     package
   * @throws IOException if there is no such resource directory or reading fails
   */
  public static Translations fromCsvResources(Class<?> anchor, String directory)
      throws IOException {
    return ResourceDirectory.read(anchor, directory, Translations::fromCsv);
  }

  /**
   * Loads gettext catalogs from a locale tree, {@code DIRECTORY/LANG/LC_MESSAGES/DOMAIN.mo} (the
   * compiled {@code .mo} files that GNU {@code msgfmt} writes), one locale per {@code LANG}
   * directory. Each catalog's header gives its charset and plural rule ({@code Plural-Forms}), so
   * languages with more than two plural forms translate correctly. Messages with a context ({@code
   * msgctxt}) are found with {@link Locale#pgettext(String, String)}. A {@code LANG_REGION} catalog
   * falls back to {@code LANG}'s when both exist. As in Tornado, a file that is not a valid catalog
   * is logged as an error and its locale left out.
   *
   * @throws IOException if the directory cannot be listed
   * @throws IllegalArgumentException if {@code domain} is empty or contains a path separator
   */
  public static Translations fromGettext(Path directory, String domain) throws IOException {
    return new Translations(GettextLoader.load(directory, domain), DEFAULT_CODE);
  }

  /**
   * As {@link #fromGettext(Path, String)} for a directory of resources (see {@link
   * #fromCsvResources}).
   */
  public static Translations fromGettextResources(Class<?> anchor, String directory, String domain)
      throws IOException {
    return ResourceDirectory.read(anchor, directory, dir -> fromGettext(dir, domain));
  }

  /**
   * These translations with {@code code} as the default locale: the language the application's
   * messages are written in, returned when no requested locale is supported (Tornado's {@code
   * set_default_locale}). It is always supported, with or without a translation file.
   *
   * @throws IllegalArgumentException if {@code code} is empty
   */
  public Translations withDefault(String code) {
    Objects.requireNonNull(code, "code");
    if (code.isEmpty()) {
      throw new IllegalArgumentException("the default locale code is empty");
    }
    return code.equals(defaultCode) ? this : new Translations(catalogs, code);
  }

  /** The default locale's code. */
  public String defaultCode() {
    return defaultCode;
  }

  /**
   * The supported locale codes, sorted: every loaded translation and the default (Tornado's {@code
   * get_supported_locales}).
   */
  public Set<String> supportedLocales() {
    return supported;
  }

  /**
   * The locale of exactly {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not {@linkplain #supportedLocales()
   *     supported}; use {@link #getClosest(String...)} to match loosely
   */
  public Locale get(String code) {
    Locale cached = cache.get(code);
    if (cached != null) {
      return cached;
    }
    if (!supported.contains(code)) {
      throw new IllegalArgumentException(
          "locale '" + code + "' is not supported; supported: " + supported);
    }
    return cache.computeIfAbsent(code, c -> new Locale(c, catalogs.getOrDefault(c, Catalog.EMPTY)));
  }

  /**
   * The best supported locale for {@code codes}, tried in order (Tornado's {@code
   * Locale.get_closest}): each code with {@code -} read as {@code _} and {@code ll_RR} normalised
   * to lower-case language and upper-case region ({@code pt-br} is {@code pt_BR}), then its
   * language alone ({@code pt}). Empty codes and codes of more than two parts are skipped. When
   * none matches, the default locale.
   */
  public Locale getClosest(String... codes) {
    return getClosest(Arrays.asList(codes));
  }

  /** As {@link #getClosest(String...)}. */
  public Locale getClosest(List<String> codes) {
    for (String raw : codes) {
      if (raw == null || raw.isEmpty()) {
        continue;
      }
      String code = raw.replace('-', '_');
      int sep = code.indexOf('_');
      if (sep >= 0 && code.indexOf('_', sep + 1) >= 0) {
        continue;
      }
      String language =
          (sep < 0 ? code : code.substring(0, sep)).toLowerCase(java.util.Locale.ROOT);
      if (sep >= 0) {
        code = language + "_" + code.substring(sep + 1).toUpperCase(java.util.Locale.ROOT);
      }
      if (supported.contains(code)) {
        return get(code);
      }
      if (supported.contains(language)) {
        return get(language);
      }
    }
    return get(defaultCode);
  }

  @Override
  public String toString() {
    return "Translations" + supported + " default " + defaultCode;
  }
}
