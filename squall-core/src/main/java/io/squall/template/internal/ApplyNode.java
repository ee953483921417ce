package io.squall.template.internal;

/** {@code apply function}: renders the body to a string, passes it through the function. */
final class ApplyNode extends Node {
  private final Expression function;
  private final String source;
  private final Location at;
  private final Node body;

  ApplyNode(Expression function, String source, Location at, Node body) {
    this.function = function;
    this.source = source;
    this.at = at;
    this.body = body;
  }

  @Override
  public int render(RenderContext ctx) {
    StringBuilder outer = ctx.out;
    StringBuilder inner = new StringBuilder();
    ctx.out = inner;
    try {
      body.render(ctx);
    } finally {
      ctx.out = outer;
    }
    Object fn = eval(function, ctx, source, at);
    try {
      outer.append(Values.text(Callables.call(fn, inner.toString())));
    } catch (RuntimeException e) {
      throw error(e, source, at);
    }
    return NORMAL;
  }
}
