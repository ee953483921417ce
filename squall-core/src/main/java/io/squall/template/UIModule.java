package io.squall.template;

import java.util.List;

/**
 * A reusable piece of a page, rendered with {@code {% module Name(args) %}} (Tornado's {@code
 * UIModule}). Besides its HTML fragment a module may need CSS and JavaScript; {@link
 * UIModules#insertResources} adds what all modules rendered on a page asked for, once each, to the
 * page's {@code <head>} and the end of its {@code <body>}.
 *
 * <p>One instance serves all calls of the same module name within one rendering; the web layer
 * creates it per request, so a module can keep per-page state and hold the request handler.
 */
public interface UIModule {
  /** Renders the module's HTML; it is inserted unescaped. */
  String render(ModuleArgs args);

  /** JavaScript code to embed at the end of the page's body, or {@code null}. */
  default String embeddedJavascript() {
    return null;
  }

  /**
   * JavaScript files to link at the end of the body. Relative paths go through the page's {@code
   * static_url}; paths starting with {@code /}, {@code http:} or {@code https:} are used as given.
   */
  default List<String> javascriptFiles() {
    return List.of();
  }

  /** CSS to embed in the page's head, or {@code null}. */
  default String embeddedCss() {
    return null;
  }

  /** CSS files to link in the head; paths are treated as for {@link #javascriptFiles()}. */
  default List<String> cssFiles() {
    return List.of();
  }

  /** HTML to put at the end of the page's {@code <head>}, or {@code null}. */
  default String htmlHead() {
    return null;
  }

  /** HTML to put at the end of the page's {@code <body>}, or {@code null}. */
  default String htmlBody() {
    return null;
  }
}
