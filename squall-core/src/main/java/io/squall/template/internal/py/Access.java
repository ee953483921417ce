package io.squall.template.internal.py;

import io.squall.template.KeywordFunction;
import io.squall.template.TemplateArgs;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attribute reads, item reads and method calls on any value, without per-site caches (the nodes
 * keep caches and come here on a miss). A map's keys read as attributes.
 */
final class Access {
  private Access() {}

  /** A method bound to its receiver: {@code f = s.upper} then {@code f()}. */
  record BoundMethod(Object receiver, String name, Members members) implements KeywordFunction {
    @Override
    public Object call(TemplateArgs args) {
      return callMethod(
          receiver,
          name,
          args.positional().toArray(),
          args.keywords().isEmpty() ? null : args,
          members);
    }

    @Override
    public String toString() {
      return "<bound method " + name + " of " + Py.typeName(receiver) + " object>";
    }
  }

  static PyError noAttribute(Object target, String name) {
    return PyError.attribute(
        "'" + Py.typeName(target) + "' object has no attribute '" + name + "'");
  }

  static Object getattr(Object target, String name, Members members) {
    if (target instanceof Map<?, ?> m) {
      Object v = m.get(name);
      if (v != null || m.containsKey(name)) {
        return v;
      }
      if (PyMethods.has(target, name)) {
        return new BoundMethod(target, name, members);
      }
      throw noAttribute(target, name);
    }
    if (target == null) {
      throw noAttribute(null, name);
    }
    if (PyMethods.isPythonValue(target)) {
      if (PyMethods.has(target, name)) {
        return new BoundMethod(target, name, members);
      }
      throw noAttribute(target, name);
    }
    Members.Getter g = members.getter(target.getClass(), name);
    if (g != null) {
      return read(g, target);
    }
    if (members.methods(target.getClass(), name) != null) {
      return new BoundMethod(target, name, members);
    }
    if (!members.allowed(target.getClass())) {
      throw PyError.sandbox("templates may not use objects of " + target.getClass().getName());
    }
    throw noAttribute(target, name);
  }

  static Object read(Members.Getter g, Object target) {
    try {
      return g.get(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }

  /** {@code target.name(args)}; {@code kwargs} is null when the call has no keyword arguments. */
  static Object callMethod(
      Object target, String name, Object[] args, TemplateArgs kwargs, Members members) {
    if (target == null) {
      throw noAttribute(null, name);
    }
    if (PyMethods.isPythonValue(target)) {
      Object r =
          PyMethods.call(target, name, kwargs != null ? kwargs : TemplateArgs.of(args), members);
      if (r != PyMethods.NOT_FOUND) {
        return r;
      }
      if (target instanceof Map<?, ?> m && m.containsKey(name)) {
        return Calls.call(m.get(name), args, kwargs);
      }
    }
    Members.Invoker[] group = members.methods(target.getClass(), name);
    if (group != null) {
      return invoke(group, target, args, kwargs);
    }
    return Calls.call(getattr(target, name, members), args, kwargs);
  }

  static Object invoke(Members.Invoker[] group, Object target, Object[] args, TemplateArgs kwargs) {
    try {
      return Members.invoke(group, target, args, kwargs);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.lang.reflect.UndeclaredThrowableException(t);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Items and slices

  static Object getitem(Object target, Object key) {
    if (target instanceof Map<?, ?> m) {
      Object v = m.get(key);
      if (v != null || m.containsKey(key)) {
        return v;
      }
      if (Py.containsKey(m, key)) {
        return Py.getKey(m, key);
      }
      throw PyError.key(key);
    }
    if (key instanceof Slice s) {
      return slice(target, s);
    }
    if (target instanceof List<?> l) {
      return l.get(index(key, l.size(), target));
    }
    if (target instanceof CharSequence cs) {
      String s = cs.toString();
      if (s.length() == s.codePointCount(0, s.length())) {
        int i = index(key, s.length(), target);
        return String.valueOf(s.charAt(i));
      }
      int[] cps = s.codePoints().toArray();
      return Character.toString(cps[index(key, cps.length, target)]);
    }
    if (target != null && target.getClass().isArray()) {
      return Array.get(target, index(key, Array.getLength(target), target));
    }
    if (target == null) {
      throw PyError.type("'NoneType' object is not subscriptable");
    }
    throw PyError.type("'" + Py.typeName(target) + "' object is not subscriptable");
  }

  private static int index(Object key, int size, Object target) {
    if (!Py.isIntLike(key)) {
      throw PyError.type(
          Py.typeName(target) + " indices must be integers or slices, not " + Py.typeName(key));
    }
    long i = Py.asLong(key);
    if (i < 0) {
      i += size;
    }
    if (i < 0 || i >= size) {
      throw PyError.index(
          (target instanceof CharSequence ? "string" : Py.typeName(target))
              + " index out of range");
    }
    return (int) i;
  }

  /** A slice {@code start:stop:step}; absent parts are null. */
  record Slice(Object start, Object stop, Object step) {}

  static Object slice(Object target, Slice sl) {
    int n;
    List<?> list = null;
    String str = null;
    int[] cps = null;
    if (target instanceof List<?> l) {
      list = l;
      n = l.size();
    } else if (target instanceof CharSequence cs) {
      str = cs.toString();
      if (str.length() != str.codePointCount(0, str.length())) {
        cps = str.codePoints().toArray();
        n = cps.length;
      } else {
        n = str.length();
      }
    } else if (target != null && target.getClass().isArray()) {
      list = Py.list(target);
      n = list.size();
    } else {
      throw PyError.type("'" + Py.typeName(target) + "' object is not subscriptable");
    }
    long step = sl.step == null ? 1 : sliceInt(sl.step);
    if (step == 0) {
      throw PyError.value("slice step cannot be zero");
    }
    long start;
    long stop;
    if (step > 0) {
      start = sl.start == null ? 0 : clamp(sliceInt(sl.start), n, 0, n);
      stop = sl.stop == null ? n : clamp(sliceInt(sl.stop), n, 0, n);
    } else {
      start = sl.start == null ? n - 1 : clamp(sliceInt(sl.start), n, -1, n - 1);
      stop = sl.stop == null ? -1 : clamp(sliceInt(sl.stop), n, -1, n - 1);
    }
    if (str != null) {
      StringBuilder out = new StringBuilder();
      for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (cps != null) {
          out.appendCodePoint(cps[(int) i]);
        } else {
          out.append(str.charAt((int) i));
        }
      }
      return out.toString();
    }
    List<Object> out = new ArrayList<>();
    for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.add(list.get((int) i));
    }
    return target instanceof Tuple ? Tuple.copyOf(out) : out;
  }

  private static long sliceInt(Object o) {
    if (!Py.isIntLike(o)) {
      throw PyError.type("slice indices must be integers or None");
    }
    return Py.asLong(o);
  }

  private static long clamp(long i, int n, long lo, long hi) {
    if (i < 0) {
      i += n;
      if (i < 0) {
        return lo;
      }
    }
    return Math.max(lo, Math.min(i, hi));
  }
}
