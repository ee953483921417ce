package io.squall.locale.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Binds a Python-style call, positional and keyword arguments, to a fixed parameter list with
 * defaults, with Python's errors: too many arguments, an unexpected keyword, a parameter given
 * twice, a required one missing. Immutable and thread-safe.
 */
public final class PythonCall {
  /** Marks a parameter without a default. */
  public static final Object REQUIRED = new Object();

  private final String name;
  private final List<String> parameters;
  private final Object[] defaults;

  private PythonCall(String name, List<String> parameters, Object[] defaults) {
    this.name = name;
    this.parameters = parameters;
    this.defaults = defaults;
  }

  /**
   * A signature: {@code of("format_day", "date", REQUIRED, "gmt_offset", 0, "dow", true)}.
   *
   * @param namesAndDefaults parameter names, each followed by its default or {@link #REQUIRED}
   */
  public static PythonCall of(String name, Object... namesAndDefaults) {
    String[] names = new String[namesAndDefaults.length / 2];
    Object[] defaults = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = (String) namesAndDefaults[2 * i];
      defaults[i] = namesAndDefaults[2 * i + 1];
    }
    return new PythonCall(name, List.of(names), defaults);
  }

  /** The function's name. */
  public String name() {
    return name;
  }

  /**
   * The argument values in parameter order, defaults filled in.
   *
   * @throws IllegalArgumentException with Python's wording when the call does not fit
   */
  public Object[] bind(List<?> positional, Map<String, ?> keywords) {
    int n = parameters.size();
    if (positional.size() > n) {
      throw new IllegalArgumentException(
          name
              + "() takes at most "
              + n
              + " positional arguments but "
              + positional.size()
              + " were given");
    }
    Object[] values = new Object[n];
    boolean[] set = new boolean[n];
    for (int i = 0; i < positional.size(); i++) {
      values[i] = positional.get(i);
      set[i] = true;
    }
    for (Map.Entry<String, ?> e : keywords.entrySet()) {
      int i = parameters.indexOf(e.getKey());
      if (i < 0) {
        throw new IllegalArgumentException(
            name + "() got an unexpected keyword argument '" + e.getKey() + "'");
      }
      if (set[i]) {
        throw new IllegalArgumentException(
            name + "() got multiple values for argument '" + e.getKey() + "'");
      }
      values[i] = e.getValue();
      set[i] = true;
    }
    for (int i = 0; i < n; i++) {
      if (!set[i]) {
        if (defaults[i] == REQUIRED) {
          throw new IllegalArgumentException(
              name + "() missing required argument '" + parameters.get(i) + "'");
        }
        values[i] = defaults[i];
      }
    }
    return values;
  }

  /** A string argument; {@code null} stays null. */
  public String string(Object[] values, int index) {
    Object v = values[index];
    return v == null ? null : v.toString();
  }

  /** An integer argument (a {@link Number}; {@code null} when {@code allowNull}). */
  public Long integer(Object[] values, int index, boolean allowNull) {
    Object v = values[index];
    if (v == null && allowNull) {
      return null;
    }
    if (v instanceof Number num && !(v instanceof Double d && d != Math.rint(d))) {
      return num.longValue();
    }
    throw new IllegalArgumentException(
        name + "() argument '" + parameters.get(index) + "' must be an integer, got " + show(v));
  }

  /** A truth value: Python's truth of booleans, numbers, strings, collections and None. */
  public boolean truth(Object[] values, int index) {
    return switch (values[index]) {
      case null -> false;
      case Boolean b -> b;
      case Number num -> num.doubleValue() != 0;
      case CharSequence s -> !s.isEmpty();
      case java.util.Collection<?> c -> !c.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      case Object[] a -> a.length > 0;
      default -> true;
    };
  }

  private static String show(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Object[] a) {
      return Arrays.toString(a);
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
