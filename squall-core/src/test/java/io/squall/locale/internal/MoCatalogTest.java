package io.squall.locale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .mo files built byte by byte: both byte orders, header, plurals, contexts, damage. */
class MoCatalogTest {
  static final String HEADER_FR =
      "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n";

  static MoWriter french() {
    return new MoWriter()
        .add("", HEADER_FR)
        .add("school", "école")
        .add("law\u0004right", "le droit")
        .add("good\u0004right", "le bien")
        .add("club\0clubs", "club (générique)\0clubs (génériques)")
        .add("organization\u0004club\0clubs", "le club\0les clubs")
        .add("stick\u0004club\0clubs", "le bâton\0les bâtons")
        .add("%(n)d file\0%(n)d files", "%(n)d fichier\0%(n)d fichiers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
  void readsBothByteOrders(String orderName) throws MoFormatException {
    ByteOrder order =
        orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    MoCatalog c = MoCatalog.parse(french().write(order, StandardCharsets.UTF_8));
    assertThat(c.translate("school")).isEqualTo("école");
    assertThat(c.translate("unknown")).isEqualTo("unknown");
    assertThat(c.pluralRule()).hasToString("(n > 1)");
  }

  @Test
  void pluralFormsFollowTheHeaderRule() throws MoFormatException {
    MoCatalog c = MoCatalog.parse(french().write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8));
    assertThat(c.translate("%(n)d file", "%(n)d files", 0)).isEqualTo("%(n)d fichier"); // n > 1
    assertThat(c.translate("%(n)d file", "%(n)d files", 1)).isEqualTo("%(n)d fichier");
    assertThat(c.translate("%(n)d file", "%(n)d files", 2)).isEqualTo("%(n)d fichiers");
    assertThat(c.translate("apple", "apples", 1)).isEqualTo("apple");
    assertThat(c.translate("apple", "apples", 0)).isEqualTo("apples");
    // as in Python's gettext, a plural entry is not found by a singular lookup
    assertThat(c.translate("%(n)d file")).isEqualTo("%(n)d file");
  }

  @Test
  void contextsAsTornadoTestsThem() throws MoFormatException {
    MoCatalog c = MoCatalog.parse(french().write(ByteOrder.BIG_ENDIAN, StandardCharsets.UTF_8));
    assertThat(c.pgettext("law", "right")).isEqualTo("le droit");
    assertThat(c.pgettext("good", "right")).isEqualTo("le bien");
    assertThat(c.pgettext("organization", "club", "clubs", 1)).isEqualTo("le club");
    assertThat(c.pgettext("organization", "club", "clubs", 2)).isEqualTo("les clubs");
    assertThat(c.pgettext("stick", "club", "clubs", 1)).isEqualTo("le bâton");
    assertThat(c.pgettext("stick", "club", "clubs", 2)).isEqualTo("les bâtons");
    // unknown context: singular untranslated, plural from the context-free entry
    assertThat(c.pgettext("sport", "right")).isEqualTo("right");
    assertThat(c.pgettext("sport", "club", "clubs", 2)).isEqualTo("clubs (génériques)");
    assertThat(c.pgettext("sport", "school")).isEqualTo("school");
  }

  @Test
  void arabicSixFormsAndAMissingFormIsUntranslated() throws MoFormatException {
    String header =
        "Content-Type: text/plain; charset=UTF-8\n"
            + "Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 :"
            + " n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n";
    MoCatalog c =
        MoCatalog.parse(
            new MoWriter()
                .add("", header)
                .add(
                    "%(n)d book\0%(n)d books",
                    "لا كتب\0كتاب واحد\0كتابان\0%(n)d كتب\0%(n)d كتابًا\0%(n)d كتاب")
                .add("day\0days", "يوم\0يوم")
                .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8));
    String[] expected = {
      "لا كتب", "كتاب واحد", "كتابان", "%(n)d كتب", "%(n)d كتابًا", "%(n)d كتاب"
    };
    long[] counts = {0, 1, 2, 7, 11, 100};
    for (int i = 0; i < counts.length; i++) {
      assertThat(c.translate("%(n)d book", "%(n)d books", counts[i]))
          .as("n=%d", counts[i])
          .isEqualTo(expected[i]);
    }
    assertThat(c.translate("day", "days", 1)).isEqualTo("يوم");
    assertThat(c.translate("day", "days", 5)).isEqualTo("days"); // form 3 is missing
  }

  @Test
  void headerCharsetDecodesTheStrings() throws MoFormatException {
    byte[] latin1 =
        new MoWriter()
            .add("", "Content-Type: text/plain; charset=ISO-8859-1\n")
            .add("school", "école")
            .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.ISO_8859_1);
    assertThat(MoCatalog.parse(latin1).translate("school")).isEqualTo("école");
    byte[] noHeader =
        new MoWriter()
            .add("school", "école")
            .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8);
    MoCatalog c = MoCatalog.parse(noHeader);
    assertThat(c.translate("school")).isEqualTo("école"); // UTF-8 by default
    assertThat(c.pluralRule()).isSameAs(PluralRule.GERMANIC);
  }

  @Test
  void revisionOneIsRead() throws MoFormatException {
    byte[] rev1 = french().write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, 1);
    assertThat(MoCatalog.parse(rev1).translate("school")).isEqualTo("école");
  }

  @Test
  void fallbackAnswersWhatTheCatalogLacks() throws MoFormatException {
    MoCatalog general =
        MoCatalog.parse(french().write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8));
    MoCatalog regional =
        MoCatalog.parse(
                new MoWriter()
                    .add("school", "école (CA)")
                    .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8))
            .withFallback(general);
    assertThat(regional.translate("school")).isEqualTo("école (CA)");
    assertThat(regional.pgettext("law", "right")).isEqualTo("le droit");
    assertThat(regional.translate("%(n)d file", "%(n)d files", 2)).isEqualTo("%(n)d fichiers");
    assertThat(regional.pgettext("stick", "club", "clubs", 2)).isEqualTo("les bâtons");
  }

  @Test
  void damagedFilesAreRefusedWithTheReason() {
    byte[] good = french().write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MoCatalog.parse(new byte[10])).hasMessageContaining("too short");
    byte[] badMagic = good.clone();
    badMagic[0] = 0;
    assertThatThrownBy(() -> MoCatalog.parse(badMagic)).hasMessageContaining("bad magic number");
    byte[] badRevision = good.clone();
    ByteBuffer.wrap(badRevision).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2 << 16);
    assertThatThrownBy(() -> MoCatalog.parse(badRevision)).hasMessageContaining("revision 2.0");
    byte[] truncated = Arrays.copyOf(good, good.length - 20);
    assertThatThrownBy(() -> MoCatalog.parse(truncated)).hasMessageContaining("past the end");
    byte[] hugeCount = good.clone();
    ByteBuffer.wrap(hugeCount).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
    assertThatThrownBy(() -> MoCatalog.parse(hugeCount)).hasMessageContaining("past the end");
    byte[] badUtf8 =
        new MoWriter()
            .add("school", "\u00e9cole")
            .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> MoCatalog.parse(badUtf8)).hasMessageContaining("not valid UTF-8");
    byte[] badCharset =
        new MoWriter()
            .add("", "Content-Type: text/plain; charset=CHARSET\n")
            .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MoCatalog.parse(badCharset))
        .hasMessageContaining("unknown charset 'CHARSET'");
    byte[] badRule =
        new MoWriter()
            .add("", "Plural-Forms: nplurals=2; plural=n !! 1;\n")
            .write(ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MoCatalog.parse(badRule)).hasMessageContaining("Plural-Forms");
  }
}
