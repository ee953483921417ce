package io.squall.template.internal;

import io.squall.template.internal.py.Frame;
import io.squall.template.internal.py.PyError;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables one rendering sees, looked up in order: the template's own variables (set by {@code
 * set} and {@code for}), the arguments to {@code generate}, the loader's namespace, then the
 * built-in functions. Like the single Python function Tornado compiles a template into, a rendering
 * has one flat scope shared by included templates; a new one starts for every {@code generate}.
 */
public final class Scope {
  private final HashMap<String, Object> locals = new HashMap<>();
  private final Map<String, ?> args;
  private final Map<String, ?> namespace;
  private final Frame frame = new Frame(this);
  private int callDepth;
  private String escapeName;
  private Object escapeFunction;

  /** A scope over the caller's arguments and the loader's namespace; neither is modified. */
  public Scope(Map<String, ?> args, Map<String, ?> namespace) {
    this.args = args;
    this.namespace = namespace;
  }

  /** The value of {@code name}, or {@code null} (see {@link #has}). */
  public Object get(String name) {
    if (!locals.isEmpty()) {
      Object v = locals.get(name);
      if (v != null || locals.containsKey(name)) {
        return v;
      }
    }
    Object v = args.get(name);
    if (v != null || args.containsKey(name)) {
      return v;
    }
    v = namespace.get(name);
    if (v != null || namespace.containsKey(name)) {
      return v;
    }
    return Builtins.get(name);
  }

  /** Whether {@code name} is defined. */
  public boolean has(String name) {
    return locals.containsKey(name)
        || args.containsKey(name)
        || namespace.containsKey(name)
        || Builtins.has(name);
  }

  /** Sets a template variable. */
  public void set(String name, Object value) {
    locals.put(name, value);
    if (name.equals(escapeName)) {
      escapeName = null;
    }
  }

  /**
   * Counts a call of a template lambda, so that runaway recursion is an error, not a stack
   * overflow.
   *
   * @throws io.squall.template.internal.py.PyError RecursionError past 200 nested calls
   */
  public void enterCall() {
    if (++callDepth > 200) {
      callDepth = 0;
      throw PyError.recursion();
    }
  }

  /** Ends a call counted by {@link #enterCall}. */
  public void exitCall() {
    if (callDepth > 0) {
      callDepth--;
    }
  }

  /** The top frame expressions evaluate in. */
  public Frame frame() {
    return frame;
  }

  /** {@link #get} for the autoescape function, remembered since every output tag needs it. */
  Object escapeFunction(String name) {
    if (!name.equals(escapeName)) {
      escapeFunction = get(name);
      escapeName = name;
    }
    return escapeFunction;
  }
}
