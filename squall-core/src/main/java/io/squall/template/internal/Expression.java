package io.squall.template.internal;

import io.squall.template.internal.py.CompiledExpression;

/**
 * One compiled template expression: its source, as written in the template, and the evaluator tree
 * it compiled to (once, when the template was compiled).
 */
public final class Expression {
  private final String source;
  private final CompiledExpression compiled;

  Expression(String source, CompiledExpression compiled) {
    this.source = source;
    this.compiled = compiled;
  }

  /** The source text, as written in the template. */
  public String source() {
    return source;
  }

  /** Evaluates the expression in a rendering's scope. */
  Object evaluate(Scope scope) {
    return compiled.evaluate(scope.frame());
  }
}
