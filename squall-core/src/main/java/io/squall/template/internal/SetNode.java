package io.squall.template.internal;

/** {@code set name = expr}: assigns a variable for the rest of the rendering. */
final class SetNode extends Node {
  private final String name;
  private final Expression value;
  private final String source;
  private final Location at;

  SetNode(String name, Expression value, String source, Location at) {
    this.name = name;
    this.value = value;
    this.source = source;
    this.at = at;
  }

  @Override
  public int render(RenderContext ctx) {
    ctx.scope.set(name, eval(value, ctx, source, at));
    return NORMAL;
  }
}
