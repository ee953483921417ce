package io.squall.template.internal.py;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Names, constants and the list, tuple, set and dict displays. */
final class Atoms {
  private Atoms() {}

  static final class Const extends Ev {
    final Object value;

    Const(Object value, int pos) {
      super(pos);
      this.value = value;
    }

    @Override
    Object eval(Frame f) {
      return value;
    }

    @Override
    Object constant() {
      return value;
    }
  }

  /** A template variable, namespace value or builtin. */
  static final class Global extends Ev {
    final String name;

    Global(String name, int pos) {
      super(pos);
      this.name = name;
    }

    @Override
    Object eval(Frame f) {
      Object v = f.scope.get(name);
      if (v == null && !f.scope.has(name)) {
        throw new PyError("NameError", "name '" + name + "' is not defined").at(pos);
      }
      return v;
    }
  }

  /** A lambda parameter or comprehension variable. */
  static final class Local extends Ev {
    final int depth;
    final int index;
    final String name;

    Local(int depth, int index, String name, int pos) {
      super(pos);
      this.depth = depth;
      this.index = index;
      this.name = name;
    }

    @Override
    Object eval(Frame f) {
      Frame x = f;
      for (int d = depth; d > 0; d--) {
        x = x.parent;
      }
      Object v = x.slots[index];
      if (v == UNBOUND) {
        throw new PyError("NameError", "cannot access local variable '" + name + "'").at(pos);
      }
      return v;
    }
  }

  static final Object UNBOUND = new Object();

  /** {@code *items} inside a display or call. */
  static final class Starred extends Ev {
    final Ev value;

    Starred(Ev value, int pos) {
      super(pos);
      this.value = value;
    }

    @Override
    Object eval(Frame f) {
      return value.eval(f);
    }
  }

  static void addAll(List<Object> out, Ev[] items, Frame f) {
    for (Ev e : items) {
      if (e instanceof Starred s) {
        out.addAll(Py.list(s.eval(f)));
      } else {
        out.add(e.eval(f));
      }
    }
  }

  static final class ListEv extends Ev {
    final Ev[] items;

    ListEv(Ev[] items, int pos) {
      super(pos);
      this.items = items;
    }

    @Override
    Object eval(Frame f) {
      List<Object> out = new ArrayList<>(items.length);
      addAll(out, items, f);
      return out;
    }
  }

  static final class TupleEv extends Ev {
    final Ev[] items;

    TupleEv(Ev[] items, int pos) {
      super(pos);
      this.items = items;
    }

    @Override
    Object eval(Frame f) {
      List<Object> out = new ArrayList<>(items.length);
      addAll(out, items, f);
      return Tuple.copyOf(out);
    }
  }

  static final class SetEv extends Ev {
    final Ev[] items;

    SetEv(Ev[] items, int pos) {
      super(pos);
      this.items = items;
    }

    @Override
    Object eval(Frame f) {
      List<Object> all = new ArrayList<>(items.length);
      addAll(all, items, f);
      Set<Object> out = Py.newSet();
      for (Object o : all) {
        if (!Py.contains(out, o)) {
          out.add(o);
        }
      }
      return out;
    }
  }

  /** A dict display; a null key marks {@code **mapping}. */
  static final class DictEv extends Ev {
    final Ev[] keys;
    final Ev[] values;

    DictEv(Ev[] keys, Ev[] values, int pos) {
      super(pos);
      this.keys = keys;
      this.values = values;
    }

    @Override
    Object eval(Frame f) {
      Map<Object, Object> out = Py.newDict();
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == null) {
          Object m = values[i].eval(f);
          if (!(m instanceof Map<?, ?> map)) {
            throw PyError.type("'" + Py.typeName(m) + "' object is not a mapping")
                .at(values[i].pos);
          }
          out.putAll(map);
        } else {
          put(out, keys[i].eval(f), values[i].eval(f));
        }
      }
      return out;
    }
  }

  /** Puts with Python's key equality (1 and 1.0 are the same key). */
  static void put(Map<Object, Object> m, Object k, Object v) {
    if (Py.isNumber(k) && !m.containsKey(k)) {
      for (Object existing : m.keySet()) {
        if (Py.isNumber(existing) && Py.eq(existing, k)) {
          m.put(existing, v);
          return;
        }
      }
    }
    if (k instanceof List<?> && !(k instanceof Tuple)
        || k instanceof Map<?, ?>
        || k instanceof Set<?>) {
      throw PyError.type("unhashable type: '" + Py.typeName(k) + "'");
    }
    m.put(k, v);
  }
}
