package io.squall.template.internal;

import java.nio.charset.StandardCharsets;

/** How template values become text. */
public final class Values {
  private Values() {}

  /**
   * The text of a value: {@code null} is empty (Tornado would print "None"), bytes are read as
   * UTF-8, everything else uses {@code toString()}.
   */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value == null) {
      return "";
    }
    if (value instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return value.toString();
  }
}
