package io.squall.template;

/**
 * A function that templates can call with positional arguments, such as a handler's {@code _}:
 * {@code {{ _("Sign in") }}} calls {@link #call} with one argument. Calling it with keyword
 * arguments is an error; implement {@link KeywordFunction} for a function that takes them.
 *
 * <p>Any value in a template's namespace can be called the same way if it is a {@code
 * TemplateFunction}, a {@link KeywordFunction}, a {@link java.util.function.Function}, a {@link
 * java.util.function.BiFunction} or a {@link java.util.function.Supplier}.
 */
@FunctionalInterface
public interface TemplateFunction {
  /**
   * Runs the function.
   *
   * @param args the arguments as evaluated by the template: Python's ints are {@code Long} (or
   *     {@code BigInteger} when they do not fit), floats {@code Double}, strings {@code String},
   *     lists {@code List}, dicts {@code Map}, {@code None} is {@code null}; values from the
   *     template's namespace arrive as they were given
   * @return the result; {@code null} renders as {@code None}
   */
  Object call(Object... args);
}
