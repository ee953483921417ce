package io.squall.template.internal.py;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Python's tuple: an immutable list that prints as {@code (1, 2)}. */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
  static final Tuple EMPTY = new Tuple(new Object[0]);

  private final Object[] items;

  Tuple(Object[] items) {
    this.items = items;
  }

  static Tuple of(Object... items) {
    return new Tuple(items);
  }

  static Tuple copyOf(List<?> list) {
    return new Tuple(list.toArray());
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public String toString() {
    return Py.repr(this);
  }
}
