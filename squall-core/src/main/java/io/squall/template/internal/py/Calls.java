package io.squall.template.internal.py;

import io.squall.template.KeywordFunction;
import io.squall.template.TemplateArgs;
import io.squall.template.TemplateFunction;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Calls the values templates treat as functions, with positional and keyword arguments. */
public final class Calls {
  private static final Object[] NO_ARGS = new Object[0];

  private Calls() {}

  /** Whether templates can call {@code value}. */
  public static boolean isCallable(Object value) {
    return value instanceof KeywordFunction
        || value instanceof TemplateFunction
        || value instanceof Function<?, ?>
        || value instanceof BiFunction<?, ?, ?>
        || value instanceof Supplier<?>;
  }

  /** Calls {@code fn} with positional arguments. */
  public static Object call(Object fn, Object... args) {
    return call(fn, args, null);
  }

  /**
   * Calls {@code fn}.
   *
   * @param kwargs the keyword arguments, or {@code null} if there are none (then {@code args} are
   *     the positional ones)
   */
  @SuppressWarnings("unchecked") // the namespace holds functions of Object; callers pass Objects
  public static Object call(Object fn, Object[] args, TemplateArgs kwargs) {
    if (fn instanceof KeywordFunction f) {
      return f.call(kwargs != null ? kwargs : TemplateArgs.of(args));
    }
    if (kwargs != null && !kwargs.keywords().isEmpty()) {
      if (isCallable(fn)) {
        throw PyError.type("this function takes no keyword arguments");
      }
    } else if (kwargs != null) {
      args = kwargs.positional().toArray();
    }
    if (fn instanceof TemplateFunction f) {
      return f.call(args == null ? NO_ARGS : args);
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
    throw PyError.type("'" + Py.typeName(fn) + "' object is not callable");
  }

  private static void checkArity(int expected, Object[] args) {
    if (args.length != expected) {
      throw PyError.type(
          "function takes "
              + expected
              + " argument"
              + (expected == 1 ? "" : "s")
              + " ("
              + args.length
              + " given)");
    }
  }
}
