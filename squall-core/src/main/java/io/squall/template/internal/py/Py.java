package io.squall.template.internal.py;

import io.squall.template.internal.Iteration;
import io.squall.template.internal.Truth;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python's value semantics over Java objects: type names, truth, equality, ordering, {@code str}
 * and {@code repr}. Ints are {@code Long} (any integral {@code Number} is accepted), floats {@code
 * Double}, {@code None} is {@code null}, lists are {@code List}, tuples {@link Tuple}, dicts {@code
 * Map}, sets {@code Set}.
 */
public final class Py {
  static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Py() {}

  /** Python's truth test. */
  public static boolean truth(Object v) {
    return Truth.test(v);
  }

  static boolean isInt(Object v) {
    return v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger
        || v instanceof AtomicInteger
        || v instanceof AtomicLong;
  }

  /** Ints and bools, which Python's arithmetic treats as ints. */
  static boolean isIntLike(Object v) {
    return v instanceof Boolean || isInt(v);
  }

  static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
  }

  static boolean isNumber(Object v) {
    return isIntLike(v) || isFloat(v);
  }

  /** An int-like value as a long, or BigInteger if it is one. */
  static boolean isBig(Object v) {
    return v instanceof BigInteger;
  }

  static long asLong(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof BigInteger b) {
      if (b.bitLength() > 63) {
        throw new PyError("OverflowError", "int too large");
      }
      return b.longValue();
    }
    return ((Number) v).longValue();
  }

  static BigInteger asBig(Object v) {
    if (v instanceof BigInteger b) {
      return b;
    }
    return BigInteger.valueOf(asLong(v));
  }

  static double asDouble(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  /** A BigInteger narrowed to Long when it fits. */
  static Object norm(BigInteger b) {
    return b.bitLength() <= 63 ? (Object) b.longValue() : b;
  }

  /** An int-like value as Python's canonical int (Long or BigInteger). */
  static Object toInt(Object v) {
    if (v instanceof Long) {
      return v;
    }
    if (v instanceof BigInteger b) {
      return norm(b);
    }
    return asLong(v);
  }

  /** Python's type name of a value, for messages. */
  public static String typeName(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (isInt(v)) {
      return "int";
    }
    if (isFloat(v)) {
      return "float";
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return "str";
    }
    if (v instanceof Tuple) {
      return "tuple";
    }
    if (v instanceof List<?>) {
      return "list";
    }
    if (v instanceof Map<?, ?>) {
      return "dict";
    }
    if (v instanceof Set<?>) {
      return "set";
    }
    if (v instanceof byte[]) {
      return "bytes";
    }
    if (Calls.isCallable(v)) {
      return "function";
    }
    return v.getClass().getSimpleName();
  }

  // ---------------------------------------------------------------------------------------------
  // Equality and ordering

  /** Python's {@code ==}. */
  public static boolean eq(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b) == 0;
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) {
      return x.toString().equals(y.toString());
    }
    if (a instanceof Character || b instanceof Character) {
      return str(a).equals(str(b))
          && (a instanceof CharSequence || a instanceof Character)
          && (b instanceof CharSequence || b instanceof Character);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if ((a instanceof Tuple) != (b instanceof Tuple) || x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!containsKey(y, e.getKey()) || !eq(e.getValue(), getKey(y, e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Object o : x) {
        if (!contains(y, o)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Compares two numbers exactly (ints, floats, bools in any mix). */
  static int compareNumbers(Object a, Object b) {
    if (isIntLike(a) && isIntLike(b)) {
      if (isBig(a) || isBig(b)) {
        return asBig(a).compareTo(asBig(b));
      }
      return Long.compare(asLong(a), asLong(b));
    }
    double x = asDouble(a);
    double y = asDouble(b);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return 2; // unordered: neither <, == nor >
    }
    if (isIntLike(a) != isIntLike(b) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
      BigDecimal p = isIntLike(a) ? new BigDecimal(asBig(a)) : new BigDecimal(x);
      BigDecimal q = isIntLike(b) ? new BigDecimal(asBig(b)) : new BigDecimal(y);
      return p.compareTo(q);
    }
    return Double.compare(x, y) == 0 ? 0 : (x < y ? -1 : 1);
  }

  /**
   * Python's ordering for {@code <}, {@code <=}, {@code >}, {@code >=}: negative, zero, positive,
   * or 2 for unordered (NaN).
   *
   * @throws PyError TypeError if the values cannot be ordered
   */
  static int compare(Object a, Object b, String op) {
    if (isNumber(a) && isNumber(b)) {
      return compareNumbers(a, b);
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) {
      return Integer.signum(compareStrings(x.toString(), y.toString()));
    }
    if (a instanceof List<?> x
        && b instanceof List<?> y
        && (a instanceof Tuple) == (b instanceof Tuple)) {
      int n = Math.min(x.size(), y.size());
      for (int i = 0; i < n; i++) {
        if (!eq(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i), op);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      boolean sub = x.stream().allMatch(o -> contains(y, o));
      boolean sup = y.stream().allMatch(o -> contains(x, o));
      return sub && sup ? 0 : sub ? -1 : sup ? 1 : 2;
    }
    if (a != null
        && b != null
        && a.getClass() == b.getClass()
        && a instanceof Comparable<?>
        && !(a instanceof Boolean)) {
      @SuppressWarnings("unchecked")
      int c = ((Comparable<Object>) a).compareTo(b);
      return Integer.signum(c);
    }
    throw PyError.type(
        "'"
            + op
            + "' not supported between instances of '"
            + typeName(a)
            + "' and '"
            + typeName(b)
            + "'");
  }

  /** Compares by code point, as Python does (Java's compareTo compares UTF-16 units). */
  static int compareStrings(String x, String y) {
    int n = Math.min(x.length(), y.length());
    for (int i = 0; i < n; i++) {
      char c = x.charAt(i);
      char d = y.charAt(i);
      if (c != d) {
        if (Character.isSurrogate(c) || Character.isSurrogate(d)) {
          return Integer.compare(x.codePointAt(i), y.codePointAt(i));
        }
        return c - d;
      }
    }
    return x.length() - y.length();
  }

  /** Python's {@code in}. */
  static boolean in(Object item, Object container) {
    if (container instanceof CharSequence s) {
      if (!(item instanceof CharSequence || item instanceof Character)) {
        throw PyError.type("'in <string>' requires string as left operand, not " + typeName(item));
      }
      return s.toString().contains(str(item));
    }
    if (container instanceof Map<?, ?> m) {
      requireHashable(item);
      return containsKey(m, item);
    }
    if (container instanceof Collection<?> c) {
      return contains(c, item);
    }
    if (container == null) {
      throw PyError.type("argument of type 'NoneType' is not iterable");
    }
    Iterator<?> it = iterator(container);
    while (it.hasNext()) {
      if (eq(it.next(), item)) {
        return true;
      }
    }
    return false;
  }

  /** Python's TypeError for a mutable value used as a dict key or set element. */
  static void requireHashable(Object item) {
    if ((item instanceof List<?> && !(item instanceof Tuple))
        || item instanceof Map<?, ?>
        || item instanceof Set<?>) {
      throw PyError.type("unhashable type: '" + typeName(item) + "'");
    }
  }

  static boolean contains(Collection<?> c, Object item) {
    if (c instanceof Set<?>) {
      requireHashable(item);
    }
    if (c instanceof Set<?> s) {
      try {
        if (s.contains(item)) {
          return true;
        }
      } catch (RuntimeException e) {
        // some sets reject foreign types; fall back to the scan
      }
      if (!isNumber(item)) {
        return false;
      }
    }
    for (Object o : c) {
      if (eq(o, item)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a map has {@code key}, with Python's numeric key equality (1 == 1.0 == True). */
  static boolean containsKey(Map<?, ?> m, Object key) {
    try {
      if (m.containsKey(key)) {
        return true;
      }
    } catch (RuntimeException e) {
      return false;
    }
    Object alt = alternativeKey(m, key);
    return alt != NO_KEY;
  }

  private static final Object NO_KEY = new Object();

  private static Object alternativeKey(Map<?, ?> m, Object key) {
    if (!isNumber(key)) {
      return NO_KEY;
    }
    for (Object k : m.keySet()) {
      if (isNumber(k) && eq(k, key)) {
        return k;
      }
    }
    return NO_KEY;
  }

  /** The value for {@code key}, or {@code null}; see {@link #containsKey}. */
  static Object getKey(Map<?, ?> m, Object key) {
    Object v;
    try {
      v = m.get(key);
    } catch (RuntimeException e) {
      return null;
    }
    if (v != null || !isNumber(key)) {
      return v;
    }
    Object alt = alternativeKey(m, key);
    return alt == NO_KEY ? null : m.get(alt);
  }

  // ---------------------------------------------------------------------------------------------
  // Iteration and conversion

  /** An iterator over anything Python can loop over. */
  static Iterator<?> iterator(Object v) {
    try {
      return Iteration.iterator(v);
    } catch (IllegalArgumentException e) {
      throw PyError.type("'" + typeName(v) + "' object is not iterable");
    }
  }

  /** The elements of an iterable as a new mutable list. */
  static ArrayList<Object> list(Object v) {
    if (v instanceof Collection<?> c && !(v instanceof Map<?, ?>)) {
      return new ArrayList<>(c);
    }
    ArrayList<Object> out = new ArrayList<>();
    Iterator<?> it = iterator(v);
    while (it.hasNext()) {
      out.add(it.next());
    }
    return out;
  }

  static Map<Object, Object> newDict() {
    return new LinkedHashMap<>();
  }

  static Set<Object> newSet() {
    return new LinkedHashSet<>();
  }

  /** The number of items, as Python's {@code len}. */
  static int len(Object v) {
    if (v instanceof CharSequence s) {
      String str = s.toString();
      return str.codePointCount(0, str.length());
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    if (v != null && v.getClass().isArray()) {
      return Array.getLength(v);
    }
    throw PyError.type("object of type '" + typeName(v) + "' has no len()");
  }

  // ---------------------------------------------------------------------------------------------
  // str and repr

  /** Python's {@code str()}. */
  public static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d) {
      return PyFloat.repr(d);
    }
    if (v instanceof Float f) {
      return PyFloat.repr(f);
    }
    if (v instanceof CharSequence || v instanceof Character || isInt(v)) {
      return v.toString();
    }
    if (v instanceof BigDecimal d) {
      return PyFloat.repr(d.doubleValue());
    }
    if (v instanceof byte[] b) {
      return reprBytes(b);
    }
    if (v instanceof Collection<?> || v instanceof Map<?, ?> || v.getClass().isArray()) {
      return repr(v);
    }
    return v.toString();
  }

  /** Python's {@code repr()}. */
  public static String repr(Object v) {
    StringBuilder out = new StringBuilder();
    repr(v, out, 0);
    return out.toString();
  }

  private static void repr(Object v, StringBuilder out, int depth) {
    if (depth > 100) {
      throw new PyError("RecursionError", "maximum recursion depth exceeded in repr");
    }
    if (v instanceof CharSequence || v instanceof Character) {
      reprString(v.toString(), out);
    } else if (v instanceof Tuple t) {
      out.append('(');
      for (int i = 0; i < t.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        repr(t.get(i), out, depth + 1);
      }
      out.append(t.size() == 1 ? ",)" : ")");
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        repr(l.get(i), out, depth + 1);
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        repr(e.getKey(), out, depth + 1);
        out.append(": ");
        repr(e.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (v instanceof Set<?> s) {
      if (s.isEmpty()) {
        out.append("set()");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Object o : s) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        repr(o, out, depth + 1);
      }
      out.append('}');
    } else if (v instanceof Collection<?> c) {
      repr(new ArrayList<>(c), out, depth);
    } else if (v instanceof Map.Entry<?, ?> e) {
      repr(Tuple.of(e.getKey(), e.getValue()), out, depth);
    } else if (v != null && v.getClass().isArray() && !(v instanceof byte[])) {
      repr(list(v), out, depth);
    } else {
      out.append(str(v));
    }
  }

  /** A Python string literal for {@code s}, quoted as Python's repr quotes it. */
  static void reprString(String s, StringBuilder out) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == quote || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (isPrintable(c)) {
        out.appendCodePoint(c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", c));
      } else if (c < 0x10000) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    }
    out.append(quote);
  }

  /** Python's {@code str.isprintable} for one code point. */
  static boolean isPrintable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static String reprBytes(byte[] b) {
    StringBuilder out = new StringBuilder("b'");
    for (byte x : b) {
      int c = x & 0xff;
      if (c == '\'' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02x", c));
      }
    }
    return out.append('\'').toString();
  }
}
