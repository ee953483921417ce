package io.squall.template.internal.py;

import io.squall.template.TemplateArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute, item, slice and call expressions, each with a cache of its own lookups. */
final class AccessNodes {
  private AccessNodes() {}

  /** What one site resolved for one receiver class. */
  private record GetterCache(Class<?> type, Members.Getter getter) {}

  private record MethodCache(Class<?> type, Members.Invoker[] group) {}

  /** Reads {@code name} of a value, remembering the getter for the last class seen. */
  static final class AttributeReader {
    final String name;
    final Members members;
    private GetterCache cache;

    AttributeReader(String name, Members members) {
      this.name = name;
      this.members = members;
    }

    Object read(Object target) {
      if (target instanceof Map<?, ?> m) {
        Object v = m.get(name);
        if (v != null || m.containsKey(name)) {
          return v;
        }
        return Access.getattr(target, name, members);
      }
      GetterCache c = cache;
      if (c != null && target != null && c.type == target.getClass()) {
        return Access.read(c.getter, target);
      }
      if (target != null && !PyMethods.isPythonValue(target)) {
        Members.Getter g = members.getter(target.getClass(), name);
        if (g != null) {
          cache = new GetterCache(target.getClass(), g);
          return Access.read(g, target);
        }
      }
      return Access.getattr(target, name, members);
    }
  }

  static final class Attribute extends Ev {
    final Ev target;
    final AttributeReader reader;

    Attribute(Ev target, String name, Members members, int pos) {
      super(pos);
      this.target = target;
      this.reader = new AttributeReader(name, members);
    }

    @Override
    Object eval(Frame f) {
      Object t = target.eval(f);
      try {
        return reader.read(t);
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }

  /**
   * A variable followed by attribute names, {@code f.message}: the plain property path most
   * template expressions are, evaluated without building anything per call.
   */
  static final class Path extends Ev {
    final String variable;
    final AttributeReader[] readers;
    final int[] positions;

    Path(String variable, AttributeReader[] readers, int[] positions, int pos) {
      super(pos);
      this.variable = variable;
      this.readers = readers;
      this.positions = positions;
    }

    @Override
    Object eval(Frame f) {
      Object v = f.scope.get(variable);
      if (v == null && !f.scope.has(variable)) {
        throw new PyError("NameError", "name '" + variable + "' is not defined").at(pos);
      }
      for (int i = 0; i < readers.length; i++) {
        try {
          v = readers[i].read(v);
        } catch (PyError e) {
          throw e.at(positions[i]);
        }
      }
      return v;
    }
  }

  static final class Item extends Ev {
    final Ev target;
    final Ev key;

    Item(Ev target, Ev key, int pos) {
      super(pos);
      this.target = target;
      this.key = key;
    }

    @Override
    Object eval(Frame f) {
      Object t = target.eval(f);
      Object k = key.eval(f);
      try {
        return Access.getitem(t, k);
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }

  static final class SliceEv extends Ev {
    final Ev start;
    final Ev stop;
    final Ev step;

    SliceEv(Ev start, Ev stop, Ev step, int pos) {
      super(pos);
      this.start = start;
      this.stop = stop;
      this.step = step;
    }

    @Override
    Object eval(Frame f) {
      return new Access.Slice(
          start == null ? null : start.eval(f),
          stop == null ? null : stop.eval(f),
          step == null ? null : step.eval(f));
    }
  }

  /** The arguments of a call: positional (some may be {@code *x}) and keyword ({@code **m}). */
  static final class Arguments {
    final Ev[] positional;
    final String[] names; // null name: **mapping
    final Ev[] keywords;
    final boolean simple;

    Arguments(Ev[] positional, String[] names, Ev[] keywords) {
      this.positional = positional;
      this.names = names;
      this.keywords = keywords;
      boolean s = keywords.length == 0;
      for (Ev e : positional) {
        if (e instanceof Atoms.Starred) {
          s = false;
        }
      }
      this.simple = s;
    }

    Object[] positional(Frame f) {
      if (simple) {
        Object[] out = new Object[positional.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = positional[i].eval(f);
        }
        return out;
      }
      List<Object> out = new ArrayList<>();
      Atoms.addAll(out, positional, f);
      return out.toArray();
    }

    /** The keyword arguments as TemplateArgs, or null if there are none. */
    TemplateArgs withKeywords(Object[] args, Frame f) {
      if (keywords.length == 0) {
        return null;
      }
      Map<String, Object> kw = new LinkedHashMap<>();
      for (int i = 0; i < keywords.length; i++) {
        if (names[i] == null) {
          Object m = keywords[i].eval(f);
          if (!(m instanceof Map<?, ?> map)) {
            throw PyError.type("argument after ** must be a mapping, not " + Py.typeName(m));
          }
          for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
              throw PyError.type("keywords must be strings");
            }
            if (kw.containsKey(k)) {
              throw PyError.type("got multiple values for keyword argument '" + k + "'");
            }
            kw.put(k, e.getValue());
          }
        } else {
          if (kw.containsKey(names[i])) {
            throw PyError.type("got multiple values for keyword argument '" + names[i] + "'");
          }
          kw.put(names[i], keywords[i].eval(f));
        }
      }
      return new TemplateArgs(java.util.Arrays.asList(args), kw);
    }
  }

  /** {@code fn(args)} where {@code fn} is any expression but an attribute. */
  static final class Call extends Ev {
    final Ev function;
    final Arguments args;

    Call(Ev function, Arguments args, int pos) {
      super(pos);
      this.function = function;
      this.args = args;
    }

    @Override
    Object eval(Frame f) {
      Object fn = function.eval(f);
      Object[] a = args.positional(f);
      TemplateArgs kw = args.withKeywords(a, f);
      try {
        return Calls.call(fn, a, kw);
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }

  /** {@code target.name(args)}, remembering the Java methods found for the last class seen. */
  static final class MethodCall extends Ev {
    final Ev target;
    final String name;
    final Arguments args;
    final Members members;
    private MethodCache cache;

    MethodCall(Ev target, String name, Arguments args, Members members, int pos) {
      super(pos);
      this.target = target;
      this.name = name;
      this.args = args;
      this.members = members;
    }

    @Override
    Object eval(Frame f) {
      Object t = target.eval(f);
      Object[] a = args.positional(f);
      TemplateArgs kw = args.withKeywords(a, f);
      try {
        MethodCache c = cache;
        if (c != null && t != null && c.type == t.getClass()) {
          return Access.invoke(c.group, t, a, kw);
        }
        if (t != null && !PyMethods.isPythonValue(t)) {
          Members.Invoker[] group = members.methods(t.getClass(), name);
          if (group != null) {
            cache = new MethodCache(t.getClass(), group);
            return Access.invoke(group, t, a, kw);
          }
        }
        return Access.callMethod(t, name, a, kw, members);
      } catch (PyError e) {
        throw e.at(pos);
      }
    }
  }
}
