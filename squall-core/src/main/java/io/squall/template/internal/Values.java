package io.squall.template.internal;

import io.squall.template.internal.py.Py;
import java.nio.charset.StandardCharsets;

/** How template values become text. */
public final class Values {
  private Values() {}

  /**
   * The text of a value, as Tornado prints it: Python's {@code str()} ({@code None}, {@code True},
   * floats as Python prints them, lists and dicts in Python's repr); bytes are read as UTF-8; other
   * Java objects use {@code toString()}.
   */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return Py.str(value);
  }
}
