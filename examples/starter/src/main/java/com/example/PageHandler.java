package com.example;

import io.squall.web.RequestHandler;
import java.util.Map;

/** {@code GET /}: a page rendered from {@code templates/index.html}. */
public class PageHandler extends RequestHandler {
  /** Renders the page with a greeting for the {@code name} argument. */
  public void get() {
    render("index.html", Map.of("name", getArgument("name", "world")));
  }
}
