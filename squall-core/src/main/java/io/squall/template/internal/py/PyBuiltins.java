package io.squall.template.internal.py;

import io.squall.template.KeywordFunction;
import io.squall.template.TemplateArgs;
import io.squall.template.internal.IntRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python's built-in functions that templates use. */
public final class PyBuiltins {
  private static final Map<String, KeywordFunction> FUNCTIONS = new HashMap<>();

  static {
    def("len", a -> (long) Py.len(one(a, "len")));
    def("str", a -> a.positional().isEmpty() ? "" : Py.str(one(a, "str")));
    def("repr", a -> Py.repr(one(a, "repr")));
    def("ascii", a -> PyFormat.ascii(Py.repr(one(a, "ascii"))));
    def("bool", a -> a.positional().isEmpty() ? Boolean.FALSE : (Object) Py.truth(one(a, "bool")));
    def("int", PyBuiltins::toInt);
    def("float", a -> a.positional().isEmpty() ? 0.0 : toFloat(one(a, "float")));
    def("list", a -> a.positional().isEmpty() ? new ArrayList<>() : Py.list(one(a, "list")));
    def(
        "tuple",
        a -> a.positional().isEmpty() ? Tuple.EMPTY : Tuple.copyOf(Py.list(one(a, "tuple"))));
    def(
        "set",
        a -> {
          Set<Object> s = Py.newSet();
          if (!a.positional().isEmpty()) {
            for (Object o : Py.list(one(a, "set"))) {
              if (!Py.contains(s, o)) {
                s.add(o);
              }
            }
          }
          return s;
        });
    def("dict", PyBuiltins::dict);
    def(
        "sorted",
        a -> {
          a.expect("sorted", "iterable", "key", "reverse");
          if (a.positional().size() != 1) {
            throw PyError.type("sorted expected 1 argument, got " + a.positional().size());
          }
          return sort(
              Py.list(a.get(0, "iterable")), a.get(-1, "key", null), a.flag(-1, "reverse", false));
        });
    def(
        "reversed",
        a -> {
          List<Object> l = Py.list(one(a, "reversed"));
          Collections.reverse(l);
          return l;
        });
    def(
        "enumerate",
        a -> {
          a.expect("enumerate", "iterable", "start");
          long i = Py.asLong(a.get(1, "start", 0L));
          List<Object> out = new ArrayList<>();
          Iterator<?> it = Py.iterator(a.get(0, "iterable"));
          while (it.hasNext()) {
            out.add(Tuple.of(i++, it.next()));
          }
          return out;
        });
    def(
        "zip",
        a -> {
          List<Iterator<?>> its = new ArrayList<>();
          for (Object o : a.positional()) {
            its.add(Py.iterator(o));
          }
          List<Object> out = new ArrayList<>();
          while (!its.isEmpty()) {
            Object[] row = new Object[its.size()];
            for (int i = 0; i < row.length; i++) {
              if (!its.get(i).hasNext()) {
                return out;
              }
              row[i] = its.get(i).next();
            }
            out.add(new Tuple(row));
          }
          return out;
        });
    def("range", PyBuiltins::range);
    def("min", a -> minMax(a, "min", -1));
    def("max", a -> minMax(a, "max", 1));
    def(
        "sum",
        a -> {
          a.expect("sum", "iterable", "start");
          Object total = a.get(1, "start", 0L);
          Iterator<?> it = Py.iterator(a.get(0, "iterable"));
          while (it.hasNext()) {
            total = Arithmetic.add(total, it.next());
          }
          return total;
        });
    def(
        "abs",
        a -> {
          Object x = one(a, "abs");
          if (Py.isIntLike(x)) {
            return Py.norm(Py.asBig(x).abs());
          }
          if (Py.isFloat(x)) {
            return Math.abs(Py.asDouble(x));
          }
          throw PyError.type("bad operand type for abs(): '" + Py.typeName(x) + "'");
        });
    def("round", PyBuiltins::round);
    def(
        "any",
        a -> {
          Iterator<?> it = Py.iterator(one(a, "any"));
          while (it.hasNext()) {
            if (Py.truth(it.next())) {
              return true;
            }
          }
          return false;
        });
    def(
        "all",
        a -> {
          Iterator<?> it = Py.iterator(one(a, "all"));
          while (it.hasNext()) {
            if (!Py.truth(it.next())) {
              return false;
            }
          }
          return true;
        });
    def(
        "map",
        a -> {
          if (a.positional().size() < 2) {
            throw PyError.type("map() must have at least two arguments.");
          }
          Object fn = a.positional().get(0);
          List<Iterator<?>> its = new ArrayList<>();
          for (Object o : a.positional().subList(1, a.positional().size())) {
            its.add(Py.iterator(o));
          }
          List<Object> out = new ArrayList<>();
          while (true) {
            Object[] row = new Object[its.size()];
            for (int i = 0; i < row.length; i++) {
              if (!its.get(i).hasNext()) {
                return out;
              }
              row[i] = its.get(i).next();
            }
            out.add(Calls.call(fn, row));
          }
        });
    def(
        "filter",
        a -> {
          a.expect("filter", "function", "iterable");
          Object fn = a.get(0, "function");
          List<Object> out = new ArrayList<>();
          Iterator<?> it = Py.iterator(a.get(1, "iterable"));
          while (it.hasNext()) {
            Object o = it.next();
            if (Py.truth(fn == null ? o : Calls.call(fn, o))) {
              out.add(o);
            }
          }
          return out;
        });
    def(
        "divmod",
        a -> {
          a.expect("divmod", "a", "b");
          Object x = a.get(0, "a");
          Object y = a.get(1, "b");
          return Tuple.of(Arithmetic.floordiv(x, y), Arithmetic.mod(x, y));
        });
    def(
        "pow",
        a -> {
          a.expect("pow", "base", "exp", "mod");
          Object r = Arithmetic.pow(a.get(0, "base"), a.get(1, "exp"));
          Object m = a.get(2, "mod", null);
          return m == null ? r : Arithmetic.mod(r, m);
        });
    def("chr", a -> Character.toString((int) Py.asLong(one(a, "chr"))));
    def(
        "ord",
        a -> {
          String s = Py.str(one(a, "ord"));
          if (s.codePointCount(0, s.length()) != 1) {
            throw PyError.type(
                "ord() expected a character, but string of length " + s.length() + " found");
          }
          return (long) s.codePointAt(0);
        });
    def("hex", a -> radix(one(a, "hex"), 16, "0x"));
    def("oct", a -> radix(one(a, "oct"), 8, "0o"));
    def("bin", a -> radix(one(a, "bin"), 2, "0b"));
    def(
        "format",
        a -> {
          a.expect("format", "value", "format_spec");
          return PyFormat.format(a.get(0, "value"), Py.str(a.get(1, "format_spec", "")));
        });
  }

  private PyBuiltins() {}

  private static void def(String name, KeywordFunction f) {
    FUNCTIONS.put(name, f);
  }

  /** The Python built-in functions by name. */
  public static Map<String, KeywordFunction> functions() {
    return Collections.unmodifiableMap(FUNCTIONS);
  }

  private static Object one(TemplateArgs a, String name) {
    if (!a.keywords().isEmpty()) {
      throw PyError.type(name + "() takes no keyword arguments");
    }
    if (a.positional().size() != 1) {
      throw PyError.type(
          name + "() takes exactly one argument (" + a.positional().size() + " given)");
    }
    return a.positional().get(0);
  }

  static List<Object> sort(List<Object> items, Object key, boolean reverse) {
    Comparator<Object> cmp =
        (x, y) -> {
          int c = Py.compare(x, y, "<");
          return c == 2 ? 0 : c;
        };
    if (key != null) {
      List<Object[]> pairs = new ArrayList<>(items.size());
      for (Object o : items) {
        pairs.add(new Object[] {Calls.call(key, o), o});
      }
      Comparator<Object[]> pc = (p, q) -> cmp.compare(p[0], q[0]);
      pairs.sort(reverse ? pc.reversed() : pc);
      List<Object> out = new ArrayList<>(items.size());
      for (Object[] p : pairs) {
        out.add(p[1]);
      }
      return out;
    }
    if (reverse) {
      // A stable sort keeps equal elements in their original order, as Python does.
      items.sort(cmp.reversed());
      return items;
    }
    items.sort(cmp);
    return items;
  }

  private static Object minMax(TemplateArgs a, String name, int sign) {
    for (String k : a.keywords().keySet()) {
      if (!k.equals("key") && !k.equals("default")) {
        throw PyError.type("'" + k + "' is an invalid keyword argument for " + name + "()");
      }
    }
    Object key = a.keywords().get("key");
    boolean hasDefault = a.keywords().containsKey("default");
    Collection<?> items;
    if (a.positional().size() == 1) {
      items = Py.list(a.positional().get(0));
    } else if (a.positional().size() > 1) {
      if (hasDefault) {
        throw PyError.type(
            "Cannot specify a default for " + name + "() with multiple positional arguments");
      }
      items = a.positional();
    } else {
      throw PyError.type(name + " expected at least 1 argument, got 0");
    }
    if (items.isEmpty()) {
      if (hasDefault) {
        return a.keywords().get("default");
      }
      throw PyError.value(name + "() arg is an empty sequence");
    }
    Object best = null;
    Object bestKey = null;
    boolean first = true;
    for (Object o : items) {
      Object k = key == null ? o : Calls.call(key, o);
      if (first) {
        best = o;
        bestKey = k;
        first = false;
      } else {
        int c = Py.compare(k, bestKey, sign < 0 ? "<" : ">");
        if (c != 2 && c * sign > 0) {
          best = o;
          bestKey = k;
        }
      }
    }
    return best;
  }

  private static Object toInt(TemplateArgs a) {
    a.expect("int", "x", "base");
    if (a.positional().isEmpty() && !a.keywords().containsKey("x")) {
      return 0L;
    }
    Object x = a.get(0, "x");
    if (a.has(1, "base")) {
      return parseInt(Py.str(x), (int) Py.asLong(a.get(1, "base")));
    }
    if (Py.isIntLike(x)) {
      return Py.toInt(x);
    }
    if (Py.isFloat(x)) {
      return toIntFromFloat(Py.asDouble(x));
    }
    if (x instanceof CharSequence s) {
      return parseInt(s.toString(), 10);
    }
    throw PyError.type(
        "int() argument must be a string, a bytes-like object or a real number, not '"
            + Py.typeName(x)
            + "'");
  }

  static Object toIntFromFloat(double d) {
    if (Double.isNaN(d)) {
      throw PyError.value("cannot convert float NaN to integer");
    }
    if (Double.isInfinite(d)) {
      throw new PyError("OverflowError", "cannot convert float infinity to integer");
    }
    return Py.norm(new BigDecimal(d).toBigInteger());
  }

  private static Object parseInt(String s, int base) {
    String t = StrMethods.strip(s, null, true, true).replace("_", "");
    String digits = t;
    boolean neg = false;
    if (digits.startsWith("-") || digits.startsWith("+")) {
      neg = digits.startsWith("-");
      digits = digits.substring(1);
    }
    if (base == 0 || base == 16 || base == 8 || base == 2) {
      String lower = digits.toLowerCase(java.util.Locale.ROOT);
      int b =
          lower.startsWith("0x")
              ? 16
              : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2 : base;
      if (b != base && base != 0) {
        b = base;
      } else if (b != 10
          && (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b"))) {
        digits = digits.substring(2);
      }
      base = b == 0 ? 10 : b;
    }
    try {
      if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
        throw new NumberFormatException();
      }
      BigInteger v = new BigInteger(digits, base);
      return Py.norm(neg ? v.negate() : v);
    } catch (NumberFormatException e) {
      throw PyError.value("invalid literal for int() with base " + base + ": " + Py.repr(s));
    }
  }

  static double toFloat(Object x) {
    if (Py.isNumber(x)) {
      return Py.asDouble(x);
    }
    if (x instanceof CharSequence cs) {
      String s =
          StrMethods.strip(cs.toString(), null, true, true).toLowerCase(java.util.Locale.ROOT);
      String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
      double sign = s.startsWith("-") ? -1 : 1;
      switch (body) {
        case "inf", "infinity" -> {
          return sign * Double.POSITIVE_INFINITY;
        }
        case "nan" -> {
          return Double.NaN;
        }
        default -> {
          // parsed below
        }
      }
      if (!body.isEmpty()
          && (Character.isDigit(body.charAt(0)) || body.charAt(0) == '.')
          && body.chars().noneMatch(c -> c == 'x' || c == 'p' || c == 'd' || c == 'f')) {
        try {
          return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw PyError.value("could not convert string to float: " + Py.repr(cs.toString()));
    }
    throw PyError.type(
        "float() argument must be a string or a real number, not '" + Py.typeName(x) + "'");
  }

  static Map<Object, Object> dict(TemplateArgs a) {
    Map<Object, Object> out = Py.newDict();
    if (a.positional().size() > 1) {
      throw PyError.type("dict expected at most 1 argument, got " + a.positional().size());
    }
    if (!a.positional().isEmpty()) {
      Object src = a.positional().get(0);
      if (src instanceof Map<?, ?> m) {
        out.putAll(m);
      } else {
        Iterator<?> it = Py.iterator(src);
        while (it.hasNext()) {
          Object pair = it.next();
          List<Object> kv = Py.list(pair);
          if (kv.size() != 2) {
            throw PyError.value(
                "dictionary update sequence element has length " + kv.size() + "; 2 is required");
          }
          out.put(kv.get(0), kv.get(1));
        }
      }
    }
    out.putAll(a.keywords());
    return out;
  }

  private static Object range(TemplateArgs a) {
    if (!a.keywords().isEmpty()) {
      throw PyError.type("range() takes no keyword arguments");
    }
    List<Object> p = a.positional();
    if (p.isEmpty() || p.size() > 3) {
      throw PyError.type("range expected at most 3 arguments, got " + p.size());
    }
    int[] n = new int[p.size()];
    for (int i = 0; i < n.length; i++) {
      if (!Py.isIntLike(p.get(i))) {
        throw PyError.type(
            "'" + Py.typeName(p.get(i)) + "' object cannot be interpreted as an integer");
      }
      n[i] = Math.toIntExact(Py.asLong(p.get(i)));
    }
    if (n.length == 3 && n[2] == 0) {
      throw PyError.value("range() arg 3 must not be zero");
    }
    return switch (n.length) {
      case 1 -> new IntRange(0, n[0], 1);
      case 2 -> new IntRange(n[0], n[1], 1);
      default -> new IntRange(n[0], n[1], n[2]);
    };
  }

  private static Object round(TemplateArgs a) {
    a.expect("round", "number", "ndigits");
    Object x = a.get(0, "number");
    Object nd = a.get(1, "ndigits", null);
    if (Py.isIntLike(x)) {
      if (nd == null || Py.asLong(nd) >= 0) {
        return Py.toInt(x);
      }
      BigDecimal b =
          new BigDecimal(Py.asBig(x)).setScale((int) Py.asLong(nd), RoundingMode.HALF_EVEN);
      return Py.norm(b.setScale(0, RoundingMode.UNNECESSARY).toBigInteger());
    }
    if (!Py.isFloat(x)) {
      throw PyError.type("type " + Py.typeName(x) + " doesn't define __round__ method");
    }
    double d = Py.asDouble(x);
    if (nd == null) {
      return toIntFromFloat(Math.rint(d));
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return d;
    }
    int digits = (int) Py.asLong(nd);
    double r = new BigDecimal(d).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0 ? Math.copySign(0.0, d) : r;
  }

  private static String radix(Object x, int radix, String prefix) {
    if (!Py.isIntLike(x)) {
      throw PyError.type("'" + Py.typeName(x) + "' object cannot be interpreted as an integer");
    }
    BigInteger b = Py.asBig(x);
    return (b.signum() < 0 ? "-" : "") + prefix + b.abs().toString(radix);
  }
}
