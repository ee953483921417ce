package io.squall.template.internal.py;

/** Arithmetic, comparison, boolean and conditional expressions. */
final class Operators {
  private Operators() {}

  enum Bin {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    FLOORDIV("//"),
    MOD("%"),
    POW("**"),
    AND("&"),
    OR("|"),
    XOR("^"),
    LSHIFT("<<"),
    RSHIFT(">>"),
    MATMUL("@");

    final String symbol;

    Bin(String symbol) {
      this.symbol = symbol;
    }
  }

  static Object apply(Bin op, Object a, Object b) {
    return switch (op) {
      case ADD -> Arithmetic.add(a, b);
      case SUB -> Arithmetic.sub(a, b);
      case MUL -> Arithmetic.mul(a, b);
      case DIV -> Arithmetic.truediv(a, b);
      case FLOORDIV -> Arithmetic.floordiv(a, b);
      case MOD -> Arithmetic.mod(a, b);
      case POW -> Arithmetic.pow(a, b);
      case AND -> Arithmetic.bitwise('&', a, b);
      case OR -> Arithmetic.bitwise('|', a, b);
      case XOR -> Arithmetic.bitwise('^', a, b);
      case LSHIFT -> Arithmetic.shift(true, a, b);
      case RSHIFT -> Arithmetic.shift(false, a, b);
      case MATMUL -> throw PyError.type("unsupported operand type(s) for @");
    };
  }

  static final class Binary extends Ev {
    final Bin op;
    final Ev left;
    final Ev right;

    Binary(Bin op, Ev left, Ev right, int pos) {
      super(pos);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Frame f) {
      Object a = left.eval(f);
      Object b = right.eval(f);
      try {
        return apply(op, a, b);
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }

  static final class Unary extends Ev {
    final char op;
    final Ev operand;

    Unary(char op, Ev operand, int pos) {
      super(pos);
      this.op = op;
      this.operand = operand;
    }

    @Override
    Object eval(Frame f) {
      Object v = operand.eval(f);
      try {
        return switch (op) {
          case '-' -> Arithmetic.neg(v);
          case '+' -> Arithmetic.pos(v);
          default -> Arithmetic.invert(v);
        };
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }

  static final class Not extends Ev {
    final Ev operand;

    Not(Ev operand, int pos) {
      super(pos);
      this.operand = operand;
    }

    @Override
    Object eval(Frame f) {
      return !Py.truth(operand.eval(f));
    }
  }

  /** {@code a and b}: the first falsy operand, or the last. */
  static final class And extends Ev {
    final Ev left;
    final Ev right;

    And(Ev left, Ev right, int pos) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Frame f) {
      Object a = left.eval(f);
      return Py.truth(a) ? right.eval(f) : a;
    }
  }

  /** {@code a or b}: the first truthy operand, or the last. */
  static final class Or extends Ev {
    final Ev left;
    final Ev right;

    Or(Ev left, Ev right, int pos) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    Object eval(Frame f) {
      Object a = left.eval(f);
      return Py.truth(a) ? a : right.eval(f);
    }
  }

  static final class IfElse extends Ev {
    final Ev condition;
    final Ev then;
    final Ev otherwise;

    IfElse(Ev condition, Ev then, Ev otherwise, int pos) {
      super(pos);
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    Object eval(Frame f) {
      return Py.truth(condition.eval(f)) ? then.eval(f) : otherwise.eval(f);
    }
  }

  /**
   * A comparison chain {@code a < b <= c}: each operand evaluated once, stops at the first false.
   */
  static final class Compare extends Ev {
    final Ev[] operands;
    final String[] ops;
    final int[] positions;

    Compare(Ev[] operands, String[] ops, int[] positions, int pos) {
      super(pos);
      this.operands = operands;
      this.ops = ops;
      this.positions = positions;
    }

    @Override
    Object eval(Frame f) {
      Object a = operands[0].eval(f);
      for (int i = 0; i < ops.length; i++) {
        Object b = operands[i + 1].eval(f);
        boolean r;
        try {
          r = compare(ops[i], a, b);
        } catch (PyError e) {
          throw e.at(positions[i]);
        }
        if (!r) {
          return false;
        }
        a = b;
      }
      return true;
    }
  }

  static boolean compare(String op, Object a, Object b) {
    return switch (op) {
      case "==" -> Py.eq(a, b);
      case "!=" -> !Py.eq(a, b);
      case "<" -> Py.compare(a, b, op) == -1;
      case "<=" -> {
        int c = Py.compare(a, b, op);
        yield c == -1 || c == 0;
      }
      case ">" -> Py.compare(a, b, op) == 1;
      case ">=" -> {
        int c = Py.compare(a, b, op);
        yield c == 1 || c == 0;
      }
      case "in" -> Py.in(a, b);
      case "not in" -> !Py.in(a, b);
      case "is" -> is(a, b);
      default -> !is(a, b); // "is not"
    };
  }

  /** Python's identity, with the values Python interns (None, bools, small ints) identical. */
  private static boolean is(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a.equals(b);
    }
    if (Py.isInt(a) && Py.isInt(b)) {
      long x = Py.asLong(a);
      return x >= -5 && x <= 256 && Py.eq(a, b);
    }
    return false;
  }
}
