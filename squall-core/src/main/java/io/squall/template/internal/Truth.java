package io.squall.template.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Python's truth test, which templates use for {@code if}, {@code while}, {@code and}/{@code or}.
 */
public final class Truth {
  private Truth() {}

  /**
   * False for {@code null}, {@code false}, numeric zero, empty strings, collections, maps, arrays
   * and {@code Optional}s; true for everything else.
   */
  public static boolean test(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof CharSequence s) {
      return !s.isEmpty();
    }
    if (value instanceof Number n) {
      return isNonZero(n);
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof Optional<?> o) {
      return o.isPresent();
    }
    if (value instanceof Character c) {
      return c != 0;
    }
    if (value.getClass().isArray()) {
      return Array.getLength(value) != 0;
    }
    return true;
  }

  private static boolean isNonZero(Number n) {
    if (n instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    if (n instanceof BigInteger i) {
      return i.signum() != 0;
    }
    if (n instanceof Double || n instanceof Float) {
      return n.doubleValue() != 0.0;
    }
    return n.longValue() != 0;
  }
}
