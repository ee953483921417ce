package io.squall.template.internal;

/** {@code if}/{@code elif}/{@code else}, with Python's truth test. */
final class IfNode extends Node {
  private final Expression[] conditions;
  private final String[] sources;
  private final Location[] locations;
  private final Node[] bodies;
  private final Node orElse;

  IfNode(
      Expression[] conditions, String[] sources, Location[] locations, Node[] bodies, Node orElse) {
    this.conditions = conditions;
    this.sources = sources;
    this.locations = locations;
    this.bodies = bodies;
    this.orElse = orElse;
  }

  @Override
  public int render(RenderContext ctx) {
    for (int i = 0; i < conditions.length; i++) {
      if (Truth.test(eval(conditions[i], ctx, sources[i], locations[i]))) {
        return bodies[i].render(ctx);
      }
    }
    return orElse == null ? NORMAL : orElse.render(ctx);
  }
}
