package io.squall.template.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.jexl3.JexlContext;

/**
 * The variables one rendering sees, looked up in order: the template's own variables (set by {@code
 * set} and {@code for}), the arguments to {@code generate}, the loader's namespace, then the
 * built-in functions. Like the single Python function Tornado compiles a template into, a rendering
 * has one flat scope shared by included templates; a new one starts for every {@code generate}.
 */
public final class Scope implements JexlContext {
  private final HashMap<String, Object> locals = new HashMap<>();
  private final Map<String, ?> args;
  private final Map<String, ?> namespace;
  private String escapeName;
  private Object escapeFunction;

  /** A scope over the caller's arguments and the loader's namespace; neither is modified. */
  public Scope(Map<String, ?> args, Map<String, ?> namespace) {
    this.args = args;
    this.namespace = namespace;
  }

  @Override
  public Object get(String name) {
    Object v = locals.get(name);
    if (v != null || (!locals.isEmpty() && locals.containsKey(name))) {
      return v;
    }
    v = args.get(name);
    if (v != null || args.containsKey(name)) {
      return v;
    }
    v = namespace.get(name);
    if (v != null || namespace.containsKey(name)) {
      return v;
    }
    return Builtins.get(name);
  }

  @Override
  public boolean has(String name) {
    return locals.containsKey(name)
        || args.containsKey(name)
        || namespace.containsKey(name)
        || Builtins.has(name);
  }

  @Override
  public void set(String name, Object value) {
    locals.put(name, value);
    if (name.equals(escapeName)) {
      escapeName = null;
    }
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
