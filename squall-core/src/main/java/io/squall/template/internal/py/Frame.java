package io.squall.template.internal.py;

import io.squall.template.internal.Scope;

/**
 * The variables an expression sees: the rendering's {@link Scope} for template names, and the slots
 * of the lambdas and comprehensions it is inside, innermost first.
 */
public final class Frame {
  final Scope scope;
  final Frame parent;
  final Object[] slots;

  /** The top frame of a rendering. */
  public Frame(Scope scope) {
    this(scope, null, null);
  }

  Frame(Scope scope, Frame parent, Object[] slots) {
    this.scope = scope;
    this.parent = parent;
    this.slots = slots;
  }
}
