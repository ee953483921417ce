package io.squall.template.internal;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.BaseStream;

/** What {@code for} can loop over, and how it unpacks {@code for k, v in ...}. */
public final class Iteration {
  private Iteration() {}

  /**
   * An iterator over {@code value}: an {@code Iterable}, an {@code Iterator}, a stream, an array, a
   * map (its keys, as in Python; use {@code d.items()} for entries), or a string (its characters).
   *
   * @throws IllegalArgumentException for {@code null} and anything else
   */
  public static Iterator<?> iterator(Object value) {
    if (value instanceof Iterable<?> i) {
      return i.iterator();
    }
    if (value instanceof Map<?, ?> m) {
      return m.keySet().iterator();
    }
    if (value instanceof Object[] a) {
      return Arrays.asList(a).iterator();
    }
    if (value instanceof Iterator<?> i) {
      return i;
    }
    if (value instanceof BaseStream<?, ?> s) {
      return s.iterator();
    }
    if (value instanceof CharSequence s) {
      return s.codePoints().mapToObj(Character::toString).iterator();
    }
    if (value instanceof Enumeration<?> e) {
      return e.asIterator();
    }
    if (value != null && value.getClass().isArray()) {
      int n = Array.getLength(value);
      return new Iterator<>() {
        private int i;

        @Override
        public boolean hasNext() {
          return i < n;
        }

        @Override
        public Object next() {
          if (i >= n) {
            throw new NoSuchElementException();
          }
          return Array.get(value, i++);
        }
      };
    }
    throw new IllegalArgumentException(
        value == null ? "cannot loop over None" : "cannot loop over " + typeName(value));
  }

  /**
   * Splits one loop element into {@code n} values: a map entry into key and value, a list, array or
   * other collection into its elements.
   *
   * @throws IllegalArgumentException if the element does not hold exactly {@code n} values
   */
  public static Object[] unpack(Object element, int n) {
    Object[] values;
    if (element instanceof Map.Entry<?, ?> e) {
      values = new Object[] {e.getKey(), e.getValue()};
    } else if (element instanceof List<?> l) {
      values = l.toArray();
    } else if (element instanceof Collection<?> c) {
      values = c.toArray();
    } else if (element instanceof Object[] a) {
      values = a;
    } else if (element != null && element.getClass().isArray()) {
      values = new Object[Array.getLength(element)];
      for (int i = 0; i < values.length; i++) {
        values[i] = Array.get(element, i);
      }
    } else {
      throw new IllegalArgumentException(
          "cannot unpack "
              + (element == null ? "None" : typeName(element))
              + " into "
              + n
              + " names");
    }
    if (values.length != n) {
      throw new IllegalArgumentException(
          "cannot unpack " + values.length + " values into " + n + " names");
    }
    return values;
  }

  private static String typeName(Object value) {
    return "a " + value.getClass().getSimpleName();
  }
}
