package io.squall.locale.internal;

/**
 * The translations of one locale, from whichever format they were loaded. Implementations are
 * immutable and thread-safe. Every method returns the message itself (or, for plurals, the form
 * English would use) when it has no translation.
 */
public interface Catalog {
  /** A catalog without translations. */
  Catalog EMPTY = new CsvCatalog(java.util.Map.of());

  /** Translates a message that has no plural form. */
  String translate(String message);

  /**
   * Translates a message whose form depends on {@code count}; untranslated, {@code message} when
   * {@code count == 1} and {@code pluralMessage} otherwise.
   */
  String translate(String message, String pluralMessage, long count);

  /** Translates {@code message} in {@code context} (gettext's {@code msgctxt}). */
  String pgettext(String context, String message);

  /** Translates a plural message in {@code context}. */
  String pgettext(String context, String message, String pluralMessage, long count);

  /** True when the catalog holds no translation at all. */
  boolean isEmpty();
}
