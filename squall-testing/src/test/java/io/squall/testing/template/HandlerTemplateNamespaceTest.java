package io.squall.testing.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.DictLoader;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions a request handler gives its templates take Tornado's keyword arguments. */
@SquallTest
class HandlerTemplateNamespaceTest {
  @TempDir static Path root;

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(root.resolve("site.css"), "body {}");
  }

  /** Renders page.html. */
  public static class Page extends RequestHandler {
    public void get() {
      write(renderString("page.html", Map.of("q", "a b")));
    }
  }

  @TestApplication
  Application app() {
    DictLoader templates =
        new DictLoader(
            Map.of(
                "page.html",
                "{{ static_url('site.css') }}|{{ static_url('site.css', include_host=True) }}|"
                    + "{{ static_url(path='site.css', include_host=False) }}|"
                    + "{{ url_escape(q, plus=False) }}|{{ request.path }}"));
    return Application.builder()
        .route("/page", Page::new)
        .settings(Settings.builder().staticPath(root).templateLoader(templates).build())
        .build();
  }

  @Test
  void staticUrlTakesIncludeHost(SquallClient client) {
    String[] parts = client.fetch("/page").text().split("\\|");
    assertThat(parts[0]).matches("/static/site\\.css\\?v=[0-9a-f]{32}");
    assertThat(parts[1])
        .matches("http://(127\\.0\\.0\\.1|localhost):\\d+/static/site\\.css\\?v=[0-9a-f]{32}");
    assertThat(parts[2]).isEqualTo(parts[0]);
    assertThat(parts[3]).isEqualTo("a%20b");
    assertThat(parts[4]).isEqualTo("/page");
  }
}
