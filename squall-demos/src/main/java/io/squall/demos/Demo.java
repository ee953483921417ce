package io.squall.demos;

/**
 * One entry of the hub: where the demo is, its name, two sentences on what it shows, and the source
 * file that does it (shown on the demo's page by the layout).
 *
 * @param path the demo's URL path on the hub, e.g. {@code /chat/}
 * @param title its name in the navigation
 * @param summary two sentences: what the page shows, and what to try
 * @param source the file, from the repository root, that does it
 */
public record Demo(String path, String title, String summary, String source) {
  static final String SRC = "squall-demos/src/main/java/io/squall/demos/";
}
