package io.squall.template.internal;

import io.squall.template.internal.py.Calls;

/** Calls the values templates treat as functions. */
public final class Callables {
  private Callables() {}

  /** Whether templates can call {@code value}. */
  public static boolean isCallable(Object value) {
    return Calls.isCallable(value);
  }

  /** Calls {@code fn} with positional arguments. */
  public static Object call(Object fn, Object... args) {
    return Calls.call(fn, args);
  }
}
