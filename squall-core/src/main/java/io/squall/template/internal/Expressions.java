package io.squall.template.internal;

import io.squall.template.TemplateException;
import io.squall.template.internal.py.CompiledExpression;
import io.squall.template.internal.py.ExprSyntaxError;
import io.squall.template.internal.py.Members;
import io.squall.template.internal.py.PyError;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.reflect.UndeclaredThrowableException;

/** Compiles template expressions and turns their errors into {@link TemplateException}s. */
public final class Expressions {
  private Expressions() {}

  /**
   * Compiles one expression.
   *
   * @param members what the expression may use of Java objects
   * @throws TemplateException naming the template, line and column if it does not parse
   */
  public static Expression compile(Members members, String source, String templateName, int line) {
    try {
      return new Expression(source, CompiledExpression.compile(source, members));
    } catch (ExprSyntaxError e) {
      throw new TemplateException(
          "invalid expression: " + e.getMessage(), templateName, line, source, null, e.column(), e);
    }
  }

  /** A readable reason for an evaluation error. */
  public static String reason(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof UndeclaredThrowableException
            || cause instanceof java.lang.reflect.InvocationTargetException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof PyError || cause instanceof TemplateException) {
      return cause.getMessage();
    }
    if (cause instanceof WrongMethodTypeException || cause instanceof ClassCastException) {
      return "TypeError: " + cause.getMessage();
    }
    String m = cause.getMessage();
    return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** The column where evaluation failed, or -1. */
  public static int column(Throwable error) {
    return error instanceof PyError p ? p.column() : -1;
  }
}
