package io.squall.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a {@code {% module Name(a, b, key=value) %}} call: positional ones in order,
 * keyword ones by name. Values may be {@code null}.
 *
 * @param positional the positional arguments (unmodifiable)
 * @param keywords the keyword arguments in call order (unmodifiable)
 */
public record ModuleArgs(List<Object> positional, Map<String, Object> keywords) {
  /** Copies the arguments. */
  public ModuleArgs {
    positional = Collections.unmodifiableList(new ArrayList<>(positional));
    keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
  }

  /**
   * The positional argument at {@code index}.
   *
   * @throws IllegalArgumentException if there are not that many
   */
  public Object get(int index) {
    if (index < 0 || index >= positional.size()) {
      throw new IllegalArgumentException(
          "module needs argument " + (index + 1) + ", got " + positional.size());
    }
    return positional.get(index);
  }

  /** The keyword argument {@code name}, or {@code defaultValue} if it was not passed. */
  public Object get(String name, Object defaultValue) {
    return keywords.containsKey(name) ? keywords.get(name) : defaultValue;
  }
}
