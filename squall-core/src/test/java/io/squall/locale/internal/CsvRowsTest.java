package io.squall.locale.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's csv.reader (excel dialect, not strict), which Tornado's loader uses. */
class CsvRowsTest {
  private static List<List<String>> fields(String text) {
    return CsvRows.parse(text).stream().map(CsvRows.Row::fields).toList();
  }

  @Test
  void quotedAndUnquotedFields() {
    assertThat(fields("a,b,c\n\"x\",\"y, z\",\n"))
        .containsExactly(List.of("a", "b", "c"), List.of("x", "y, z", ""));
  }

  @Test
  void doubledQuotesAndLineBreaksInsideQuotes() {
    assertThat(fields("\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\"cr\ronly\""))
        .containsExactly(List.of("say \"hi\"", "two\nlines"), List.of("cr\nonly"));
  }

  @Test
  void laxQuotingAsPythonWithoutStrict() {
    assertThat(fields("ab\"c,\"de\"f,  \"g\"\n\"unclosed, runs"))
        .containsExactly(List.of("ab\"c", "def", "  \"g\""), List.of("unclosed, runs"));
  }

  @Test
  void blankLinesAreEmptyRowsAndLinesAreCounted() {
    List<CsvRows.Row> rows = CsvRows.parse("a\n\n\"b\nc\"\nd\r\ne");
    assertThat(rows.stream().map(CsvRows.Row::fields))
        .containsExactly(List.of("a"), List.of(), List.of("b\nc"), List.of("d"), List.of("e"));
    assertThat(rows.stream().map(CsvRows.Row::line)).containsExactly(1, 2, 3, 5, 6);
  }

  @Test
  void emptyTextHasNoRows() {
    assertThat(CsvRows.parse("")).isEmpty();
    assertThat(fields(",")).containsExactly(List.of("", ""));
  }
}
