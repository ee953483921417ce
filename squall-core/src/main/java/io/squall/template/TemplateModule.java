package io.squall.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Template} UI module (Tornado's {@code TemplateModule}): {@code {% module
 * Template("entry.html", entry=e) %}} renders another template with its own namespace — only the
 * base namespace and the keyword arguments, not the calling template's variables.
 *
 * <p>The rendered template may declare resources for the page with {@code {{
 * set_resources({"css_files": ["entry.css"], "embedded_javascript": "init()"}) }}} (a map, since
 * expressions have no keyword arguments); keys are {@code javascript_files}, {@code
 * embedded_javascript}, {@code css_files}, {@code embedded_css}, {@code html_head} and {@code
 * html_body}. Resources are kept once per template file, so they must not depend on arguments.
 */
public final class TemplateModule implements UIModule {
  private final BaseLoader loader;
  private final Map<String, ?> namespace;
  private final Map<String, Map<?, ?>> resources = new LinkedHashMap<>();

  /**
   * Creates the module for one rendering.
   *
   * @param loader loads the templates named in calls
   * @param namespace the variables every rendered template sees (a request handler's template
   *     namespace, including {@link UIModules#NAMESPACE_KEY} so nested modules work)
   */
  public TemplateModule(BaseLoader loader, Map<String, ?> namespace) {
    this.loader = loader;
    this.namespace = namespace;
  }

  @Override
  public String render(ModuleArgs args) {
    if (!(args.get(0) instanceof String path)) {
      throw new IllegalArgumentException("Template module needs a template name");
    }
    Map<String, Object> ns = new HashMap<>(namespace);
    ns.putAll(args.keywords());
    ns.put("set_resources", (TemplateFunction) a -> setResources(path, a));
    return loader.load(path).generate(ns);
  }

  private String setResources(String path, Object[] args) {
    if (args.length != 1 || !(args[0] instanceof Map<?, ?> given)) {
      throw new IllegalArgumentException("set_resources takes one map of resources");
    }
    Map<String, Object> normalized = new LinkedHashMap<>();
    given.forEach((k, v) -> normalized.put(String.valueOf(k), normalize(v)));
    Map<?, ?> previous = resources.putIfAbsent(path, normalized);
    if (previous != null && !previous.equals(normalized)) {
      throw new IllegalArgumentException(
          "set_resources called with different resources for the same template");
    }
    return "";
  }

  /** Lists and arrays (a template's {@code ['a.css']} is an array) become lists of strings. */
  private static Object normalize(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof Iterable<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    } else if (value instanceof Object[] array) {
      for (Object item : array) {
        out.add(String.valueOf(item));
      }
    } else {
      return value == null ? null : String.valueOf(value);
    }
    return out;
  }

  private List<String> all(String key) {
    List<String> out = new ArrayList<>();
    for (Map<?, ?> r : resources.values()) {
      Object v = r.get(key);
      if (v instanceof List<?> list) {
        list.forEach(item -> out.add(String.valueOf(item)));
      } else if (v != null) {
        out.add(String.valueOf(v));
      }
    }
    return out;
  }

  private String joined(String key, String separator) {
    List<String> parts = all(key);
    return parts.isEmpty() ? null : String.join(separator, parts);
  }

  @Override
  public String embeddedJavascript() {
    return joined("embedded_javascript", "\n");
  }

  @Override
  public List<String> javascriptFiles() {
    return all("javascript_files");
  }

  @Override
  public String embeddedCss() {
    return joined("embedded_css", "\n");
  }

  @Override
  public List<String> cssFiles() {
    return all("css_files");
  }

  @Override
  public String htmlHead() {
    return joined("html_head", "");
  }

  @Override
  public String htmlBody() {
    return joined("html_body", "");
  }
}
