package io.squall.locale.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads gettext's locale tree, {@code DIRECTORY/LANG/LC_MESSAGES/DOMAIN.mo} (as under {@code
 * /usr/share/locale}). Each {@code LANG} directory with that file becomes a locale. As in Tornado,
 * a file that cannot be read as a catalog is logged as an error and its locale left out. As in
 * Python's {@code gettext.translation}, {@code LANG_REGION} falls back to {@code LANG} when both
 * exist.
 */
public final class GettextLoader {
  private static final Logger LOG = LoggerFactory.getLogger(GettextLoader.class);

  private GettextLoader() {}

  /**
   * Loads the catalogs of {@code domain} under {@code directory}.
   *
   * @return the catalogs by locale code (the {@code LANG} directory names)
   * @throws IOException if {@code directory} cannot be listed
   */
  public static Map<String, Catalog> load(Path directory, String domain) throws IOException {
    if (domain.isEmpty() || domain.contains("/") || domain.contains("\\")) {
      throw new IllegalArgumentException("bad gettext domain '" + domain + "'");
    }
    Map<String, MoCatalog> parsed = new TreeMap<>();
    try (DirectoryStream<Path> langs = Files.newDirectoryStream(directory)) {
      for (Path langDir : langs) {
        String lang = langDir.getFileName().toString();
        if (lang.endsWith("/")) { // directory entries of a zip file system
          lang = lang.substring(0, lang.length() - 1);
        }
        Path file = langDir.resolve("LC_MESSAGES").resolve(domain + ".mo");
        if (lang.isEmpty() || !Files.isRegularFile(file)) {
          continue;
        }
        try {
          parsed.put(lang, MoCatalog.parse(Files.readAllBytes(file)));
        } catch (MoFormatException | IOException e) {
          LOG.error("Cannot load translation for '{}' from {}: {}", lang, file, e.getMessage());
        }
      }
    }
    Map<String, Catalog> out = new TreeMap<>();
    parsed.forEach(
        (lang, catalog) -> {
          int cut = lang.indexOf('_');
          MoCatalog general = cut > 0 ? parsed.get(lang.substring(0, cut)) : null;
          out.put(lang, general == null ? catalog : catalog.withFallback(general));
        });
    return out;
  }
}
