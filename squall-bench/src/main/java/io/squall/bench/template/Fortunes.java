package io.squall.bench.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.squall.template.DictLoader;
import io.squall.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Fortunes page (as in the TechEmpower benchmark) in three template engines: Squall, Pebble and
 * Mustache.java. Each renders the same rows into the same layout: a base template with title and
 * body blocks, and a page that extends it with a table of HTML-escaped messages.
 */
public final class Fortunes {
  private static final String DIR = "templates/bench";

  /** Renders the page for a list of fortunes. */
  @FunctionalInterface
  public interface Renderer {
    /** Returns the HTML. */
    String render(List<Fortune> fortunes);
  }

  private Fortunes() {}

  /** The twelve stored fortunes plus the one added per request, sorted by message. */
  public static List<Fortune> rows() {
    List<Fortune> rows =
        new ArrayList<>(
            List.of(
                new Fortune(1, "fortune: No such file or directory"),
                new Fortune(
                    2, "A computer scientist is someone who fixes things that aren't broken."),
                new Fortune(3, "After enough decimal places, nobody gives a damn."),
                new Fortune(4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
                new Fortune(
                    5,
                    "A computer program does what you tell it to do, not what you want it to do."),
                new Fortune(
                    6,
                    "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen"),
                new Fortune(7, "Any program that runs right is obsolete."),
                new Fortune(8, "A list is only as strong as its weakest link. \u2014 Donald Knuth"),
                new Fortune(9, "Feature: A bug with seniority."),
                new Fortune(10, "Computers make very fast, very accurate mistakes."),
                new Fortune(
                    11,
                    "<script>alert(\"This should not be displayed in a browser alert box.\");"
                        + "</script>"),
                new Fortune(
                    12,
                    "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de"
                        + "\u30fc\u30af"),
                new Fortune(0, "Additional fortune added at request time.")));
    rows.sort(Comparator.comparing(Fortune::message));
    return List.copyOf(rows);
  }

  /**
   * A loader holding Squall's {@code base.html} and {@code fortunes.html}, for an {@code
   * Application}'s {@code templateLoader} setting (the load harness's fortunes scenario).
   */
  public static DictLoader squallLoader() {
    return new DictLoader(
        Map.of("base.html", resource("base.html"), "fortunes.html", resource("fortunes.html")));
  }

  /** Squall's templates, loaded through a {@link DictLoader}. */
  public static Renderer squall() {
    return squall("fortunes.html");
  }

  /**
   * Squall rendering {@code page}: {@code fortunes.html}, or {@code fortunes-logic.html}, which
   * adds a computed condition per row (a general expression rather than a plain property path).
   */
  public static Renderer squall(String page) {
    DictLoader loader =
        new DictLoader(Map.of("base.html", resource("base.html"), page, resource(page)));
    Template template = loader.load(page);
    return fortunes -> template.generate(Map.of("fortunes", fortunes));
  }

  /** Pebble with its default HTML autoescaping. */
  public static Renderer pebble() {
    return pebble("fortunes.peb");
  }

  /** Pebble rendering {@code fortunes.peb} or {@code fortunes-logic.peb}. */
  public static Renderer pebble(String name) {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix(DIR);
    PebbleEngine engine = new PebbleEngine.Builder().loader(loader).build();
    PebbleTemplate page = engine.getTemplate(name);
    return fortunes -> {
      StringWriter out = new StringWriter(1024);
      try {
        page.evaluate(out, Map.of("fortunes", fortunes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    };
  }

  /** Mustache.java, using template inheritance for the layout. */
  public static Renderer mustache() {
    Mustache page = new DefaultMustacheFactory(DIR).compile("fortunes.mustache");
    return fortunes -> {
      StringWriter out = new StringWriter(1024);
      page.execute(out, Map.of("fortunes", fortunes));
      return out.toString();
    };
  }

  private static String resource(String name) {
    try (InputStream in = Fortunes.class.getClassLoader().getResourceAsStream(DIR + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DIR + "/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
