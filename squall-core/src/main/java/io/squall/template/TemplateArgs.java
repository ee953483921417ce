package io.squall.template;

import io.squall.template.internal.Truth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a call from a template, positional and keyword: {@code locale.format_date(d,
 * full_format=True)} passes one positional argument and one keyword.
 *
 * <p>A template-facing function that accepts keyword arguments receives a {@code TemplateArgs}: a
 * namespace value that is a {@link KeywordFunction}, or a Java method whose only parameter is
 * {@code TemplateArgs}. Read each parameter by its position or its Python name with {@link
 * #get(int, String, Object)}, after checking the call with {@link #expect}:
 *
 * <pre>{@code
 * public String formatDate(TemplateArgs a) {
 *   a.expect("format_date", "date", "gmt_offset", "relative", "shorter", "full_format");
 *   Object date = a.get(0, "date");
 *   boolean full = a.flag(4, "full_format", false);
 *   ...
 * }
 * }</pre>
 */
@TemplateFacing
public final class TemplateArgs {
  private static final TemplateArgs EMPTY = new TemplateArgs(List.of(), Map.of());

  private final List<Object> positional;
  private final Map<String, Object> keywords;

  /**
   * Arguments as given; both collections are copied.
   *
   * @param positional the positional arguments, in order (values may be {@code null})
   * @param keywords the keyword arguments in call order (values may be {@code null})
   */
  public TemplateArgs(List<?> positional, Map<String, ?> keywords) {
    this.positional = Collections.unmodifiableList(new ArrayList<>(positional));
    this.keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
  }

  private TemplateArgs(Object[] positional) {
    this.positional = Collections.unmodifiableList(Arrays.asList(positional));
    this.keywords = Map.of();
  }

  /** Positional arguments only (the array is not copied; do not change it afterwards). */
  public static TemplateArgs of(Object... positional) {
    return positional.length == 0 ? EMPTY : new TemplateArgs(positional);
  }

  /** The positional arguments (unmodifiable). */
  public List<Object> positional() {
    return positional;
  }

  /** The keyword arguments, in call order (unmodifiable). */
  public Map<String, Object> keywords() {
    return keywords;
  }

  /**
   * Checks the call against a Python signature {@code function(names...)}: no more positional
   * arguments than names, every keyword one of the names, and no parameter given twice.
   *
   * @return this
   * @throws IllegalArgumentException naming the function and the problem, as Python's TypeError
   */
  public TemplateArgs expect(String function, String... names) {
    if (positional.size() > names.length) {
      throw new IllegalArgumentException(
          function
              + "() takes at most "
              + names.length
              + " positional argument"
              + (names.length == 1 ? "" : "s")
              + " ("
              + positional.size()
              + " given)");
    }
    for (String k : keywords.keySet()) {
      int index = -1;
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(k)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new IllegalArgumentException(
            function + "() got an unexpected keyword argument '" + k + "'");
      }
      if (index < positional.size()) {
        throw new IllegalArgumentException(
            function + "() got multiple values for argument '" + k + "'");
      }
    }
    return this;
  }

  /** Whether the parameter at {@code index} (or named {@code name}) was passed. */
  public boolean has(int index, String name) {
    return (index >= 0 && index < positional.size())
        || (name != null && keywords.containsKey(name));
  }

  /**
   * A required parameter, by position or by name.
   *
   * @throws IllegalArgumentException if it was not passed
   */
  public Object get(int index, String name) {
    if (index >= 0 && index < positional.size()) {
      return positional.get(index);
    }
    if (name != null && keywords.containsKey(name)) {
      return keywords.get(name);
    }
    throw new IllegalArgumentException("missing required argument '" + name + "'");
  }

  /** An optional parameter, by position or by name, or {@code defaultValue}. */
  public Object get(int index, String name, Object defaultValue) {
    if (index >= 0 && index < positional.size()) {
      return positional.get(index);
    }
    if (name != null && keywords.containsKey(name)) {
      return keywords.get(name);
    }
    return defaultValue;
  }

  /** An optional parameter read with Python's truth test, or {@code defaultValue}. */
  public boolean flag(int index, String name, boolean defaultValue) {
    if (!has(index, name)) {
      return defaultValue;
    }
    return Truth.test(get(index, name));
  }

  @Override
  public String toString() {
    return "TemplateArgs" + positional + keywords;
  }
}
