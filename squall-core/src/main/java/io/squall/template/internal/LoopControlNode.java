package io.squall.template.internal;

/** {@code break} or {@code continue}. */
final class LoopControlNode extends Node {
  private final int status;

  LoopControlNode(boolean isBreak) {
    this.status = isBreak ? BREAK : CONTINUE;
  }

  @Override
  public int render(RenderContext ctx) {
    return status;
  }
}
