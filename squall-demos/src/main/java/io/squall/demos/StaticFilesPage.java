package io.squall.demos;

import io.squall.web.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /static-files/}: the hub's own static files with their sizes and versioned URLs, and the
 * requests to try on them (conditional GET, ranges, long caching).
 */
public final class StaticFilesPage extends RequestHandler {
  /** The files every hub page loads, and the large one that ranges are tried on. */
  static final List<String> ASSETS =
      List.of("demo.css", "demo.js", "squall.svg", DemoHub.BIG_ASSET);

  /** A row of the table. */
  public record Asset(String name, long size, String url) {}

  /** Renders the page. */
  public void get() {
    List<Asset> files = new ArrayList<>();
    try {
      for (String name : ASSETS) {
        files.add(new Asset(name, Files.size(DemoHub.staticPath().resolve(name)), staticUrl(name)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long big = files.get(files.size() - 1).size();
    render("static-files.html", Map.of("files", files, "big", big));
  }
}
