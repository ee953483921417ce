package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import org.junit.jupiter.api.Test;

/** The hub's template page renders through the template language, escaping what users type. */
@SquallTest
class TemplateDemoTest {
  @TestApplication
  Application app() {
    return DemoHub.app();
  }

  @Test
  void rendersLayoutBlocksRowsAndModuleCss(SquallClient client) {
    FetchResponse r = client.fetch("/template/?name=%3Cscript%3Ex%3C%2Fscript%3E");
    assertThat(r.status()).isEqualTo(200);
    String html = r.text();
    assertThat(html).contains("<title>Templates</title>"); // block from the child
    assertThat(html).contains("<nav class=\"demos\"").contains("class=\"about\""); // layout
    assertThat(html).contains("Hello, &lt;script&gt;x&lt;/script&gt;!").doesNotContain("<script>x");
    assertThat(html).contains("<td>12</td>").contains("&lt;script&gt;alert(");
    assertThat(html).containsPattern("<style type=\"text/css\">\\s*\\.counter");
    assertThat(html).containsPattern("demo\\.css\\?v=[0-9a-f]{32}");
  }

  @Test
  void theMountPointWithoutSlashRedirects(SquallClient client) {
    FetchResponse r = client.fetch("/template", FetchOptions.get().followRedirects(false));
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/template/");
  }
}
