package io.squall.template.internal.py;

/** A template expression compiled to an evaluator tree. */
public final class CompiledExpression {
  private final Ev root;

  private CompiledExpression(Ev root) {
    this.root = root;
  }

  /**
   * Parses and compiles {@code source}.
   *
   * @throws ExprSyntaxError with the column where parsing stopped
   */
  public static CompiledExpression compile(String source, Members members) {
    return new CompiledExpression(ExprParser.compile(source, members));
  }

  /** Evaluates in {@code frame}. */
  public Object evaluate(Frame frame) {
    return root.eval(frame);
  }
}
