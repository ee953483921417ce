package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.BaseLoader;
import io.squall.template.DictLoader;
import io.squall.template.ModuleArgs;
import io.squall.template.UIModule;
import io.squall.testing.SquallClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RequestHandler's render hooks under Tornado's names: render_linked_js/css, render_embed_js/css,
 * get_template_path and create_template_loader.
 */
class TemplateHooksTest {
  /** A module with one file and one embedded block of each kind. */
  public static class Widget implements UIModule {
    @Override
    public String render(ModuleArgs args) {
      return "<b>widget</b>";
    }

    @Override
    public List<String> javascriptFiles() {
      return List.of("/js/w.js", "/js/w.js");
    }

    @Override
    public String embeddedJavascript() {
      return "var w = 1;";
    }

    @Override
    public List<String> cssFiles() {
      return List.of("/css/w.css");
    }

    @Override
    public String embeddedCss() {
      return "b { color: red }";
    }
  }

  /** Renders the page with the default markup. */
  public static class Plain extends RequestHandler {
    @Override
    public void get() {
      render("page.html");
    }
  }

  /** Overrides each markup hook. */
  public static class Custom extends Plain {
    @Override
    public String renderLinkedJs(List<String> jsFiles) {
      return "<!-- js " + String.join(",", jsFiles) + " -->";
    }

    @Override
    public String renderEmbedJs(List<String> jsEmbed) {
      return "<!-- ejs " + jsEmbed.size() + " -->";
    }

    @Override
    public String renderLinkedCss(List<String> cssFiles) {
      return "<!-- css " + String.join(",", cssFiles) + " -->";
    }

    @Override
    public String renderEmbedCss(List<String> cssEmbed) {
      return "<!-- ecss " + cssEmbed.size() + " -->";
    }
  }

  static final String PAGE = "<html><head></head><body>{% module Widget() %}</body></html>";

  private static Application app(java.util.function.Supplier<Plain> f) {
    return Application.builder()
        .route("/", f)
        .settings(
            Settings.builder()
                .templateLoader(new DictLoader(Map.of("page.html", PAGE)))
                .uiModule("Widget", h -> new Widget())
                .build())
        .build();
  }

  @Test
  void defaultMarkupLinksEachFileOnce() throws Exception {
    try (SquallClient client = SquallClient.start(app(Plain::new))) {
      String page = client.fetch("/").text();
      assertThat(page)
          .containsOnlyOnce("<script src=\"/js/w.js\" type=\"text/javascript\"></script>")
          .contains("<link href=\"/css/w.css\" type=\"text/css\" rel=\"stylesheet\"/>")
          .contains("var w = 1;")
          .contains("<style type=\"text/css\">\nb { color: red }\n</style>");
    }
  }

  @Test
  void overriddenHooksMakeTheMarkup() throws Exception {
    try (SquallClient client = SquallClient.start(app(Custom::new))) {
      String page = client.fetch("/").text();
      assertThat(page)
          .contains("<!-- js /js/w.js -->")
          .contains("<!-- ejs 1 -->")
          .contains("<!-- css /css/w.css -->")
          .contains("<!-- ecss 1 -->")
          .doesNotContain("<script");
      assertThat(page.indexOf("<!-- css")).isLessThan(page.indexOf("</head>"));
      assertThat(page.indexOf("<!-- js")).isGreaterThan(page.indexOf("<b>widget</b>"));
    }
  }

  /** Loads from its own folder through its own loader. */
  public static class OwnFolder extends RequestHandler {
    static Path folder;
    static int loadersMade;

    @Override
    public Path getTemplatePath() {
      return folder;
    }

    @Override
    public BaseLoader createTemplateLoader(Path templatePath) {
      loadersMade++;
      return super.createTemplateLoader(templatePath);
    }

    @Override
    public void get() {
      render("own.html", Map.of("x", "y"));
    }
  }

  @Test
  void getTemplatePathAndCreateTemplateLoader(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("own.html"), "own {{ x }}");
    OwnFolder.folder = dir;
    OwnFolder.loadersMade = 0;
    Application app = Application.builder().route("/", OwnFolder::new).build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/").text()).isEqualTo("own y");
      assertThat(client.fetch("/").text()).isEqualTo("own y");
    }
    assertThat(OwnFolder.loadersMade).isEqualTo(1); // made once per path, then shared
  }
}
