package io.squall.template.internal.py;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Python's arithmetic and bitwise operators on template values. */
final class Arithmetic {
  private Arithmetic() {}

  private static PyError unsupported(String op, Object a, Object b) {
    return PyError.type(
        "unsupported operand type(s) for "
            + op
            + ": '"
            + Py.typeName(a)
            + "' and '"
            + Py.typeName(b)
            + "'");
  }

  private static boolean bothInts(Object a, Object b) {
    return Py.isIntLike(a) && Py.isIntLike(b);
  }

  private static boolean anyBig(Object a, Object b) {
    return a instanceof BigInteger || b instanceof BigInteger;
  }

  static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x + y;
      if (((x ^ r) & (y ^ r)) < 0) {
        return BigInteger.valueOf(x).add(BigInteger.valueOf(y));
      }
      return r;
    }
    if (a instanceof String x && b instanceof String y) {
      return x.concat(y);
    }
    if (bothInts(a, b)) {
      return Py.norm(Py.asBig(a).add(Py.asBig(b)));
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      return Py.asDouble(a) + Py.asDouble(b);
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) {
      return x.toString() + y;
    }
    if (a instanceof Tuple x && b instanceof Tuple y) {
      List<Object> l = new ArrayList<>(x);
      l.addAll(y);
      return Tuple.copyOf(l);
    }
    if (a instanceof List<?> x
        && b instanceof List<?> y
        && !(a instanceof Tuple)
        && !(b instanceof Tuple)) {
      List<Object> l = new ArrayList<>(x);
      l.addAll(y);
      return l;
    }
    if (a instanceof CharSequence && !(b instanceof CharSequence)) {
      throw PyError.type("can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
    }
    throw unsupported("+", a, b);
  }

  static Object sub(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x - y;
      if (((x ^ y) & (x ^ r)) < 0) {
        return BigInteger.valueOf(x).subtract(BigInteger.valueOf(y));
      }
      return r;
    }
    if (bothInts(a, b)) {
      return Py.norm(Py.asBig(a).subtract(Py.asBig(b)));
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      return Py.asDouble(a) - Py.asDouble(b);
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      Set<Object> s = Py.newSet();
      for (Object o : x) {
        if (!Py.contains(y, o)) {
          s.add(o);
        }
      }
      return s;
    }
    throw unsupported("-", a, b);
  }

  static Object mul(Object a, Object b) {
    if (bothInts(a, b)) {
      if (!anyBig(a, b)) {
        long x = Py.asLong(a);
        long y = Py.asLong(b);
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
          return lo;
        }
      }
      return Py.norm(Py.asBig(a).multiply(Py.asBig(b)));
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      return Py.asDouble(a) * Py.asDouble(b);
    }
    if (Py.isIntLike(a) && !Py.isNumber(b)) {
      return mul(b, a);
    }
    if (Py.isIntLike(b)) {
      long n = Math.max(0, Py.asLong(b));
      if (a instanceof CharSequence s) {
        long size = n * s.length();
        if (size > 100_000_000) {
          throw new PyError("MemoryError", "string too large");
        }
        return s.toString().repeat((int) n);
      }
      if (a instanceof List<?> l) {
        if (n * l.size() > 10_000_000) {
          throw new PyError("MemoryError", "list too large");
        }
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          out.addAll(l);
        }
        return a instanceof Tuple ? Tuple.copyOf(out) : out;
      }
    }
    throw unsupported("*", a, b);
  }

  static Object truediv(Object a, Object b) {
    if (Py.isNumber(a) && Py.isNumber(b)) {
      double y = Py.asDouble(b);
      if (y == 0) {
        throw PyError.zeroDivision(bothInts(a, b) ? "division by zero" : "float division by zero");
      }
      if (bothInts(a, b) && anyBig(a, b)) {
        return new java.math.BigDecimal(Py.asBig(a))
            .divide(new java.math.BigDecimal(Py.asBig(b)), java.math.MathContext.DECIMAL64)
            .doubleValue();
      }
      return Py.asDouble(a) / y;
    }
    throw unsupported("/", a, b);
  }

  static Object floordiv(Object a, Object b) {
    if (bothInts(a, b)) {
      if (!anyBig(a, b)) {
        long x = Py.asLong(a);
        long y = Py.asLong(b);
        if (y == 0) {
          throw PyError.zeroDivision("integer division or modulo by zero");
        }
        if (!(x == Long.MIN_VALUE && y == -1)) {
          return Math.floorDiv(x, y);
        }
      }
      BigInteger y = Py.asBig(b);
      if (y.signum() == 0) {
        throw PyError.zeroDivision("integer division or modulo by zero");
      }
      BigInteger[] qr = Py.asBig(a).divideAndRemainder(y);
      BigInteger q = qr[0];
      if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
        q = q.subtract(BigInteger.ONE);
      }
      return Py.norm(q);
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      return floatDivmod(Py.asDouble(a), Py.asDouble(b))[0];
    }
    throw unsupported("//", a, b);
  }

  /** Python's float divmod. */
  static double[] floatDivmod(double x, double y) {
    if (y == 0) {
      throw PyError.zeroDivision("float floor division by zero");
    }
    double mod = x % y;
    double div = (x - mod) / y;
    if (mod != 0) {
      if ((y < 0) != (mod < 0)) {
        mod += y;
        div -= 1.0;
      }
    } else {
      mod = Math.copySign(0.0, y);
    }
    double floordiv;
    if (div != 0) {
      floordiv = Math.floor(div);
      if (div - floordiv > 0.5) {
        floordiv += 1.0;
      }
    } else {
      floordiv = Math.copySign(0.0, x / y);
    }
    return new double[] {floordiv, mod};
  }

  static Object mod(Object a, Object b) {
    if (a instanceof CharSequence s) {
      return PyFormat.percent(s.toString(), b);
    }
    if (bothInts(a, b)) {
      if (!anyBig(a, b)) {
        long y = Py.asLong(b);
        if (y == 0) {
          throw PyError.zeroDivision("integer division or modulo by zero");
        }
        return Math.floorMod(Py.asLong(a), y);
      }
      BigInteger y = Py.asBig(b);
      if (y.signum() == 0) {
        throw PyError.zeroDivision("integer division or modulo by zero");
      }
      BigInteger r = Py.asBig(a).mod(y.abs());
      if (y.signum() < 0 && r.signum() != 0) {
        r = r.add(y);
      }
      return Py.norm(r);
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      double y = Py.asDouble(b);
      if (y == 0) {
        throw PyError.zeroDivision("float modulo");
      }
      return floatDivmod(Py.asDouble(a), y)[1];
    }
    throw unsupported("%", a, b);
  }

  static Object pow(Object a, Object b) {
    if (bothInts(a, b)) {
      BigInteger base = Py.asBig(a);
      BigInteger exp = Py.asBig(b);
      if (exp.signum() >= 0) {
        if (exp.bitLength() > 31 || (long) base.bitLength() * exp.longValue() > 1_000_000) {
          if (base.abs().compareTo(BigInteger.ONE) <= 0) {
            return Py.norm(
                base.signum() == 0
                    ? BigInteger.ZERO
                    : base.signum() > 0 || !exp.testBit(0)
                        ? BigInteger.ONE
                        : BigInteger.ONE.negate());
          }
          throw new PyError("MemoryError", "exponent too large");
        }
        return Py.norm(base.pow(exp.intValue()));
      }
      if (base.signum() == 0) {
        throw PyError.zeroDivision("0.0 cannot be raised to a negative power");
      }
      return Math.pow(base.doubleValue(), exp.doubleValue());
    }
    if (Py.isNumber(a) && Py.isNumber(b)) {
      double x = Py.asDouble(a);
      double y = Py.asDouble(b);
      if (x == 0 && y < 0) {
        throw PyError.zeroDivision("0.0 cannot be raised to a negative power");
      }
      if (x < 0 && y != Math.rint(y)) {
        throw PyError.value("complex result: negative number to a fractional power");
      }
      double r = Math.pow(x, y);
      if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
        throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
      }
      return r;
    }
    throw unsupported("** or pow()", a, b);
  }

  static Object neg(Object a) {
    if (a instanceof Long x && x != Long.MIN_VALUE) {
      return -x;
    }
    if (Py.isIntLike(a)) {
      return Py.norm(Py.asBig(a).negate());
    }
    if (Py.isFloat(a)) {
      return -Py.asDouble(a);
    }
    throw PyError.type("bad operand type for unary -: '" + Py.typeName(a) + "'");
  }

  static Object pos(Object a) {
    if (Py.isIntLike(a)) {
      return Py.toInt(a);
    }
    if (Py.isFloat(a)) {
      return Py.asDouble(a);
    }
    throw PyError.type("bad operand type for unary +: '" + Py.typeName(a) + "'");
  }

  static Object invert(Object a) {
    if (Py.isIntLike(a)) {
      return Py.norm(Py.asBig(a).not());
    }
    throw PyError.type("bad operand type for unary ~: '" + Py.typeName(a) + "'");
  }

  static Object bitwise(char op, Object a, Object b) {
    if (bothInts(a, b)) {
      if (a instanceof Boolean x && b instanceof Boolean y) {
        return switch (op) {
          case '&' -> x & y;
          case '|' -> x | y;
          default -> x ^ y;
        };
      }
      BigInteger x = Py.asBig(a);
      BigInteger y = Py.asBig(b);
      return Py.norm(
          switch (op) {
            case '&' -> x.and(y);
            case '|' -> x.or(y);
            default -> x.xor(y);
          });
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      Set<Object> s = Py.newSet();
      switch (op) {
        case '|' -> {
          s.addAll(x);
          for (Object o : y) {
            if (!Py.contains(s, o)) {
              s.add(o);
            }
          }
        }
        case '&' -> {
          for (Object o : x) {
            if (Py.contains(y, o)) {
              s.add(o);
            }
          }
        }
        default -> {
          for (Object o : x) {
            if (!Py.contains(y, o)) {
              s.add(o);
            }
          }
          for (Object o : y) {
            if (!Py.contains(x, o)) {
              s.add(o);
            }
          }
        }
      }
      return s;
    }
    if (a instanceof java.util.Map<?, ?> x && b instanceof java.util.Map<?, ?> y && op == '|') {
      java.util.Map<Object, Object> m = Py.newDict();
      m.putAll(x);
      m.putAll(y);
      return m;
    }
    throw unsupported(String.valueOf(op), a, b);
  }

  static Object shift(boolean left, Object a, Object b) {
    if (bothInts(a, b)) {
      long n = Py.asLong(b);
      if (n < 0) {
        throw PyError.value("negative shift count");
      }
      if (n > 100_000) {
        throw new PyError("OverflowError", "shift count too large");
      }
      BigInteger x = Py.asBig(a);
      return Py.norm(left ? x.shiftLeft((int) n) : x.shiftRight((int) n));
    }
    throw unsupported(left ? "<<" : ">>", a, b);
  }

  static boolean isCollection(Object o) {
    return o instanceof Collection<?>;
  }
}
