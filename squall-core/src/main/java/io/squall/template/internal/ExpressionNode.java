package io.squall.template.internal;

import io.squall.escape.Escape;

/** {@code {{ expr }}} (escaped with the file's autoescape function) or {@code {% raw expr %}}. */
final class ExpressionNode extends Node {
  private final Expression expr;
  private final String source;
  private final Location at;
  private final String escape;

  /**
   * @param escape the name of the escape function, or {@code null} for raw output
   */
  ExpressionNode(Expression expr, String source, Location at, String escape) {
    this.expr = expr;
    this.source = source;
    this.at = at;
    this.escape = escape;
  }

  @Override
  public int render(RenderContext ctx) {
    String text = Values.text(eval(expr, ctx, source, at));
    if (escape == null) {
      ctx.out.append(text);
      return NORMAL;
    }
    Object fn = ctx.scope.escapeFunction(escape);
    if (fn == Builtins.XHTML_ESCAPE) {
      Escape.xhtmlEscape(text, ctx.out);
      return NORMAL;
    }
    if (fn == null && !ctx.scope.has(escape)) {
      throw error("autoescape function '" + escape + "' is not defined", source, at);
    }
    try {
      ctx.out.append(Values.text(Callables.call(fn, text)));
    } catch (RuntimeException e) {
      throw error(e, source, at);
    }
    return NORMAL;
  }
}
