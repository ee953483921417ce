package io.squall.template.internal.py;

/** A compiled expression node; {@link #pos} is its offset in the source, for errors. */
abstract class Ev {
  final int pos;

  Ev(int pos) {
    this.pos = pos;
  }

  abstract Object eval(Frame f);

  /** A constant's value, or {@link #NOT_CONSTANT}. */
  Object constant() {
    return NOT_CONSTANT;
  }

  static final Object NOT_CONSTANT = new Object();
}
