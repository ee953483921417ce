package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gettext catalogs as a Tornado application ships them: {@code .po} sources of our own compiled by
 * GNU {@code msgfmt} into a locale tree, in both byte orders, read by {@code
 * loadGettextTranslations}.
 */
class GettextMsgfmtTest {
  static final String DOMAIN = "squall_test";
  static final List<String> LANGS = List.of("fr", "fr_CA", "ar", "pl", "de");

  @TempDir Path tree;
  private Translations saved;

  @BeforeEach
  void save() {
    saved = Locale.translations();
  }

  @AfterEach
  void restore() {
    Locale.useTranslations(saved);
  }

  /** Compiles every fixture into {@code tree/LANG/LC_MESSAGES/squall_test.mo}. */
  private void compile(String endianness) throws Exception {
    Path msgfmt = ExternalTools.require("msgfmt", "gettext");
    for (String lang : LANGS) {
      Path po = tree.resolve(lang + ".po");
      try (InputStream in = getClass().getResourceAsStream("/locale/po/" + lang + ".po")) {
        Files.write(po, in.readAllBytes());
      }
      Path dir = Files.createDirectories(tree.resolve(lang).resolve("LC_MESSAGES"));
      Process p =
          new ProcessBuilder(
                  msgfmt.toString(),
                  "--endianness=" + endianness,
                  "-o",
                  dir.resolve(DOMAIN + ".mo").toString(),
                  po.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("msgfmt %s: %s", lang, output).isZero();
      Files.delete(po);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"little", "big"})
  void tornadosGettextTestCases(String endianness) throws Exception {
    compile(endianness);
    byte[] mo = Files.readAllBytes(tree.resolve("fr/LC_MESSAGES/" + DOMAIN + ".mo"));
    assertThat(mo[0] & 0xff).isEqualTo(endianness.equals("big") ? 0x95 : 0xde);

    Locale.loadGettextTranslations(tree, DOMAIN);
    assertThat(Locale.supportedLocales()).containsExactly("ar", "de", "en_US", "fr", "fr_CA", "pl");
    Locale fr = Locale.get("fr");
    assertThat(fr.translate("school")).isEqualTo("école");
    assertThat(fr.pgettext("law", "right")).isEqualTo("le droit");
    assertThat(fr.pgettext("good", "right")).isEqualTo("le bien");
    assertThat(fr.pgettext("organization", "club", "clubs", 1)).isEqualTo("le club");
    assertThat(fr.pgettext("organization", "club", "clubs", 2)).isEqualTo("les clubs");
    assertThat(fr.pgettext("stick", "club", "clubs", 1)).isEqualTo("le bâton");
    assertThat(fr.pgettext("stick", "club", "clubs", 2)).isEqualTo("les bâtons");
    assertThat(fr.pgettext("weapon", "club", "clubs", 2)).isEqualTo("clubs");
    assertThat(fr.translate("untranslated")).isEqualTo("untranslated"); // msgfmt drops it
  }

  @Test
  void pluralRulesFromTheHeaders() throws Exception {
    compile("little");
    Translations t = Translations.fromGettext(tree, DOMAIN);
    Locale fr = t.get("fr");
    assertThat(fr.translate("%(n)d file", "%(n)d files", 0)).isEqualTo("%(n)d fichier"); // n > 1
    assertThat(fr.translate("%(n)d file", "%(n)d files", 2)).isEqualTo("%(n)d fichiers");

    Locale pl = t.get("pl");
    Map<Long, String> polish =
        Map.of(
            1L,
            "%(n)d plik",
            2L,
            "%(n)d pliki",
            4L,
            "%(n)d pliki",
            5L,
            "%(n)d plików",
            12L,
            "%(n)d plików",
            22L,
            "%(n)d pliki",
            25L,
            "%(n)d plików");
    polish.forEach(
        (n, form) ->
            assertThat(pl.translate("%(n)d file", "%(n)d files", n))
                .as("pl %d", n)
                .isEqualTo(form));

    Locale ar = t.get("ar");
    assertThat(ar.isRightToLeft()).isTrue();
    String[] arabic = {"لا كتب", "كتاب واحد", "كتابان", "7 كتب", "11 كتابًا", "100 كتاب"};
    long[] counts = {0, 1, 2, 7, 11, 100};
    for (int i = 0; i < counts.length; i++) {
      String form = ar.translate("%(n)d book", "%(n)d books", counts[i]);
      assertThat(Locale.interpolate(form, Map.of("n", counts[i])))
          .as("ar %d", counts[i])
          .isEqualTo(arabic[i]);
    }
  }

  @Test
  void charsetFallbackAndFormatting() throws Exception {
    compile("little");
    Translations t = Translations.fromGettext(tree, DOMAIN);
    assertThat(t.get("de").translate("school")).isEqualTo("Schule für alle"); // ISO-8859-1
    Locale ca = t.get("fr_CA");
    assertThat(ca.translate("%(n)d file", "%(n)d files", 3)).isEqualTo("%(n)d fichiers (CA)");
    assertThat(ca.translate("school")).isEqualTo("école"); // from fr
    assertThat(ca.pgettext("law", "right")).isEqualTo("le droit");
    Instant sunday = Instant.parse("2013-04-28T18:35:00Z");
    assertThat(t.get("fr").formatDay(sunday)).isEqualTo("dimanche 28 avril");
    assertThat(ca.formatDay(sunday)).isEqualTo("dimanche 28 avril");
    assertThat(t.getClosest("fr-CA").code()).isEqualTo("fr_CA");
    assertThat(t.getClosest("fr-BE").code()).isEqualTo("fr");
  }

  @Test
  void aDamagedCatalogIsLoggedAndLeftOut() throws Exception {
    compile("little");
    Path pl = tree.resolve("pl/LC_MESSAGES/" + DOMAIN + ".mo");
    byte[] bytes = Files.readAllBytes(pl);
    Files.write(pl, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Files.createDirectories(tree.resolve("xx/LC_MESSAGES")); // no catalog: not a locale
    Translations t;
    try (ExpectLog log =
        ExpectLog.expect("io.squall.locale", "Cannot load translation for 'pl'.*past the end")) {
      t = Translations.fromGettext(tree, DOMAIN);
    }
    assertThat(t.supportedLocales()).containsExactly("ar", "de", "en_US", "fr", "fr_CA");
    assertThat(t.getClosest("pl").code()).isEqualTo("en_US");
  }

  /** Copied into a jar to anchor resource lookups there. */
  static final class Anchor {}

  @Test
  void loadsATreeInsideAJar() throws Exception {
    compile("big");
    Path jar = tree.resolve("app.jar");
    String anchor = Anchor.class.getName().replace('.', '/') + ".class";
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry(anchor));
      try (InputStream in = Anchor.class.getResourceAsStream("/" + anchor)) {
        in.transferTo(out);
      }
      out.putNextEntry(new java.util.jar.JarEntry("gettext/"));
      for (String lang : LANGS) {
        out.putNextEntry(new java.util.jar.JarEntry("gettext/" + lang + "/"));
        out.putNextEntry(new java.util.jar.JarEntry("gettext/" + lang + "/LC_MESSAGES/"));
        out.putNextEntry(
            new java.util.jar.JarEntry("gettext/" + lang + "/LC_MESSAGES/" + DOMAIN + ".mo"));
        out.write(Files.readAllBytes(tree.resolve(lang + "/LC_MESSAGES/" + DOMAIN + ".mo")));
      }
    }
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
      Class<?> inJar = loader.loadClass(Anchor.class.getName());
      Locale.loadGettextTranslations(inJar, "/gettext", DOMAIN);
      assertThat(Locale.supportedLocales()).contains("ar", "fr", "fr_CA", "pl");
      assertThat(Locale.get("fr").pgettext("law", "right")).isEqualTo("le droit");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Translations.fromGettextResources(getClass(), "/no-such-tree", DOMAIN))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no resource directory");
  }
}
