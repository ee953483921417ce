package io.squall.template;

/**
 * A template syntax error (found when the template is compiled) or a runtime error (raised while it
 * renders). Either way the message names the template and line, Tornado-style: <code>"Missing end
 * expression &#125;&#125; at foo.html:3"</code>. Runtime errors also name the expression that
 * failed and, when the failing line came in through {@code include} or a block of a parent
 * template, the chain of places it came through: {@code "... in expression 'user.name' at
 * row.html:2 (via page.html:7)"}. The original exception, if any, is the {@linkplain #getCause()
 * cause}.
 */
public class TemplateException extends RuntimeException {
  private final String reason;
  private final String templateName;
  private final int line;
  private final String expression;
  private final String via;
  private final int column;

  /**
   * A syntax error.
   *
   * @param reason what is wrong, without the location
   * @param templateName the template's name
   * @param line the 1-based line, or 0 if unknown
   */
  public TemplateException(String reason, String templateName, int line) {
    this(reason, templateName, line, null, null, null);
  }

  /**
   * An error at a known place, with everything that is known about it.
   *
   * @param reason what is wrong, without the location
   * @param templateName the template whose text contains the failing tag
   * @param line the 1-based line of the failing tag, or 0 if unknown
   * @param expression the failing expression's source, or {@code null}
   * @param via where the template was included from, innermost first ({@code "a.html:3,
   *     b.html:1"}), or {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public TemplateException(
      String reason,
      String templateName,
      int line,
      String expression,
      String via,
      Throwable cause) {
    this(reason, templateName, line, expression, via, -1, cause);
  }

  /**
   * An error at a known place and column of an expression; the message shows the expression's line
   * with a caret under the column.
   *
   * @param reason what is wrong, without the location
   * @param templateName the template whose text contains the failing tag
   * @param line the 1-based line of the failing tag, or 0 if unknown
   * @param expression the failing expression's source, or {@code null}
   * @param via where the template was included from, or {@code null}
   * @param column the 0-based offset in {@code expression} where parsing or evaluation stopped, or
   *     -1 if unknown
   * @param cause the underlying exception, or {@code null}
   */
  public TemplateException(
      String reason,
      String templateName,
      int line,
      String expression,
      String via,
      int column,
      Throwable cause) {
    super(format(reason, templateName, line, expression, via, column), cause);
    this.reason = reason;
    this.templateName = templateName;
    this.line = line;
    this.expression = expression;
    this.via = via;
    this.column = column;
  }

  private static String format(
      String reason, String templateName, int line, String expression, String via, int column) {
    StringBuilder s = new StringBuilder(reason);
    if (expression != null) {
      s.append(" in expression '").append(expression).append('\'');
    }
    if (templateName != null) {
      s.append(" at ").append(templateName);
      if (line > 0) {
        s.append(':').append(line);
      }
    }
    if (via != null) {
      s.append(" (via ").append(via).append(')');
    }
    if (expression != null && column >= 0 && column <= expression.length()) {
      int start = expression.lastIndexOf('\n', Math.max(0, column - 1)) + 1;
      if (column == 0) {
        start = 0;
      }
      int end = expression.indexOf('\n', column);
      String text = expression.substring(start, end < 0 ? expression.length() : end);
      s.append("\n    ").append(text).append("\n    ");
      for (int i = start; i < column; i++) {
        s.append(expression.charAt(i) == '\t' ? '\t' : ' ');
      }
      s.append('^');
    }
    return s.toString();
  }

  /** What went wrong, without the location. */
  public String reason() {
    return reason;
  }

  /** The name of the template whose text holds the failing tag, or {@code null} if none does. */
  public String templateName() {
    return templateName;
  }

  /** The 1-based line of the failing tag in {@link #templateName()}, or 0 if unknown. */
  public int line() {
    return line;
  }

  /** The failing expression's source text, or {@code null} for syntax and loading errors. */
  public String expression() {
    return expression;
  }

  /** The 0-based column in {@link #expression()} where the error is, or -1 if unknown. */
  public int column() {
    return column;
  }

  /**
   * Where {@link #templateName()} was included or inherited from, innermost first ({@code
   * "b.html:1, a.html:1"}), or {@code null} if the error is in the template that was rendered.
   */
  public String via() {
    return via;
  }
}
