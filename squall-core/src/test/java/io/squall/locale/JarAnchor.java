package io.squall.locale;

/** Copied into a jar by {@link CsvTranslationsTest} to anchor resource lookups there. */
public final class JarAnchor {
  private JarAnchor() {}
}
