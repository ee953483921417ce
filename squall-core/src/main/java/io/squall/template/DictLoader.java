package io.squall.template;

import java.util.Map;

/**
 * Loads templates from a map of name to source (Tornado's {@code DictLoader}); handy for tests and
 * for templates built into an application. The map is copied.
 *
 * <pre>{@code
 * DictLoader loader = new DictLoader(Map.of(
 *     "base.html", "<title>{% block title %}{% end %}</title>",
 *     "page.html", "{% extends \"base.html\" %}{% block title %}Hi{% end %}"));
 * loader.load("page.html").generate();   // "<title>Hi</title>"
 * }</pre>
 */
public class DictLoader extends BaseLoader {
  private final Map<String, String> sources;

  /** A loader over {@code sources} with the default settings. */
  public DictLoader(Map<String, String> sources) {
    this(sources, TemplateSettings.defaults());
  }

  /** A loader over {@code sources}. */
  public DictLoader(Map<String, String> sources, TemplateSettings settings) {
    super(settings);
    this.sources = Map.copyOf(sources);
  }

  @Override
  protected String readTemplate(String name) {
    String source = sources.get(name);
    if (source == null) {
      throw new TemplateNotFoundException(name, "not found");
    }
    return source;
  }
}
