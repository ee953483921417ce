package io.squall.locale.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translations of one Tornado CSV file: three tables, for rows marked {@code singular}, {@code
 * plural} and {@code unknown} (no mark). A plural lookup with {@code count == 1} reads the singular
 * table with the singular message, any other count the plural table with the plural message; a
 * lookup without plural reads the unknown table. The CSV format has no contexts, so {@code
 * pgettext} ignores the context (logging a warning once per catalog, where Tornado warns on every
 * call).
 */
public final class CsvCatalog implements Catalog {
  private static final Logger LOG = LoggerFactory.getLogger(CsvCatalog.class);

  /** Row kinds of the optional third column. */
  public static final String SINGULAR = "singular";

  /** Rows used for counts other than one. */
  public static final String PLURAL = "plural";

  /** Rows without a plural mark. */
  public static final String UNKNOWN = "unknown";

  private final Map<String, String> singular;
  private final Map<String, String> plural;
  private final Map<String, String> unknown;
  private final AtomicBoolean warnedContext = new AtomicBoolean();

  /**
   * @param tables the translations by row kind ({@link #SINGULAR}, {@link #PLURAL}, {@link
   *     #UNKNOWN}); copied
   */
  public CsvCatalog(Map<String, Map<String, String>> tables) {
    singular = Map.copyOf(tables.getOrDefault(SINGULAR, Map.of()));
    plural = Map.copyOf(tables.getOrDefault(PLURAL, Map.of()));
    unknown = Map.copyOf(tables.getOrDefault(UNKNOWN, Map.of()));
  }

  @Override
  public String translate(String message) {
    return unknown.getOrDefault(message, message);
  }

  @Override
  public String translate(String message, String pluralMessage, long count) {
    if (count == 1) {
      return singular.getOrDefault(message, message);
    }
    return plural.getOrDefault(pluralMessage, pluralMessage);
  }

  @Override
  public String pgettext(String context, String message) {
    warnContext();
    return translate(message);
  }

  @Override
  public String pgettext(String context, String message, String pluralMessage, long count) {
    warnContext();
    return translate(message, pluralMessage, count);
  }

  private void warnContext() {
    if (!isEmpty() && warnedContext.compareAndSet(false, true)) {
      LOG.warn("pgettext is not supported by CSV translations; the context is ignored");
    }
  }

  @Override
  public boolean isEmpty() {
    return singular.isEmpty() && plural.isEmpty() && unknown.isEmpty();
  }
}
