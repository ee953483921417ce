package io.squall.template.internal;

import org.apache.commons.jexl3.JexlExpression;

/**
 * One compiled template expression. Plain variable and property paths ({@code name}, {@code
 * f.message}) — most of what templates print and loop over — are evaluated directly by a {@link
 * PropertyPath} with per-site caches of the resolved getters; everything else, and every error,
 * goes through JEXL.
 */
public final class Expression {
  private final String source;
  private final JexlExpression jexl;
  private final PropertyPath path;

  Expression(String source, JexlExpression jexl, PropertyPath path) {
    this.source = source;
    this.jexl = jexl;
    this.path = path;
  }

  /** The source text, as written in the template. */
  public String source() {
    return source;
  }

  /** Evaluates the expression; JEXL's exceptions pass through. */
  Object evaluate(Scope scope) {
    if (path != null) {
      Object value = path.evaluate(scope);
      if (value != PropertyPath.FALLBACK) {
        return value;
      }
    }
    return jexl.evaluate(scope);
  }
}
