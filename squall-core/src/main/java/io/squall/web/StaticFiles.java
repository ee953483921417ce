package io.squall.web;

import io.squall.web.internal.StaticPaths;
import io.squall.web.internal.StaticVersions;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An application's static files: the handler factory for its static route and versioned URLs. */
final class StaticFiles {
  private final String urlPrefix;
  private final StaticPaths paths;
  private final StaticVersions versions;

  StaticFiles(Settings settings, String appPrefix) {
    this.urlPrefix = appPrefix + settings.staticUrlPrefix();
    try {
      this.paths = new StaticPaths(settings.staticPath(), settings.staticDefaultFilename());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "staticPath is not a readable folder: " + settings.staticPath(), e);
    }
    this.versions = new StaticVersions(paths);
  }

  RequestHandler newHandler() {
    return new StaticFileHandler(paths, versions);
  }

  String url(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return versions.staticUrl(urlPrefix, p);
  }
}
