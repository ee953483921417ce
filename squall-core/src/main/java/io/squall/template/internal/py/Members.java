package io.squall.template.internal.py;

import io.squall.template.TemplateArgs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The properties and methods of Java objects that templates may use, resolved once per class and
 * name through the {@link Sandbox} and kept as method handles, so rendering does no reflection.
 *
 * <p>{@code obj.name} reads, in order: a record component {@code name()}, a getter {@code
 * getName()}/{@code isName()}, a public field {@code name}, or a public no-argument method {@code
 * name()}; a Python snake_case name also finds the camelCase Java member ({@code obj.full_url()}
 * calls {@code fullUrl()}). {@code obj.name(args)} calls a public method by that name (or its
 * camelCase form), choosing the overload by argument count and types.
 */
public final class Members {
  private static final ConcurrentMap<List<String>, Members> BY_PACKAGES = new ConcurrentHashMap<>();
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  /** Reads one property of objects of one class. */
  interface Getter {
    Object get(Object target) throws Throwable;
  }

  /** One invocable Java method. */
  static final class Invoker {
    final MethodHandle handle; // (Object, Object[])Object
    final Class<?>[] params;
    final boolean takesArgs;
    final boolean varargs;
    final String name;

    Invoker(Method m, MethodHandle mh) {
      this.name = m.getName();
      this.params = m.getParameterTypes();
      this.takesArgs = params.length == 1 && params[0] == TemplateArgs.class;
      this.varargs = m.isVarArgs() && !takesArgs;
      // fixed arity: convert() builds the varargs array itself; a collecting handle would wrap it
      // in another array (reverse_url('name', 'x') reached Java as an Object[] inside an Object[])
      MethodHandle fixed = mh.asFixedArity();
      MethodHandle h = fixed.asType(fixed.type().generic());
      this.handle = h.asSpreader(Object[].class, params.length);
    }
  }

  private static final Object MISSING = new Object();

  private final Sandbox sandbox;
  private final ClassValue<ConcurrentMap<String, Object>> getters =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };
  private final ClassValue<ConcurrentMap<String, Object>> methods =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private Members(List<String> allowedPackages) {
    this.sandbox = new Sandbox(allowedPackages);
  }

  /** The members visible to templates that may use the given application packages (empty: all). */
  public static Members forPackages(List<String> allowedPackages) {
    return BY_PACKAGES.computeIfAbsent(List.copyOf(allowedPackages), Members::new);
  }

  boolean allowed(Class<?> type) {
    return sandbox.allow(type);
  }

  /** The property reader for {@code name} on {@code type}, or {@code null}. */
  Getter getter(Class<?> type, String name) {
    ConcurrentMap<String, Object> byName = getters.get(type);
    Object g = byName.get(name);
    if (g == null) {
      g = findGetter(type, name);
      if (g == null) {
        g = MISSING;
      }
      if (byName.size() < 512) {
        byName.put(name, g);
      }
    }
    return g == MISSING ? null : (Getter) g;
  }

  /** The public methods named {@code name} (or its camelCase form) of {@code type}, or null. */
  Invoker[] methods(Class<?> type, String name) {
    ConcurrentMap<String, Object> byName = methods.get(type);
    Object m = byName.get(name);
    if (m == null) {
      Invoker[] found = findMethods(type, name);
      if (found.length == 0 && name.indexOf('_') > 0) {
        found = findMethods(type, camel(name));
      }
      m = found.length == 0 ? MISSING : found;
      if (byName.size() < 512) {
        byName.put(name, m);
      }
    }
    return m == MISSING ? null : (Invoker[]) m;
  }

  static String camel(String snake) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean up = false;
    for (int i = 0; i < snake.length(); i++) {
      char c = snake.charAt(i);
      if (c == '_' && out.length() > 0) {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  private Getter findGetter(Class<?> type, String name) {
    if (!sandbox.allow(type)) {
      return null;
    }
    Getter g = findGetterExact(type, name);
    if (g == null && name.indexOf('_') > 0) {
      g = findGetterExact(type, camel(name));
    }
    return g;
  }

  private Getter findGetterExact(Class<?> type, String name) {
    if (name.isEmpty()) {
      return null;
    }
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (c.getName().equals(name) && sandbox.allow(c.getAccessor())) {
          MethodHandle h = handle(c.getAccessor());
          if (h != null) {
            return getter(h);
          }
        }
      }
    }
    String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : new String[] {"get" + cap, "is" + cap, name}) {
      Method m = publicMethod(type, candidate);
      if (m != null
          && (!candidate.startsWith("is")
              || m.getReturnType() == boolean.class
              || candidate.equals(name))) {
        MethodHandle h = handle(m);
        if (h != null) {
          return getter(h);
        }
      }
      if (candidate.equals("is" + cap)) {
        Field f = publicField(type, name);
        if (f != null) {
          try {
            MethodHandle h = LOOKUP.unreflectGetter(f);
            return getter(h);
          } catch (IllegalAccessException e) {
            // not readable: try the next form
          }
        }
      }
    }
    return null;
  }

  private static Getter getter(MethodHandle h) {
    MethodHandle g = h.asType(MethodType.methodType(Object.class, Object.class));
    return t -> (Object) g.invokeExact(t);
  }

  private Method publicMethod(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == 0
          && m.getReturnType() != void.class
          && !Modifier.isStatic(m.getModifiers())
          && sandbox.allow(m)) {
        return m;
      }
    }
    return null;
  }

  private Field publicField(Class<?> type, String name) {
    try {
      Field f = type.getField(name);
      if (!Modifier.isStatic(f.getModifiers()) && sandbox.allow(f)) {
        return f;
      }
    } catch (NoSuchFieldException e) {
      return null;
    }
    return null;
  }

  private Invoker[] findMethods(Class<?> type, String name) {
    if (!sandbox.allow(type)) {
      return new Invoker[0];
    }
    List<Invoker> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (!m.getName().equals(name)
          || Modifier.isStatic(m.getModifiers())
          || m.isBridge()
          || !sandbox.allow(m)) {
        continue;
      }
      String sig = java.util.Arrays.toString(m.getParameterTypes());
      if (seen.contains(sig)) {
        continue;
      }
      MethodHandle h = handle(m);
      if (h != null) {
        seen.add(sig);
        out.add(new Invoker(m, h));
      }
    }
    // Methods taking TemplateArgs last, so typed overloads win for positional calls.
    out.sort((a, b) -> Boolean.compare(a.takesArgs, b.takesArgs));
    return out.toArray(Invoker[]::new);
  }

  /** A handle for {@code m}, through a public declaration of it if its class is not public. */
  private MethodHandle handle(Method m) {
    Method accessible = accessibleVersion(m, m.getDeclaringClass());
    try {
      if (accessible != null) {
        return MethodHandles.publicLookup().unreflect(accessible);
      }
    } catch (IllegalAccessException e) {
      // fall through to setAccessible for application classes
    }
    if (!m.getDeclaringClass().getPackageName().startsWith("java.") && m.trySetAccessible()) {
      try {
        return LOOKUP.unreflect(m);
      } catch (IllegalAccessException e) {
        return null;
      }
    }
    return null;
  }

  private Method accessibleVersion(Method m, Class<?> c) {
    if (c == null) {
      return null;
    }
    if (Modifier.isPublic(c.getModifiers())
        && c.getModule().isExported(c.getPackageName())
        && sandbox.allow(c)) {
      try {
        Method found = c.getMethod(m.getName(), m.getParameterTypes());
        if (Modifier.isPublic(found.getDeclaringClass().getModifiers())) {
          return found;
        }
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
    for (Class<?> i : c.getInterfaces()) {
      Method found = accessibleVersion(m, i);
      if (found != null) {
        return found;
      }
    }
    return accessibleVersion(m, c.getSuperclass());
  }

  /** Calls the best overload for the arguments; throws TypeError if none fits. */
  static Object invoke(Invoker[] group, Object target, Object[] args, TemplateArgs kwargs)
      throws Throwable {
    Invoker best = null;
    Object[] converted = null;
    int bestScore = -1;
    for (Invoker inv : group) {
      if (inv.takesArgs) {
        if (best == null || kwargs != null) {
          best = inv;
          converted = null;
        }
        break;
      }
      if (kwargs != null) {
        continue;
      }
      Object[] c = convert(inv, args);
      if (c == null) {
        continue;
      }
      int score = 0;
      for (int i = 0; i < Math.min(args.length, inv.params.length); i++) {
        score += Convert.fit(args[i], inv.params[i]);
      }
      if (score > bestScore) {
        best = inv;
        converted = c;
        bestScore = score;
      }
    }
    if (best == null) {
      String name = group[0].name;
      if (kwargs != null) {
        throw PyError.type(name + "() takes no keyword arguments");
      }
      throw PyError.type(
          name
              + "() does not take "
              + args.length
              + " argument"
              + (args.length == 1 ? "" : "s")
              + " of these types");
    }
    if (best.takesArgs) {
      TemplateArgs ta = kwargs != null ? kwargs : TemplateArgs.of(args);
      return best.handle.invoke(target, new Object[] {ta});
    }
    return best.handle.invoke(target, converted);
  }

  private static Object[] convert(Invoker inv, Object[] args) {
    Class<?>[] p = inv.params;
    if (inv.varargs) {
      if (args.length < p.length - 1) {
        return null;
      }
      Object[] out = new Object[p.length];
      for (int i = 0; i < p.length - 1; i++) {
        Object c = Convert.to(args[i], p[i]);
        if (c == Convert.FAIL) {
          return null;
        }
        out[i] = c;
      }
      Class<?> component = p[p.length - 1].getComponentType();
      int n = args.length - (p.length - 1);
      Object array = java.lang.reflect.Array.newInstance(component, n);
      for (int i = 0; i < n; i++) {
        Object c = Convert.to(args[p.length - 1 + i], component);
        if (c == Convert.FAIL) {
          return null;
        }
        java.lang.reflect.Array.set(array, i, c);
      }
      out[p.length - 1] = array;
      return out;
    }
    if (args.length != p.length) {
      return null;
    }
    Object[] out = new Object[p.length];
    for (int i = 0; i < p.length; i++) {
      Object c = Convert.to(args[i], p[i]);
      if (c == Convert.FAIL) {
        return null;
      }
      out[i] = c;
    }
    return out;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
