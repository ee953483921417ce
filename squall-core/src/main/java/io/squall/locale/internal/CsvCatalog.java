package io.squall.locale.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translations of one Tornado CSV file: three tables, for rows marked {@code singular}, {@code
 * plural} and {@code unknown} (no mark). A plural lookup with {@code count == 1} reads the singular
 * table with the singular message, any other count the plural table with the plural message; a
 * lookup without plural reads the unknown table.
 *
 * <p>Tornado's CSV format has no contexts and its {@code pgettext} ignores the context with a
 * warning. Squall reads an optional fourth column as the context: rows with one are also found
 * under {@code context + U+0004 + message}, which {@code pgettext} tries first before the
 * context-free translation. Without any such row {@code pgettext} ignores the context as Tornado
 * does (warning once per catalog, where Tornado warns on every call). Every row, with or without
 * context, also translates context-free, as Tornado reads it.
 */
public final class CsvCatalog implements Catalog {
  private static final Logger LOG = LoggerFactory.getLogger(CsvCatalog.class);

  /** Row kinds of the optional third column. */
  public static final String SINGULAR = "singular";

  /** Rows used for counts other than one. */
  public static final String PLURAL = "plural";

  /** Rows without a plural mark. */
  public static final String UNKNOWN = "unknown";

  /** Separates context and message in a key. */
  public static final char CONTEXT_SEPARATOR = '\u0004';

  private final Map<String, String> singular;
  private final Map<String, String> plural;
  private final Map<String, String> unknown;
  private final boolean hasContexts;
  private final AtomicBoolean warnedContext = new AtomicBoolean();

  /**
   * @param tables the translations by row kind ({@link #SINGULAR}, {@link #PLURAL}, {@link
   *     #UNKNOWN}); copied
   */
  public CsvCatalog(Map<String, Map<String, String>> tables) {
    singular = Map.copyOf(tables.getOrDefault(SINGULAR, Map.of()));
    plural = Map.copyOf(tables.getOrDefault(PLURAL, Map.of()));
    unknown = Map.copyOf(tables.getOrDefault(UNKNOWN, Map.of()));
    hasContexts =
        hasContextKey(singular.keySet())
            || hasContextKey(plural.keySet())
            || hasContextKey(unknown.keySet());
  }

  private static boolean hasContextKey(java.util.Set<String> keys) {
    for (String k : keys) {
      if (k.indexOf(CONTEXT_SEPARATOR) >= 0) {
        return true;
      }
    }
    return false;
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
    String found = unknown.get(context + CONTEXT_SEPARATOR + message);
    return found != null ? found : translate(message);
  }

  @Override
  public String pgettext(String context, String message, String pluralMessage, long count) {
    warnContext();
    String found =
        count == 1
            ? singular.get(context + CONTEXT_SEPARATOR + message)
            : plural.get(context + CONTEXT_SEPARATOR + pluralMessage);
    return found != null ? found : translate(message, pluralMessage, count);
  }

  private void warnContext() {
    if (!hasContexts && !isEmpty() && warnedContext.compareAndSet(false, true)) {
      LOG.warn("pgettext: these CSV translations have no context column; the context is ignored");
    }
  }

  @Override
  public boolean isEmpty() {
    return singular.isEmpty() && plural.isEmpty() && unknown.isEmpty();
  }
}
