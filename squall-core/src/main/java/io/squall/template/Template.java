package io.squall.template;

import io.squall.template.internal.Linker;
import io.squall.template.internal.Node;
import io.squall.template.internal.Parsed;
import io.squall.template.internal.Parser;
import io.squall.template.internal.RenderContext;
import io.squall.template.internal.Scope;
import io.squall.template.internal.py.Members;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled template (Tornado's {@code tornado.template.Template}).
 *
 * <pre>{@code
 * Template t = new Template("Hello {{ name }}!");
 * t.generate(Map.of("name", "<Ben>"));   // "Hello &lt;Ben&gt;!"
 * }</pre>
 *
 * <p>The source is parsed and every expression compiled once, in the constructor; syntax errors are
 * thrown there as {@link TemplateException}s. {@code extends} and {@code include} are resolved then
 * too, through the loader, so a template that uses them needs one. Rendering walks the compiled
 * tree and writes into a single buffer. A {@code Template} is immutable and may render on many
 * threads at once; each {@link #generate} call has its own variables.
 *
 * <p>See the {@linkplain io.squall.template package documentation} for the language.
 */
public final class Template {
  private final String name;
  private final BaseLoader loader;
  private final TemplateSettings settings;
  private final long version;
  private final Parsed.File parsed;
  private final Map<String, Long> dependencies;
  private final Node root;
  private volatile int sizeHint = 256;

  /** Compiles a stand-alone template named {@code <string>}, with the default settings. */
  public Template(String source) {
    this(source, "<string>", null, null, 0L);
  }

  /**
   * Compiles a template.
   *
   * @param source the template text
   * @param name the name used in error messages, for resolving relative {@code include} and {@code
   *     extends} paths, and to pick the default whitespace mode
   * @param loader the loader that resolves {@code include} and {@code extends} and supplies the
   *     settings, or {@code null}
   * @throws TemplateException on a syntax error or a template that cannot be loaded
   */
  public Template(String source, String name, BaseLoader loader) {
    this(source, name, loader, null, 0L);
  }

  /**
   * Compiles a template with its own settings instead of the loader's.
   *
   * @param source the template text
   * @param name the template name
   * @param loader the loader for {@code include} and {@code extends}, or {@code null}
   * @param settings the settings, or {@code null} for the loader's (or the defaults)
   * @throws TemplateException on a syntax error or a template that cannot be loaded
   */
  public Template(String source, String name, BaseLoader loader, TemplateSettings settings) {
    this(source, name, loader, settings, 0L);
  }

  Template(String source, String name, BaseLoader loader, TemplateSettings settings, long version) {
    this.name = name;
    this.loader = loader;
    this.settings =
        settings != null
            ? settings
            : loader != null ? loader.settings() : TemplateSettings.defaults();
    this.version = version;
    WhitespaceMode whitespace =
        this.settings.whitespace() != null
            ? this.settings.whitespace()
            : WhitespaceMode.forTemplateName(name);
    this.parsed =
        Parser.parse(
            name,
            source,
            whitespace,
            this.settings.autoescape(),
            Members.forPackages(this.settings.allowedPackages()));
    Map<String, Long> deps = new LinkedHashMap<>();
    Linker.Resolver resolver =
        loader == null
            ? null
            : (dep, from, line) -> {
              Template t = loader.loadReferenced(dep, from, line);
              deps.put(t.name, t.version);
              return t.parsed;
            };
    this.root = Linker.link(parsed, resolver);
    this.dependencies = Collections.unmodifiableMap(deps);
  }

  /** The template's name. */
  public String name() {
    return name;
  }

  /** The loader this template resolves {@code include} and {@code extends} with, or null. */
  public BaseLoader loader() {
    return loader;
  }

  /** Renders with no arguments. */
  public String generate() {
    return generate(Map.of());
  }

  /**
   * Renders the template.
   *
   * @param args the variables the template sees, on top of the loader's namespace and the built-in
   *     functions; not modified
   * @return the output
   * @throws TemplateException if an expression fails, naming the template, line and expression
   */
  public String generate(Map<String, ?> args) {
    StringBuilder out = new StringBuilder(sizeHint);
    generate(args, out);
    int size = out.length();
    if (size > sizeHint) {
      sizeHint = size + (size >> 3);
    }
    return out.toString();
  }

  /** Renders the template and encodes the output as UTF-8 (what Tornado's generate returns). */
  public byte[] generateBytes(Map<String, ?> args) {
    return generate(args).getBytes(StandardCharsets.UTF_8);
  }

  /** Renders the template, appending the output to {@code out}. */
  public void generate(Map<String, ?> args, StringBuilder out) {
    Map<String, ?> vars = args == null ? Map.of() : args;
    root.render(new RenderContext(out, new Scope(vars, settings.namespace())));
  }

  long version() {
    return version;
  }

  Map<String, Long> dependencies() {
    return dependencies;
  }

  @Override
  public String toString() {
    return "Template[" + name + "]";
  }
}
