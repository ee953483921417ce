package io.squall.template.internal.py;

/**
 * An error raised while evaluating an expression, named like Python's exception ({@code
 * ZeroDivisionError}, {@code TypeError}, {@code NameError}...), with the column of the expression
 * node that failed.
 */
public final class PyError extends RuntimeException {
  private final String type;
  private int column = -1;

  PyError(String type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  static PyError type(String message) {
    return new PyError("TypeError", message);
  }

  static PyError value(String message) {
    return new PyError("ValueError", message);
  }

  static PyError key(Object key) {
    return new PyError("KeyError", Py.repr(key));
  }

  static PyError index(String message) {
    return new PyError("IndexError", message);
  }

  static PyError attribute(String message) {
    return new PyError("AttributeError", message);
  }

  static PyError zeroDivision(String message) {
    return new PyError("ZeroDivisionError", message);
  }

  /** Too many nested lambda calls. */
  public static PyError recursion() {
    return new PyError("RecursionError", "maximum recursion depth exceeded");
  }

  static PyError sandbox(String message) {
    return new PyError("SandboxError", message);
  }

  /** Python's exception name, such as {@code TypeError}. */
  public String pythonType() {
    return type;
  }

  /** The 0-based column in the expression where evaluation failed, or -1. */
  public int column() {
    return column;
  }

  /** Records where the error happened, unless an inner node already did. */
  PyError at(int col) {
    if (column < 0) {
      column = col;
    }
    return this;
  }

  @Override
  public String getMessage() {
    return type + ": " + super.getMessage();
  }
}
