package io.squall.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a loader (or a stand-alone {@link Template}) compiles and renders templates: Tornado's {@code
 * autoescape}, {@code whitespace} and {@code namespace} loader arguments, plus the debug reload
 * switch and the expression sandbox's package list. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * TemplateSettings settings = TemplateSettings.builder()
 *     .autoescape(null)                      // no escaping by default
 *     .namespace(Map.of("site", "Example"))  // visible in every template
 *     .debug(true)                           // reload templates when their files change
 *     .build();
 * }</pre>
 */
public final class TemplateSettings {
  /** The autoescape function used unless configured otherwise. */
  public static final String DEFAULT_AUTOESCAPE = "xhtml_escape";

  private static final TemplateSettings DEFAULTS = builder().build();

  private final String autoescape;
  private final WhitespaceMode whitespace;
  private final Map<String, Object> namespace;
  private final boolean debug;
  private final List<String> allowedPackages;

  private TemplateSettings(Builder b) {
    this.autoescape = b.autoescape;
    this.whitespace = b.whitespace;
    this.namespace = Collections.unmodifiableMap(new LinkedHashMap<>(b.namespace));
    this.debug = b.debug;
    this.allowedPackages = List.copyOf(b.allowedPackages);
  }

  /** The defaults: {@code xhtml_escape}, whitespace by file name, empty namespace, no debug. */
  public static TemplateSettings defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.autoescape = autoescape;
    b.whitespace = whitespace;
    b.namespace.putAll(namespace);
    b.debug = debug;
    b.allowedPackages.addAll(allowedPackages);
    return b;
  }

  /**
   * The name of the namespace function applied to every {@code {{ expression }}}, or {@code null}
   * when output is not escaped by default. Templates may switch with {@code {% autoescape %}}.
   */
  public String autoescape() {
    return autoescape;
  }

  /** The whitespace mode for every template, or {@code null} to choose by file name. */
  public WhitespaceMode whitespace() {
    return whitespace;
  }

  /** Values and functions added to every template's namespace (unmodifiable). */
  public Map<String, Object> namespace() {
    return namespace;
  }

  /** Whether a {@link Loader} re-reads templates whose files (or included files) changed. */
  public boolean debug() {
    return debug;
  }

  /**
   * The packages whose classes template expressions may use, besides the safe JDK types and
   * Squall's own; empty (the default) allows every class outside the JDK. See {@link
   * Builder#allowPackages}.
   */
  public List<String> allowedPackages() {
    return allowedPackages;
  }

  /** Builds {@link TemplateSettings}. */
  public static final class Builder {
    private String autoescape = DEFAULT_AUTOESCAPE;
    private WhitespaceMode whitespace;
    private final Map<String, Object> namespace = new LinkedHashMap<>();
    private boolean debug;
    private final List<String> allowedPackages = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the default autoescape function by its namespace name ({@code "xhtml_escape"}, or one
     * you add to the namespace); {@code null} turns autoescaping off.
     */
    public Builder autoescape(String functionName) {
      this.autoescape = functionName;
      return this;
    }

    /** Sets one whitespace mode for all templates; {@code null} chooses by file name. */
    public Builder whitespace(WhitespaceMode mode) {
      this.whitespace = mode;
      return this;
    }

    /** Adds one value or function to every template's namespace. */
    public Builder namespace(String name, Object value) {
      namespace.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Adds values and functions to every template's namespace. */
    public Builder namespace(Map<String, ?> values) {
      values.forEach(this::namespace);
      return this;
    }

    /** Turns reloading of changed template files on or off. */
    public Builder debug(boolean on) {
      this.debug = on;
      return this;
    }

    /**
     * Restricts template expressions to the classes of the given packages (and their subpackages),
     * on top of the JDK types that are always allowed (strings, numbers, booleans, collections,
     * {@code java.time}, {@code java.text}) and Squall's own classes. Without a call to this method
     * every class outside the JDK is allowed. Use it to keep templates from calling into library
     * objects that happen to be reachable from your model.
     */
    public Builder allowPackages(String... packageNames) {
      for (String p : packageNames) {
        allowedPackages.add(Objects.requireNonNull(p, "package name"));
      }
      return this;
    }

    /** Returns the settings. */
    public TemplateSettings build() {
      return new TemplateSettings(this);
    }
  }
}
