package io.squall.template.internal;

import java.util.List;

/** Nodes rendered one after another. */
final class Sequence extends Node {
  private final Node[] nodes;

  Sequence(List<Node> nodes) {
    this.nodes = nodes.toArray(Node[]::new);
  }

  @Override
  public int render(RenderContext ctx) {
    for (Node n : nodes) {
      int status = n.render(ctx);
      if (status != NORMAL) {
        return status;
      }
    }
    return NORMAL;
  }
}
