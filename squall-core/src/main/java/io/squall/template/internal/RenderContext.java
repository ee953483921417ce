package io.squall.template.internal;

/** The state of one rendering: where output goes and which variables are visible. */
public final class RenderContext {
  /** The output; {@code apply} swaps in a temporary buffer while it renders its body. */
  public StringBuilder out;

  /** The variables. */
  public final Scope scope;

  /** Starts a rendering into {@code out}. */
  public RenderContext(StringBuilder out, Scope scope) {
    this.out = out;
    this.scope = scope;
  }
}
