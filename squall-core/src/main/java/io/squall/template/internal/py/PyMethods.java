package io.squall.template.internal.py;

import io.squall.template.TemplateArgs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python's methods of {@code str}, {@code list}, {@code tuple}, {@code dict} and {@code set}. */
final class PyMethods {
  /** Returned when the receiver has no Python method of that name. */
  static final Object NOT_FOUND = new Object();

  private PyMethods() {}

  /** Whether {@code recv} is a value whose Python methods templates call. */
  static boolean isPythonValue(Object recv) {
    return recv instanceof String
        || recv instanceof List<?>
        || recv instanceof Map<?, ?>
        || recv instanceof Set<?>;
  }

  static boolean has(Object recv, String name) {
    if (recv instanceof String) {
      return StrMethods.has(name);
    }
    return switch (name) {
      case "index", "count" -> recv instanceof List<?>;
      case "copy", "append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear" ->
          recv instanceof List<?> && !(recv instanceof Tuple);
      case "get", "items", "keys", "values", "setdefault", "update" -> recv instanceof Map<?, ?>;
      case "add", "union", "intersection", "difference", "issubset", "issuperset", "discard" ->
          recv instanceof Set<?>;
      default -> false;
    };
  }

  /** Calls Python method {@code name} on {@code recv}, or answers {@link #NOT_FOUND}. */
  static Object call(Object recv, String name, TemplateArgs a, Members members) {
    if (recv instanceof String s) {
      return StrMethods.call(s, name, a, members);
    }
    if (recv instanceof List<?> l) {
      return list(l, name, a);
    }
    if (recv instanceof Map<?, ?> m) {
      return dict(m, name, a);
    }
    if (recv instanceof Set<?> s) {
      return set(s, name, a);
    }
    return NOT_FOUND;
  }

  @SuppressWarnings("unchecked")
  private static Object list(List<?> l, String name, TemplateArgs a) {
    List<Object> m = (List<Object>) l;
    boolean tuple = l instanceof Tuple;
    switch (name) {
      case "index" -> {
        Object x = a.expect(name, "value", "start", "stop").get(0, "value");
        int start = (int) Py.asLong(a.get(1, null, 0L));
        int stop = (int) Math.min(l.size(), Py.asLong(a.get(2, null, (long) l.size())));
        for (int i = Math.max(0, start < 0 ? start + l.size() : start); i < stop; i++) {
          if (Py.eq(l.get(i), x)) {
            return (long) i;
          }
        }
        throw PyError.value(Py.repr(x) + " is not in list");
      }
      case "count" -> {
        Object x = a.expect(name, "value").get(0, "value");
        long n = 0;
        for (Object o : l) {
          if (Py.eq(o, x)) {
            n++;
          }
        }
        return n;
      }
      default -> {
        if (tuple) {
          return NOT_FOUND;
        }
      }
    }
    try {
      switch (name) {
        case "copy" -> {
          a.expect(name);
          return new ArrayList<>(l);
        }
        case "append" -> {
          m.add(a.expect(name, "object").get(0, "object"));
          return null;
        }
        case "extend" -> {
          m.addAll(Py.list(a.expect(name, "iterable").get(0, "iterable")));
          return null;
        }
        case "insert" -> {
          a.expect(name, "index", "object");
          long i = Py.asLong(a.get(0, "index"));
          int n = l.size();
          int at = (int) (i < 0 ? Math.max(0, i + n) : Math.min(n, i));
          m.add(at, a.get(1, "object"));
          return null;
        }
        case "pop" -> {
          a.expect(name, "index");
          if (l.isEmpty()) {
            throw PyError.index("pop from empty list");
          }
          long i = Py.asLong(a.get(0, "index", -1L));
          int at = (int) (i < 0 ? i + l.size() : i);
          if (at < 0 || at >= l.size()) {
            throw PyError.index("pop index out of range");
          }
          return m.remove(at);
        }
        case "remove" -> {
          Object x = a.expect(name, "value").get(0, "value");
          for (int i = 0; i < l.size(); i++) {
            if (Py.eq(l.get(i), x)) {
              m.remove(i);
              return null;
            }
          }
          throw PyError.value("list.remove(x): x not in list");
        }
        case "sort" -> {
          a.expect(name, "key", "reverse");
          if (!a.positional().isEmpty()) {
            throw PyError.type("sort() takes no positional arguments");
          }
          List<Object> sorted =
              PyBuiltins.sort(
                  new ArrayList<>(l), a.get(-1, "key", null), a.flag(-1, "reverse", false));
          for (int i = 0; i < sorted.size(); i++) {
            m.set(i, sorted.get(i));
          }
          return null;
        }
        case "reverse" -> {
          a.expect(name);
          Collections.reverse(m);
          return null;
        }
        case "clear" -> {
          a.expect(name);
          m.clear();
          return null;
        }
        default -> {
          return NOT_FOUND;
        }
      }
    } catch (UnsupportedOperationException e) {
      throw PyError.type("this list cannot be modified");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object dict(Map<?, ?> d, String name, TemplateArgs a) {
    Map<Object, Object> m = (Map<Object, Object>) d;
    try {
      switch (name) {
        case "get" -> {
          a.expect(name, "key", "default");
          Object k = a.get(0, "key");
          return Py.containsKey(d, k) ? Py.getKey(d, k) : a.get(1, "default", null);
        }
        case "items" -> {
          a.expect(name);
          List<Object> out = new ArrayList<>(d.size());
          for (Map.Entry<?, ?> e : d.entrySet()) {
            out.add(Tuple.of(e.getKey(), e.getValue()));
          }
          return out;
        }
        case "keys" -> {
          a.expect(name);
          return new ArrayList<>(d.keySet());
        }
        case "values" -> {
          a.expect(name);
          return new ArrayList<>(d.values());
        }
        case "copy" -> {
          a.expect(name);
          Map<Object, Object> c = Py.newDict();
          c.putAll(d);
          return c;
        }
        case "setdefault" -> {
          a.expect(name, "key", "default");
          Object k = a.get(0, "key");
          if (Py.containsKey(d, k)) {
            return Py.getKey(d, k);
          }
          Object v = a.get(1, "default", null);
          m.put(k, v);
          return v;
        }
        case "pop" -> {
          a.expect(name, "key", "default");
          Object k = a.get(0, "key");
          if (Py.containsKey(d, k)) {
            return m.remove(k);
          }
          if (a.has(1, "default")) {
            return a.get(1, "default");
          }
          throw PyError.key(k);
        }
        case "update" -> {
          if (!a.positional().isEmpty()) {
            m.putAll(PyBuiltins.dict(TemplateArgs.of(a.positional().get(0))));
          }
          m.putAll(a.keywords());
          return null;
        }
        case "clear" -> {
          a.expect(name);
          m.clear();
          return null;
        }
        default -> {
          return NOT_FOUND;
        }
      }
    } catch (UnsupportedOperationException e) {
      throw PyError.type("this dict cannot be modified");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object set(Set<?> s, String name, TemplateArgs a) {
    Set<Object> m = (Set<Object>) s;
    switch (name) {
      case "add" -> {
        Object x = a.expect(name, "elem").get(0, "elem");
        if (!Py.contains(s, x)) {
          m.add(x);
        }
        return null;
      }
      case "discard" -> {
        m.remove(a.expect(name, "elem").get(0, "elem"));
        return null;
      }
      case "copy" -> {
        Set<Object> c = Py.newSet();
        c.addAll(s);
        return c;
      }
      case "union", "intersection", "difference" -> {
        Object result = new java.util.LinkedHashSet<Object>(s);
        char op = name.equals("union") ? '|' : name.equals("intersection") ? '&' : '-';
        for (Object other : a.positional()) {
          Set<Object> o = Py.newSet();
          o.addAll(Py.list(other));
          result = op == '-' ? Arithmetic.sub(result, o) : Arithmetic.bitwise(op, result, o);
        }
        return result;
      }
      case "issubset", "issuperset" -> {
        Collection<?> other = Py.list(a.expect(name, "other").get(0, "other"));
        if (name.equals("issubset")) {
          return s.stream().allMatch(x -> Py.contains(other, x));
        }
        return other.stream().allMatch(x -> Py.contains(s, x));
      }
      default -> {
        return NOT_FOUND;
      }
    }
  }
}
