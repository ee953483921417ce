package io.squall.template.internal;

import io.squall.template.TemplateFunction;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Calls the values templates treat as functions. */
public final class Callables {
  private Callables() {}

  /** Whether templates can call {@code value}. */
  public static boolean isCallable(Object value) {
    return value instanceof TemplateFunction
        || value instanceof Function<?, ?>
        || value instanceof BiFunction<?, ?, ?>
        || value instanceof Supplier<?>;
  }

  /**
   * Calls {@code fn} with {@code args}.
   *
   * @throws IllegalArgumentException if {@code fn} is not callable or takes another number of
   *     arguments
   */
  @SuppressWarnings("unchecked") // the namespace holds functions of Object; callers pass Objects
  public static Object call(Object fn, Object... args) {
    if (fn instanceof TemplateFunction f) {
      return f.call(args);
    }
    if (fn instanceof Function<?, ?> f) {
      checkArity(1, args);
      return ((Function<Object, Object>) f).apply(args[0]);
    }
    if (fn instanceof BiFunction<?, ?, ?> f) {
      checkArity(2, args);
      return ((BiFunction<Object, Object, Object>) f).apply(args[0], args[1]);
    }
    if (fn instanceof Supplier<?> f) {
      checkArity(0, args);
      return f.get();
    }
    throw new IllegalArgumentException(
        (fn == null ? "null" : "a value of " + fn.getClass().getName()) + " is not callable");
  }

  private static void checkArity(int expected, Object[] args) {
    if (args.length != expected) {
      throw new IllegalArgumentException(
          "function takes " + expected + " argument(s), got " + args.length);
    }
  }
}
