package io.squall.locale.internal;

/**
 * A gettext {@code Plural-Forms} expression ({@code plural=(n != 1);}, Arabic's six-way {@code n==0
 * ? 0 : n==1 ? 1 : ...}), parsed once into a tree and evaluated per lookup. The grammar is the C
 * subset GNU gettext accepts: the variable {@code n}, decimal integers, parentheses, {@code !},
 * {@code * / %}, {@code + -}, {@code < <= > >=}, {@code == !=}, {@code &&}, {@code ||} and {@code
 * ?:}, with C's precedence. Comparisons and logic give 1 or 0. Arithmetic follows Python's integers
 * as Python's {@code gettext} does; division or remainder by zero gives 0 rather than failing a
 * page.
 *
 * <p>Immutable and thread-safe.
 */
public final class PluralRule {
  /** English and the default when a catalog has no {@code Plural-Forms}: {@code n != 1}. */
  public static final PluralRule GERMANIC = parse("n != 1");

  private static final int MAX_LENGTH = 1000;
  private static final int MAX_DEPTH = 50;

  private final String source;
  private final Node root;

  private PluralRule(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Parses an expression such as {@code (n != 1)}.
   *
   * @throws IllegalArgumentException naming the position of the problem if it is not one
   */
  public static PluralRule parse(String expression) {
    if (expression.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "plural expression longer than " + MAX_LENGTH + " characters");
    }
    Parser p = new Parser(expression);
    Node root = p.ternary(0);
    p.skipSpace();
    if (p.pos < expression.length()) {
      throw p.error("unexpected '" + expression.charAt(p.pos) + "'");
    }
    return new PluralRule(expression, root);
  }

  /** The form index for {@code n}. */
  public long evaluate(long n) {
    return root.eval(n);
  }

  @Override
  public String toString() {
    return source;
  }

  private interface Node {
    long eval(long n);
  }

  private record Const(long value) implements Node {
    @Override
    public long eval(long n) {
      return value;
    }
  }

  private record Var() implements Node {
    @Override
    public long eval(long n) {
      return n;
    }
  }

  private record Not(Node operand) implements Node {
    @Override
    public long eval(long n) {
      return operand.eval(n) == 0 ? 1 : 0;
    }
  }

  private record Conditional(Node test, Node then, Node otherwise) implements Node {
    @Override
    public long eval(long n) {
      return test.eval(n) != 0 ? then.eval(n) : otherwise.eval(n);
    }
  }

  private record Binary(String op, Node left, Node right) implements Node {
    @Override
    public long eval(long n) {
      long a = left.eval(n);
      if (op.equals("&&")) {
        return a != 0 && right.eval(n) != 0 ? 1 : 0;
      }
      if (op.equals("||")) {
        return a != 0 || right.eval(n) != 0 ? 1 : 0;
      }
      long b = right.eval(n);
      return switch (op) {
        case "*" -> a * b;
        case "/" -> b == 0 ? 0 : Math.floorDiv(a, b);
        case "%" -> b == 0 ? 0 : Math.floorMod(a, b);
        case "+" -> a + b;
        case "-" -> a - b;
        case "<" -> a < b ? 1 : 0;
        case "<=" -> a <= b ? 1 : 0;
        case ">" -> a > b ? 1 : 0;
        case ">=" -> a >= b ? 1 : 0;
        case "==" -> a == b ? 1 : 0;
        case "!=" -> a != b ? 1 : 0;
        default -> throw new IllegalStateException(op);
      };
    }
  }

  /** Recursive descent, one method per precedence level. */
  private static final class Parser {
    private static final String[][] LEVELS = {
      {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}
    };

    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Node ternary(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("expression nested too deeply");
      }
      Node test = binary(0, depth);
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == '?') {
        pos++;
        Node then = ternary(depth + 1);
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != ':') {
          throw error("expected ':'");
        }
        pos++;
        return new Conditional(test, then, ternary(depth + 1));
      }
      return test;
    }

    Node binary(int level, int depth) {
      if (level == LEVELS.length) {
        return unary(depth);
      }
      Node left = binary(level + 1, depth);
      while (true) {
        String op = operator(LEVELS[level]);
        if (op == null) {
          return left;
        }
        left = new Binary(op, left, binary(level + 1, depth));
      }
    }

    private String operator(String[] candidates) {
      skipSpace();
      for (String op : candidates) {
        if (s.startsWith(op, pos)) {
          // "<" must not eat "<=", "!" of "!=" is not ours here, "=" alone is no operator
          pos += op.length();
          return op;
        }
      }
      return null;
    }

    Node unary(int depth) {
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      if (c == '!' && !s.startsWith("!=", pos)) {
        pos++;
        if (depth > MAX_DEPTH) {
          throw error("expression nested too deeply");
        }
        return new Not(unary(depth + 1));
      }
      if (c == '(') {
        pos++;
        Node inner = ternary(depth + 1);
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != ')') {
          throw error("expected ')'");
        }
        pos++;
        return inner;
      }
      if (c == 'n') {
        pos++;
        if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
          throw error("unknown name");
        }
        return new Var();
      }
      if (c >= '0' && c <= '9') {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
          pos++;
        }
        if (pos - start > 18) {
          throw error("number too large");
        }
        return new Const(Long.parseLong(s, start, pos, 10));
      }
      throw error("unexpected '" + c + "'");
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String why) {
      return new IllegalArgumentException(
          "bad plural expression \"" + s + "\" at index " + pos + ": " + why);
    }
  }
}
