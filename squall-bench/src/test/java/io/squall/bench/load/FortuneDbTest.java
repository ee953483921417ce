package io.squall.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.bench.template.Fortune;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class FortuneDbTest {
  @Test
  void thePeersPageHasTheStoredRowsPlusOneSortedAndEscaped() throws Exception {
    DataSource pool = FortuneDb.pool();
    try {
      List<Fortune> stored = FortuneDb.query(pool);
      assertThat(stored).hasSize(12);
      List<Fortune> rows = FortuneDb.withExtra(stored);
      assertThat(rows).hasSize(13);
      assertThat(rows.get(0).id()).isEqualTo(11); // "<script>..." sorts first
      String html = FortuneDb.html(rows);
      assertThat(html)
          .contains("<td>11</td><td>&lt;script&gt;alert(&quot;This should not be displayed")
          .contains("aren&#39;t broken")
          .contains("<td>0</td><td>Additional fortune added at request time.</td>")
          .contains("\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af")
          .doesNotContain("<script>");
      assertThat(html.split("<tr>", -1)).hasSize(15); // header row + 13
    } finally {
      ((AutoCloseable) pool).close();
    }
  }
}
