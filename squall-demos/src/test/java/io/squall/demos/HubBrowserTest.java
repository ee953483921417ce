package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.demos.browser.BrowserSession;
import io.squall.testing.SquallClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Every hub page in headless Chromium: no JavaScript error, no failed sub-request, and a screenshot
 * of each under {@code target/screenshots/} (kept as a build artifact).
 */
class HubBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  /** Pages that talk to the server after loading are ready once their status line says so. */
  static boolean ready(WebDriver d) {
    List<WebElement> status = d.findElements(By.id("status"));
    return status.isEmpty() || !status.get(0).getText().startsWith("Connecting");
  }

  @Test
  void everyHubPageLoadsInChromiumWithoutErrors() throws Exception {
    List<String> paths = new ArrayList<>(List.of("/"));
    DemoHub.DEMOS.forEach(d -> paths.add(d.path()));
    Map<String, List<String>> problems = new LinkedHashMap<>();
    try (SquallClient hub = SquallClient.start(DemoHub.app());
        BrowserSession browser = BrowserSession.start()) {
      for (String path : paths) {
        String name =
            path.equals("/") ? "index" : path.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        Path shot = SHOTS.resolve("hub-" + name + ".png");
        List<String> seen = browser.visit(hub.url(path), shot, HubBrowserTest::ready);
        if (!seen.isEmpty()) {
          problems.put(path, seen);
        }
        assertThat(shot).as("screenshot of %s", path).isNotEmptyFile();
      }
    }
    assertThat(problems).as("problems per page").isEmpty();
  }

  @Test
  void aBrokenPageIsCaught() throws Exception {
    // the check itself can fail: a page with a script error and a missing image is reported
    try (SquallClient hub =
            SquallClient.start(
                io.squall.web.Application.builder().route("/", BrokenPage::new).build());
        BrowserSession browser = BrowserSession.start()) {
      List<String> seen = browser.visit(hub.url("/"), SHOTS.resolve("broken.png"));
      assertThat(seen)
          .anyMatch(p -> p.contains("nosuchfunction"))
          .anyMatch(p -> p.contains("404") && p.contains("/missing.png"));
    }
  }

  /** A page with a JavaScript error and an image that is not there. */
  public static final class BrokenPage extends io.squall.web.RequestHandler {
    /** Writes the page. */
    public void get() {
      write(
          "<!doctype html><title>broken</title><img src=\"/missing.png\">"
              + "<script>nosuchfunction();</script>");
    }
  }
}
