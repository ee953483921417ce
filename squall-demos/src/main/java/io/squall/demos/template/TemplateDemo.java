package io.squall.demos.template;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.template.ModuleArgs;
import io.squall.template.UIModule;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A page rendered through templates: a base layout with blocks, a loop over rows with escaping of
 * what the user typed, and a UI module that adds its own CSS to the page head.
 */
public final class TemplateDemo {
  private TemplateDemo() {}

  /** A row of the fortunes table. */
  public record Fortune(int id, String message) {}

  static final List<Fortune> FORTUNES =
      List.of(
          new Fortune(1, "fortune: No such file or directory"),
          new Fortune(2, "A computer scientist is someone who fixes things that aren't broken."),
          new Fortune(3, "After enough decimal places, nobody gives a damn."),
          new Fortune(
              4,
              "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
          new Fortune(5, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
          new Fortune(6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
          new Fortune(7, "Any program that runs right is obsolete."),
          new Fortune(8, "A list is only as strong as its weakest link. — Donald Knuth"),
          new Fortune(9, "Feature: A bug with seniority."),
          new Fortune(10, "Computers make very fast, very accurate mistakes."),
          new Fortune(11, "<script>alert(\"This should not be displayed\");</script>"),
          new Fortune(12, "フレームワークのベンチマーク"));

  /** Counts the rows; shows how a UI module contributes CSS to the page head. */
  public static final class CounterModule implements UIModule {
    @Override
    public String render(ModuleArgs args) {
      return "<p class=\"counter\">" + args.get(0) + " rows</p>";
    }

    @Override
    public String embeddedCss() {
      return ".counter { color: #666; font-style: italic; }";
    }
  }

  /** Renders the greeting page. */
  public static final class GreetingHandler extends RequestHandler {
    /** Renders with the {@code name} argument. */
    public void get() {
      render("greeting.html", Map.of("name", getArgument("name", "world"), "fortunes", FORTUNES));
    }
  }

  /** The folder of the demo templates. */
  public static Path templatePath() {
    URL url = TemplateDemo.class.getResource("/templates/base.html");
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI()).getParent();
      } catch (URISyntaxException e) {
        // fall through
      }
    }
    Path src = Path.of("squall-demos/src/main/resources/templates");
    return Files.isDirectory(src) ? src : Path.of("templates");
  }

  /** The application; the hub mounts it at {@code /template}. */
  public static Application app() {
    return Application.builder()
        .route("/", GreetingHandler::new)
        .settings(DemoLayout.settings().uiModule("Counter", h -> new CounterModule()).build())
        .build();
  }

  /** Serves the demo alone at {@code /template/}. */
  public static void main(String[] args) {
    int port = DemoArgs.port(args, 8888);
    Application.builder().mount("/template", app()).build().listen(port);
    System.out.println("Serving http://localhost:" + port + "/template/");
    IOLoop.current().start();
  }
}
