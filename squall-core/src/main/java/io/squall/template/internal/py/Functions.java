package io.squall.template.internal.py;

import io.squall.template.KeywordFunction;
import io.squall.template.TemplateArgs;
import io.squall.template.internal.Iteration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** Lambdas, comprehensions, generator expressions and f-strings. */
final class Functions {
  private Functions() {}

  /** Where a loop or parameter value goes: a slot, or (for {@code a, b}) several targets. */
  record Target(int slot, Target[] parts) {
    void bind(Object[] slots, Object value) {
      if (parts == null) {
        slots[slot] = value;
        return;
      }
      Object[] values;
      try {
        values = Iteration.unpack(value, parts.length);
      } catch (IllegalArgumentException e) {
        throw PyError.value(e.getMessage());
      }
      for (int i = 0; i < parts.length; i++) {
        parts[i].bind(slots, values[i]);
      }
    }
  }

  /** {@code for target in iterable if c1 if c2}. */
  record Clause(Target target, Ev iterable, Ev[] conditions) {}

  enum Kind {
    LIST,
    SET,
    GENERATOR,
    DICT
  }

  static final class Comprehension extends Ev {
    final Kind kind;
    final Ev element; // the key for a dict
    final Ev value; // dict only
    final Clause[] clauses;
    final int slots;

    Comprehension(Kind kind, Ev element, Ev value, Clause[] clauses, int slots, int pos) {
      super(pos);
      this.kind = kind;
      this.element = element;
      this.value = value;
      this.clauses = clauses;
      this.slots = slots;
    }

    @Override
    Object eval(Frame f) {
      Bindings b = new Bindings(this, f);
      switch (kind) {
        case GENERATOR -> {
          return new Generator(b, element);
        }
        case LIST -> {
          List<Object> out = new ArrayList<>();
          while (b.next()) {
            out.add(element.eval(b.frame));
          }
          return out;
        }
        case SET -> {
          Set<Object> out = Py.newSet();
          while (b.next()) {
            Object o = element.eval(b.frame);
            if (!Py.contains(out, o)) {
              out.add(o);
            }
          }
          return out;
        }
        default -> {
          Map<Object, Object> out = Py.newDict();
          while (b.next()) {
            Object k = element.eval(b.frame);
            Atoms.put(out, k, value.eval(b.frame));
          }
          return out;
        }
      }
    }
  }

  /** Steps through the combinations of a comprehension's loop variables. */
  static final class Bindings {
    final Clause[] clauses;
    final Frame frame;
    final Iterator<?>[] its;
    int level;

    Bindings(Comprehension c, Frame outer) {
      this.clauses = c.clauses;
      Object[] slots = new Object[c.slots];
      java.util.Arrays.fill(slots, Atoms.UNBOUND);
      this.frame = new Frame(outer.scope, outer, slots);
      this.its = new Iterator<?>[clauses.length];
      // Python evaluates the first iterable at once, in the enclosing scope.
      its[0] = iterate(clauses[0].iterable(), outer);
      level = 0;
    }

    private static Iterator<?> iterate(Ev e, Frame f) {
      Object v = e.eval(f);
      try {
        return Py.iterator(v);
      } catch (PyError err) {
        throw err.at(e.pos);
      }
    }

    boolean next() {
      int last = clauses.length - 1;
      if (level > last) {
        level = last;
      }
      while (level >= 0) {
        Iterator<?> it = its[level];
        if (!it.hasNext()) {
          level--;
          continue;
        }
        Clause c = clauses[level];
        c.target().bind(frame.slots, it.next());
        boolean ok = true;
        for (Ev cond : c.conditions()) {
          if (!Py.truth(cond.eval(frame))) {
            ok = false;
            break;
          }
        }
        if (!ok) {
          continue;
        }
        if (level == last) {
          level = last + 1;
          return true;
        }
        level++;
        its[level] = iterate(clauses[level].iterable(), frame);
      }
      return false;
    }
  }

  /** A generator expression's lazy iterator. */
  static final class Generator implements Iterator<Object> {
    private final Bindings bindings;
    private final Ev element;
    private Object next;
    private boolean ready;
    private boolean done;

    Generator(Bindings bindings, Ev element) {
      this.bindings = bindings;
      this.element = element;
    }

    @Override
    public boolean hasNext() {
      if (!ready && !done) {
        if (bindings.next()) {
          next = element.eval(bindings.frame);
          ready = true;
        } else {
          done = true;
        }
      }
      return ready;
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = false;
      return next;
    }

    @Override
    public String toString() {
      return "<generator object <genexpr>>";
    }
  }

  static final class LambdaEv extends Ev {
    final String[] params;
    final Ev[] defaults; // null entries: no default
    final Ev body;
    final int slots;

    LambdaEv(String[] params, Ev[] defaults, Ev body, int slots, int pos) {
      super(pos);
      this.params = params;
      this.defaults = defaults;
      this.body = body;
      this.slots = slots;
    }

    @Override
    Object eval(Frame f) {
      Object[] d = new Object[defaults.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = defaults[i] == null ? Atoms.UNBOUND : defaults[i].eval(f);
      }
      return new Lambda(this, f, d);
    }
  }

  /** A lambda's value: a function closed over the frame it was made in. */
  record Lambda(LambdaEv code, Frame closure, Object[] defaults) implements KeywordFunction {
    @Override
    public Object call(TemplateArgs args) {
      String[] params = code.params;
      List<Object> pos = args.positional();
      if (pos.size() > params.length) {
        throw PyError.type(
            "<lambda>() takes "
                + params.length
                + " positional arguments but "
                + pos.size()
                + " were given");
      }
      Object[] slots = new Object[code.slots];
      java.util.Arrays.fill(slots, Atoms.UNBOUND);
      for (int i = 0; i < pos.size(); i++) {
        slots[i] = pos.get(i);
      }
      for (Map.Entry<String, Object> e : args.keywords().entrySet()) {
        int i = java.util.Arrays.asList(params).indexOf(e.getKey());
        if (i < 0) {
          throw PyError.type("<lambda>() got an unexpected keyword argument '" + e.getKey() + "'");
        }
        if (slots[i] != Atoms.UNBOUND) {
          throw PyError.type("<lambda>() got multiple values for argument '" + e.getKey() + "'");
        }
        slots[i] = e.getValue();
      }
      for (int i = 0; i < params.length; i++) {
        if (slots[i] == Atoms.UNBOUND) {
          if (defaults[i] == Atoms.UNBOUND) {
            throw PyError.type("<lambda>() missing required argument: '" + params[i] + "'");
          }
          slots[i] = defaults[i];
        }
      }
      closure.scope.enterCall();
      try {
        return code.body.eval(new Frame(closure.scope, closure, slots));
      } finally {
        closure.scope.exitCall();
      }
    }

    @Override
    public String toString() {
      return "<function <lambda>>";
    }
  }

  /** One part of an f-string: literal text, or a value with its conversion and format spec. */
  record Part(String text, Ev value, char conversion, Ev spec) {}

  static final class FString extends Ev {
    final Part[] parts;

    FString(Part[] parts, int pos) {
      super(pos);
      this.parts = parts;
    }

    @Override
    Object eval(Frame f) {
      StringBuilder out = new StringBuilder();
      for (Part p : parts) {
        if (p.text != null) {
          out.append(p.text);
          continue;
        }
        Object v = p.value.eval(f);
        switch (p.conversion) {
          case 'r' -> v = Py.repr(v);
          case 's' -> v = Py.str(v);
          case 'a' -> v = PyFormat.ascii(Py.repr(v));
          default -> {
            // no conversion
          }
        }
        String spec = p.spec == null ? "" : Py.str(p.spec.eval(f));
        try {
          out.append(PyFormat.format(v, spec));
        } catch (PyError e) {
          throw e.at(p.value.pos);
        }
      }
      return out.toString();
    }
  }
}
