package io.squall.template.internal;

import io.squall.template.TemplateException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;

/**
 * The JEXL engines that compile template expressions, one per sandbox configuration, and the
 * translation of JEXL's errors into {@link TemplateException}s.
 *
 * <p>Engines are strict (undefined variables and properties are errors, not nulls), not silent,
 * expression-only (no assignments, loops, local variables, lambdas, {@code new}, pragmas or
 * annotations), and use {@link SandboxPermissions} through {@link TemplateUberspect}.
 */
public final class Expressions {
  private static final JexlFeatures FEATURES =
      new JexlFeatures()
          .script(false)
          .loops(false)
          .localVar(false)
          .sideEffect(false)
          .sideEffectGlobal(false)
          .lambda(false)
          .thinArrow(false)
          .fatArrow(false)
          .newInstance(false)
          .pragma(false)
          .pragmaAnywhere(false)
          .importPragma(false)
          .namespacePragma(false)
          .annotation(false)
          .structuredLiteral(true)
          .methodCall(true);

  /** JEXL's own location prefix on messages, e.g. {@code "page.html@3:7![0,5]: 'a.b' "}. */
  private static final Pattern JEXL_LOCATION =
      Pattern.compile("^\\S*@\\d+:\\d+(?:!\\[\\d+,\\d+\\]: '.*?')? ");

  private static final ConcurrentMap<List<String>, JexlEngine> ENGINES = new ConcurrentHashMap<>();

  private Expressions() {}

  /** The engine for a sandbox that allows the given application packages (empty: all). */
  public static JexlEngine engine(List<String> allowedPackages) {
    return ENGINES.computeIfAbsent(List.copyOf(allowedPackages), Expressions::create);
  }

  private static JexlEngine create(List<String> allowedPackages) {
    SandboxPermissions permissions = new SandboxPermissions(allowedPackages);
    JexlEngine introspection = new JexlBuilder().permissions(permissions).create();
    return new JexlBuilder()
        .uberspect(new TemplateUberspect(introspection.getUberspect(), permissions))
        .arithmetic(new TemplateArithmetic())
        .features(FEATURES)
        .strict(true)
        .safe(false)
        .silent(false)
        // Needed for safe navigation from a null variable (user?.name) to work in JEXL 3.5.
        .antish(true)
        .booleanLogical(false)
        // A cache makes JEXL keep resolved getters and methods in each expression node.
        .cache(512)
        .create();
  }

  /**
   * Compiles one expression.
   *
   * @throws TemplateException naming the template and line if the expression does not parse
   */
  public static Expression compile(
      JexlEngine engine, String source, String templateName, int line) {
    if (braceDepth(source) > MAX_BRACE_DEPTH) {
      throw new TemplateException(
          "invalid expression '" + source + "': '{' nested more than " + MAX_BRACE_DEPTH + " deep",
          templateName,
          line);
    }
    try {
      JexlExpression jexl = engine.createExpression(new JexlInfo(templateName, line, 1), source);
      return new Expression(source, jexl, PropertyPath.of(source, engine.getUberspect()));
    } catch (JexlException e) {
      throw new TemplateException(
          "invalid expression '" + source + "': " + reason(e), templateName, line, null, null, e);
    }
  }

  /**
   * The deepest nesting of '{' an expression may have. JEXL's parser backtracks exponentially on
   * nested braces (12 levels took seconds, 14 over half a minute; found by fuzzing, issue 16); dict
   * literals in templates nest two or three deep.
   */
  static final int MAX_BRACE_DEPTH = 6;

  /** The deepest nesting of '{' outside string literals. */
  static int braceDepth(String source) {
    int depth = 0;
    int max = 0;
    char quote = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        max = Math.max(max, ++depth);
      } else if (c == '}' && depth > 0) {
        depth--;
      }
    }
    return max;
  }

  /** A readable reason for a JEXL error, without JEXL's own location prefix. */
  public static String reason(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof JexlException || cause instanceof InvocationTargetException)
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause != error && !(cause instanceof JexlException)) {
      String m = cause.getMessage();
      return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
    if (error instanceof EvaluationError) {
      return error.getMessage();
    }
    if (error instanceof JexlException) {
      String m = error.getMessage();
      return m == null
          ? error.getClass().getSimpleName()
          : JEXL_LOCATION.matcher(m).replaceFirst("");
    }
    String m = error.getMessage();
    return error.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
