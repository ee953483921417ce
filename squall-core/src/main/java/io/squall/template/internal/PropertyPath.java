package io.squall.template.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlOperator;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * A fast evaluator for expressions that are a variable followed by property names, {@code a.b.c}:
 * looks the variable up and reads each property through the engine's own introspection (so the
 * sandbox and record support apply), remembering the resolved getter at each step. JEXL 3.5
 * re-resolves properties on every evaluation, and creates an interpreter for each; this skips both.
 * Whenever a step cannot be done — undefined variable, {@code null} value, unknown property — it
 * answers {@link #FALLBACK} and the caller evaluates with JEXL, which reports the error.
 */
final class PropertyPath {
  /** Returned when JEXL must evaluate the expression instead. */
  static final Object FALLBACK = new Object();

  private static final Pattern PATH =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\s*\\.\\s*[A-Za-z_$][A-Za-z0-9_$]*)*");

  /** Words that JEXL gives a meaning of their own, so they must not be read as names. */
  private static final Set<String> RESERVED =
      Set.of(
          "and",
          "or",
          "not",
          "eq",
          "ne",
          "lt",
          "gt",
          "le",
          "ge",
          "div",
          "mod",
          "null",
          "true",
          "false",
          "NaN",
          "empty",
          "size",
          "new",
          "var",
          "let",
          "const",
          "function",
          "return",
          "if",
          "else",
          "for",
          "while",
          "do",
          "break",
          "continue",
          "in",
          "instanceof",
          "switch",
          "case",
          "default",
          "try",
          "catch",
          "finally",
          "throw");

  private final JexlUberspect uberspect;
  private final String variable;
  private final String[] properties;
  private final JexlPropertyGet[] getters;

  private PropertyPath(JexlUberspect uberspect, String variable, String[] properties) {
    this.uberspect = uberspect;
    this.variable = variable;
    this.properties = properties;
    this.getters = new JexlPropertyGet[properties.length];
  }

  /** A path evaluator for {@code source}, or {@code null} if it is not a plain path. */
  static PropertyPath of(String source, JexlUberspect uberspect) {
    if (!PATH.matcher(source).matches()) {
      return null;
    }
    String[] parts = source.split("\\s*\\.\\s*");
    for (String p : parts) {
      if (RESERVED.contains(p)) {
        return null;
      }
    }
    String[] properties = new String[parts.length - 1];
    System.arraycopy(parts, 1, properties, 0, properties.length);
    return new PropertyPath(uberspect, parts[0], properties);
  }

  Object evaluate(Scope scope) {
    Object value = scope.get(variable);
    if (value == null && !scope.has(variable)) {
      return FALLBACK;
    }
    for (int i = 0; i < properties.length; i++) {
      if (value == null) {
        throw new EvaluationError(
            "'" + prefix(i) + "' is None (null), so it has no property '" + properties[i] + "'");
      }
      value = property(i, value);
      if (value == FALLBACK) {
        return FALLBACK;
      }
    }
    return value;
  }

  private String prefix(int count) {
    StringBuilder s = new StringBuilder(variable);
    for (int i = 0; i < count; i++) {
      s.append('.').append(properties[i]);
    }
    return s.toString();
  }

  private Object property(int i, Object object) {
    String name = properties[i];
    // Racy but safe: getters are immutable, and a lost update only costs a lookup.
    JexlPropertyGet getter = getters[i];
    if (getter != null) {
      Object value = getter.tryInvoke(object, name);
      if (!getter.tryFailed(value)) {
        return value;
      }
    }
    List<JexlUberspect.PropertyResolver> resolvers =
        uberspect.getResolvers(JexlOperator.PROPERTY_GET, object);
    getter = uberspect.getPropertyGet(resolvers, object, name);
    if (getter == null) {
      return FALLBACK;
    }
    Object value;
    try {
      value = getter.invoke(object);
    } catch (InvocationTargetException e) {
      throw JexlException.tryFailed(e);
    } catch (Exception e) {
      return FALLBACK;
    }
    if (getter.isCacheable()) {
      getters[i] = getter;
    }
    return value;
  }
}
