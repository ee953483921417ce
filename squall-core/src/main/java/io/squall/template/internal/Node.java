package io.squall.template.internal;

import io.squall.template.TemplateException;

/**
 * A compiled piece of a template. Rendering walks the tree once, writing into the context's buffer;
 * loop control travels back up as a status code instead of an exception.
 */
public abstract class Node {
  /** Rendering went on normally. */
  public static final int NORMAL = 0;

  /** A {@code break} is on its way to the nearest loop. */
  public static final int BREAK = 1;

  /** A {@code continue} is on its way to the nearest loop. */
  public static final int CONTINUE = 2;

  /** Renders this node; returns {@link #NORMAL}, {@link #BREAK} or {@link #CONTINUE}. */
  public abstract int render(RenderContext ctx);

  /** Evaluates an expression, turning any failure into a {@link TemplateException}. */
  static Object eval(Expression expr, RenderContext ctx, String source, Location at) {
    try {
      return expr.evaluate(ctx.scope);
    } catch (RuntimeException e) {
      throw error(e, source, at);
    }
  }

  /** A runtime error at {@code at}, while evaluating {@code source} (may be null). */
  static TemplateException error(Throwable cause, String source, Location at) {
    return new TemplateException(
        Expressions.reason(cause),
        at.template(),
        at.line(),
        source,
        at.viaText(),
        Expressions.column(cause),
        cause);
  }

  /** A runtime error with a message of our own. */
  static TemplateException error(String reason, String source, Location at) {
    return new TemplateException(reason, at.template(), at.line(), source, at.viaText(), null);
  }
}
