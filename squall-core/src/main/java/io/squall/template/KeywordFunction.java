package io.squall.template;

/**
 * A template function that accepts keyword arguments, as Python functions do: {@code {{
 * url_escape(q, plus=False) }}} calls {@link #call} with one positional and one keyword argument.
 * Put one in a template's namespace like any other value. Use {@link TemplateFunction} for a
 * function that takes positional arguments only.
 */
@FunctionalInterface
public interface KeywordFunction {
  /**
   * Runs the function.
   *
   * @param args the positional and keyword arguments; check them with {@link TemplateArgs#expect}
   * @return the result
   */
  Object call(TemplateArgs args);
}
