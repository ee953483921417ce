package io.squall.bench.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The three engines render the same page, so the benchmark compares like with like. */
class FortunesTest {
  private static final Pattern ROW =
      Pattern.compile("<tr(?: class=\"even\")?><td>(\\d+)</td><td>([^<]*)</td></tr>");

  private static List<String> rows(String html) {
    Matcher m = ROW.matcher(html);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      // Engines differ only in how they spell the escaped quote characters.
      out.add(m.group(1) + ":" + m.group(2).replaceAll("&#(x27|39|x22|34);|&quot;", "'"));
    }
    return out;
  }

  @Test
  void enginesRenderTheSameRows() {
    List<Fortune> data = Fortunes.rows();
    String squall = Fortunes.squall().render(data);
    String pebble = Fortunes.pebble().render(data);
    String mustache = Fortunes.mustache().render(data);

    assertThat(rows(squall)).hasSize(13);
    assertThat(rows(pebble)).isEqualTo(rows(squall));
    assertThat(rows(mustache)).isEqualTo(rows(squall));
    for (String html : List.of(squall, pebble, mustache)) {
      assertThat(html).contains("<title>Fortunes</title>").contains("&lt;script&gt;");
      assertThat(html).doesNotContain("<script>");
      assertThat(html).contains("\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af");
    }
  }

  @Test
  void logicVariantsAgree() {
    List<Fortune> data = Fortunes.rows();
    String squall = Fortunes.squall("fortunes-logic.html").render(data);
    String pebble = Fortunes.pebble("fortunes-logic.peb").render(data);
    assertThat(rows(squall)).hasSize(13).isEqualTo(rows(pebble));
    assertThat(squall.split("class=\"even\"", -1)).hasSize(8);
    assertThat(pebble.split("class=\"even\"", -1)).hasSize(8);
  }
}
