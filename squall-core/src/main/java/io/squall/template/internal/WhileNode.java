package io.squall.template.internal;

/** {@code while condition}, with {@code break}, {@code continue} and Python's {@code else}. */
final class WhileNode extends Node {
  private final Expression condition;
  private final String source;
  private final Location at;
  private final Node body;
  private final Node orElse;

  WhileNode(Expression condition, String source, Location at, Node body, Node orElse) {
    this.condition = condition;
    this.source = source;
    this.at = at;
    this.body = body;
    this.orElse = orElse;
  }

  @Override
  public int render(RenderContext ctx) {
    while (Truth.test(eval(condition, ctx, source, at))) {
      if (body.render(ctx) == BREAK) {
        return NORMAL;
      }
    }
    return orElse == null ? NORMAL : orElse.render(ctx);
  }
}
