package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tornado's CSV translation directories: rows, plural marks, names, encodings, places. */
class CsvTranslationsTest {
  static final String FIXTURES = "/io/squall/locale/csv";

  @TempDir Path tmp;

  static Path fixtures() throws Exception {
    return Path.of(CsvTranslationsTest.class.getResource(FIXTURES).toURI());
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = CsvTranslationsTest.class.getResourceAsStream(FIXTURES + "/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void loadsEveryLocaleFileAndSkipsBadNames() throws Exception {
    Translations t = Translations.fromCsv(fixtures());
    // Bad-Name.csv is not a locale code, sv.txt is not a .csv file
    assertThat(t.supportedLocales()).containsExactly("de", "en_US", "es", "fr_FR");
    assertThat(t.get("fr_FR").translate("school")).isEqualTo("école");
    assertThat(t.get("de").translate("school")).isEqualTo("Schule"); // CRLF file
    assertThat(t.get("en_US").translate("school")).isEqualTo("school");
  }

  @Test
  void rowsSingularPluralAndUnknown() throws Exception {
    Locale es = Translations.fromCsv(fixtures()).get("es");
    assertThat(es.translate("%(name)s liked this", "%(name)s liked this", 1))
        .isEqualTo("A %(name)s le gustó esto");
    assertThat(es.translate("%(name)s liked this", "%(name)s liked this", 2))
        .isEqualTo("A %(name)s les gustó esto");
    assertThat(es.translate("%(name)s liked this")).isEqualTo("%(name)s liked this"); // unknown
    assertThat(es.translate("1 minute ago", "%(minutes)d minutes ago", 0))
        .isEqualTo("hace %(minutes)d minutos");
    assertThat(es.translate("apple", "apples", 3)).isEqualTo("apples");
    // quoting, trimming, line breaks, an empty plural mark
    assertThat(es.translate("\"padded\"")).isEqualTo("relleno");
    assertThat(es.translate("say \"hi\", please")).isEqualTo("di \"hola\", por favor");
    assertThat(es.translate("two\nlines")).isEqualTo("dos\nlíneas");
    assertThat(es.translate("a comment row with one field"))
        .isEqualTo("a comment row with one field");
  }

  @Test
  void rowWithAnUnknownPluralMarkIsSkipped() throws Exception {
    Locale fr = Translations.fromCsv(fixtures()).get("fr_FR");
    assertThat(fr.translate("hello")).isEqualTo("salut"); // "sometimes" row skipped
  }

  @Test
  void csvHasNoContextsSoPgettextIgnoresIt() throws Exception {
    Locale es = Translations.fromCsv(fixtures()).get("es");
    assertThat(es.pgettext("education", "school")).isEqualTo("escuela");
    assertThat(es.pgettext("x", "%(name)s liked this", "%(name)s liked this", 2))
        .isEqualTo("A %(name)s les gustó esto");
  }

  @Test
  void aFourthColumnGivesTheContext() throws Exception {
    Locale fr = Translations.fromCsv(fixtures()).get("fr_FR");
    assertThat(fr.pgettext("law", "right")).isEqualTo("le droit");
    assertThat(fr.pgettext("good", "right")).isEqualTo("le bien");
    assertThat(fr.pgettext("organization", "club", "clubs", 1)).isEqualTo("le club");
    assertThat(fr.pgettext("organization", "club", "clubs", 2)).isEqualTo("les clubs");
    assertThat(fr.pgettext("stick", "club", "clubs", 1)).isEqualTo("le bâton");
    assertThat(fr.pgettext("stick", "club", "clubs", 2)).isEqualTo("les bâtons");
    // unknown context: the context-free translation, where (as Tornado reads it) the last row wins
    assertThat(fr.pgettext("sport", "right")).isEqualTo("le bien");
    assertThat(fr.pgettext("sport", "club", "clubs", 1)).isEqualTo("le bâton");
    assertThat(fr.translate("right")).isEqualTo("le bien");
    assertThat(fr.translate("club", "clubs", 2)).isEqualTo("les bâtons");
  }

  private void write(String file, byte[] bytes) throws IOException {
    Files.write(tmp.resolve(file), bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void encodingFollowsEachFilesByteOrderMark() throws Exception {
    String text = fixture("fr_FR.csv");
    byte[] bomUtf8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    write("fr_FR.csv", concat(bomUtf8, text.getBytes(StandardCharsets.UTF_8)));
    write("fr_CA.csv", text.getBytes(StandardCharsets.UTF_16)); // big-endian with BOM
    byte[] bomLe = {(byte) 0xFF, (byte) 0xFE};
    write("fr_BE.csv", concat(bomLe, text.getBytes(StandardCharsets.UTF_16LE)));
    write("fr.csv", text.getBytes(StandardCharsets.UTF_8));
    Translations t = Translations.fromCsv(tmp);
    for (String code : new String[] {"fr_FR", "fr_CA", "fr_BE", "fr"}) {
      assertThat(t.get(code).translate("school")).as(code).isEqualTo("école");
      assertThat(t.get(code).translate("hello")).as(code).isEqualTo("salut");
    }
  }

  @Test
  void explicitEncoding() throws Exception {
    write("fr.csv", "\"school\",\"école\"\n".getBytes(StandardCharsets.ISO_8859_1));
    Translations t = Translations.fromCsv(tmp, Charset.forName("ISO-8859-1"));
    assertThat(t.get("fr").translate("school")).isEqualTo("école");
  }

  @Test
  void invalidBytesFailTheLoadNamingTheFile() throws Exception {
    write("fr.csv", "\"school\",\"école\"\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Translations.fromCsv(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fr.csv")
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void missingDirectoryIsAnIoError() {
    assertThatThrownBy(() -> Translations.fromCsv(tmp.resolve("nowhere")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void loadsFromAClassPathFolder() throws Exception {
    Translations t = Translations.fromCsvResources(CsvTranslationsTest.class, FIXTURES);
    assertThat(t.get("es").translate("school")).isEqualTo("escuela");
    Translations relative = Translations.fromCsvResources(CsvTranslationsTest.class, "csv/");
    assertThat(relative.supportedLocales()).contains("es", "de");
    assertThatThrownBy(() -> Translations.fromCsvResources(CsvTranslationsTest.class, "/nope"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no resource directory '/nope'");
    assertThatThrownBy(
            () -> Translations.fromCsvResources(CsvTranslationsTest.class, FIXTURES + "/es.csv"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void loadsFromAFolderInsideAJarWithoutExtracting() throws Exception {
    Path jar = tmp.resolve("app with space.jar");
    String anchor = JarAnchor.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(anchor));
      try (InputStream in = JarAnchor.class.getResourceAsStream("/" + anchor)) {
        in.transferTo(out);
      }
      out.putNextEntry(new JarEntry("i18n/"));
      for (String name : new String[] {"es.csv", "de.csv"}) {
        out.putNextEntry(new JarEntry("i18n/" + name));
        out.write(fixture(name).getBytes(StandardCharsets.UTF_8));
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Class<?> inJar = loader.loadClass(JarAnchor.class.getName());
      assertThat(inJar.getResource("/i18n").getProtocol()).isEqualTo("jar");
      Translations t = Translations.fromCsvResources(inJar, "/i18n");
      assertThat(t.supportedLocales()).containsExactly("de", "en_US", "es");
      assertThat(t.get("es").translate("school")).isEqualTo("escuela");
      // the zip file system opened for the load was closed again: a second load works too
      assertThat(Translations.fromCsvResources(inJar, "/i18n").get("de").translate("school"))
          .isEqualTo("Schule");
    }
  }
}
