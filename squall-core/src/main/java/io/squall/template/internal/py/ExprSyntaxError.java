package io.squall.template.internal.py;

/** A template expression that does not parse, with the column where parsing stopped. */
public final class ExprSyntaxError extends RuntimeException {
  private final int column;

  ExprSyntaxError(String message, int column) {
    super(message, null, false, false);
    this.column = column;
  }

  /** The 0-based offset in the expression where parsing stopped. */
  public int column() {
    return column;
  }
}
