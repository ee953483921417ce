package io.squall.template;

/**
 * A function that templates can call, such as {@code escape} or a handler's {@code _} and {@code
 * static_url}: {@code {{ static_url("site.css") }}} calls {@link #call} with one argument.
 *
 * <p>Any value in a template's namespace can be called the same way if it is a {@code
 * TemplateFunction}, a {@link java.util.function.Function}, a {@link java.util.function.BiFunction}
 * or a {@link java.util.function.Supplier}. Implement this interface when the function takes a
 * variable number of arguments.
 */
@FunctionalInterface
public interface TemplateFunction {
  /**
   * Runs the function.
   *
   * @param args the arguments as evaluated by the template (numbers as JEXL produces them: {@code
   *     Integer}, {@code Long}, {@code Double}, {@code BigDecimal}...)
   * @return the result; {@code null} renders as an empty string
   */
  Object call(Object... args);
}
