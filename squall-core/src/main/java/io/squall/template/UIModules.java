package io.squall.template;

import io.squall.escape.Escape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The UI modules of one page rendering: resolves {@code {% module Name(...) %}} calls to {@link
 * UIModule} instances and, after rendering, inserts the CSS and JavaScript they need into the page.
 *
 * <p>Use one instance per rendering (it is not thread-safe). Put it in the template namespace under
 * {@link #NAMESPACE_KEY}, render, then pass the result through {@link #insertResources}:
 *
 * <pre>{@code
 * UIModules modules = new UIModules(Map.of("Entry", () -> new EntryModule(handler)), staticUrl);
 * Map<String, Object> ns = new HashMap<>(args);
 * ns.put(UIModules.NAMESPACE_KEY, modules);
 * String page = modules.insertResources(template.generate(ns));
 * }</pre>
 */
public final class UIModules {
  /** The namespace key templates look up for {@code {% module %}} (Tornado's name). */
  public static final String NAMESPACE_KEY = "_tt_modules";

  private final Map<String, ? extends Supplier<? extends UIModule>> factories;
  private final Function<String, String> staticUrl;
  private final Map<String, UIModule> active = new LinkedHashMap<>();

  /**
   * Creates the registry for one rendering.
   *
   * @param factories module name to a factory of fresh instances
   * @param staticUrl maps a relative CSS or JavaScript path to its URL (a handler's {@code
   *     staticUrl}); absolute paths and URLs are not passed to it
   */
  public UIModules(
      Map<String, ? extends Supplier<? extends UIModule>> factories,
      Function<String, String> staticUrl) {
    this.factories = Map.copyOf(factories);
    this.staticUrl = staticUrl;
  }

  /** A registry whose relative resource paths are used as they are. */
  public UIModules(Map<String, ? extends Supplier<? extends UIModule>> factories) {
    this(factories, Function.identity());
  }

  /**
   * Renders module {@code name}, creating its instance on first use in this rendering.
   *
   * @throws IllegalArgumentException if no module has that name
   */
  public String render(String name, ModuleArgs args) {
    UIModule module = active.get(name);
    if (module == null) {
      Supplier<? extends UIModule> factory = factories.get(name);
      if (factory == null) {
        throw new IllegalArgumentException("no UI module named '" + name + "'");
      }
      module = factory.get();
      active.put(name, module);
    }
    String html = module.render(args);
    return html == null ? "" : html;
  }

  /** The modules rendered so far, in order of first use. */
  public List<UIModule> active() {
    return Collections.unmodifiableList(new ArrayList<>(active.values()));
  }

  /**
   * How the collected resources become markup (Tornado's {@code render_linked_js}, {@code
   * render_embed_js}, {@code render_linked_css} and {@code render_embed_css}, which a handler may
   * override). Each method gets a non-empty list.
   */
  public interface ResourceRenderer {
    /** Script tags for JavaScript files, as the modules named them (each once, in order). */
    String linkedJs(List<String> paths);

    /** One script block for embedded JavaScript. */
    String embedJs(List<String> blocks);

    /** Link tags for CSS files, as the modules named them (each once, in order). */
    String linkedCss(List<String> paths);

    /** One style block for embedded CSS. */
    String embedCss(List<String> blocks);
  }

  /**
   * Adds the rendered modules' resources to a page, as Tornado's {@code RequestHandler.render}
   * does: linked and embedded JavaScript and {@link UIModule#htmlBody()} before {@code </body>},
   * linked and embedded CSS and {@link UIModule#htmlHead()} before {@code </head>}. Each file is
   * linked once, in the order modules asked for it. A part whose closing tag is missing from the
   * page is left out.
   */
  public String insertResources(String html) {
    return insertResources(
        html,
        new ResourceRenderer() {
          @Override
          public String linkedJs(List<String> paths) {
            return scriptTags(paths.stream().map(UIModules.this::url).distinct().toList());
          }

          @Override
          public String embedJs(List<String> blocks) {
            return scriptBlock(blocks);
          }

          @Override
          public String linkedCss(List<String> paths) {
            return linkTags(paths.stream().map(UIModules.this::url).distinct().toList());
          }

          @Override
          public String embedCss(List<String> blocks) {
            return styleBlock(blocks);
          }
        });
  }

  /** As {@link #insertResources(String)}, with the markup made by {@code renderer}. */
  public String insertResources(String html, ResourceRenderer renderer) {
    List<String> jsEmbed = new ArrayList<>();
    Set<String> jsFiles = new LinkedHashSet<>();
    List<String> cssEmbed = new ArrayList<>();
    Set<String> cssFiles = new LinkedHashSet<>();
    StringBuilder heads = new StringBuilder();
    StringBuilder bodies = new StringBuilder();
    for (UIModule m : active.values()) {
      addIfPresent(jsEmbed, m.embeddedJavascript());
      jsFiles.addAll(m.javascriptFiles());
      addIfPresent(cssEmbed, m.embeddedCss());
      cssFiles.addAll(m.cssFiles());
      appendIfPresent(heads, m.htmlHead());
      appendIfPresent(bodies, m.htmlBody());
    }
    String page = html;
    if (!jsFiles.isEmpty()) {
      page = insertBefore(page, "</body>", true, renderer.linkedJs(List.copyOf(jsFiles)));
    }
    if (!jsEmbed.isEmpty()) {
      page = insertBefore(page, "</body>", true, renderer.embedJs(List.copyOf(jsEmbed)));
    }
    if (!cssFiles.isEmpty()) {
      page = insertBefore(page, "</head>", false, renderer.linkedCss(List.copyOf(cssFiles)));
    }
    if (!cssEmbed.isEmpty()) {
      page = insertBefore(page, "</head>", false, renderer.embedCss(List.copyOf(cssEmbed)));
    }
    if (!heads.isEmpty()) {
      page = insertBefore(page, "</head>", false, heads.toString());
    }
    if (!bodies.isEmpty()) {
      page = insertBefore(page, "</body>", false, bodies.toString());
    }
    return page;
  }

  /** {@code <script src>} tags for {@code urls}, escaped, in order. */
  public static String scriptTags(List<String> urls) {
    StringBuilder js = new StringBuilder();
    for (String f : urls) {
      js.append("<script src=\"")
          .append(Escape.xhtmlEscape(f))
          .append("\" type=\"text/javascript\"></script>");
    }
    return js.toString();
  }

  /** One {@code <script>} block holding {@code blocks}, one per line, in a CDATA section. */
  public static String scriptBlock(List<String> blocks) {
    return "<script type=\"text/javascript\">\n//<![CDATA[\n"
        + String.join("\n", blocks)
        + "\n//]]>\n</script>";
  }

  /** {@code <link rel="stylesheet">} tags for {@code urls}, escaped, in order. */
  public static String linkTags(List<String> urls) {
    StringBuilder css = new StringBuilder();
    for (String f : urls) {
      css.append("<link href=\"")
          .append(Escape.xhtmlEscape(f))
          .append("\" type=\"text/css\" rel=\"stylesheet\"/>");
    }
    return css.toString();
  }

  /** One {@code <style>} block holding {@code blocks}, one per line. */
  public static String styleBlock(List<String> blocks) {
    return "<style type=\"text/css\">\n" + String.join("\n", blocks) + "\n</style>";
  }

  /**
   * The URL of a module resource: an absolute path or an {@code http:}/{@code https:} URL as is,
   * else through the registry's static-URL function.
   */
  public String url(String path) {
    boolean absolute =
        path.startsWith("/") || path.startsWith("http:") || path.startsWith("https:");
    return absolute ? path : staticUrl.apply(path);
  }

  private static void addIfPresent(List<String> list, String value) {
    if (value != null && !value.isEmpty()) {
      list.add(value);
    }
  }

  private static void appendIfPresent(StringBuilder sb, String value) {
    if (value != null) {
      sb.append(value);
    }
  }

  private static String insertBefore(String page, String tag, boolean last, String content) {
    int at = last ? page.lastIndexOf(tag) : page.indexOf(tag);
    if (at < 0) {
      return page;
    }
    return page.substring(0, at) + content + "\n" + page.substring(at);
  }
}
