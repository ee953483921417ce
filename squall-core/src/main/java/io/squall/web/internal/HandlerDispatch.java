package io.squall.web.internal;

import io.squall.web.AddSlash;
import io.squall.web.Authenticated;
import io.squall.web.Blocking;
import io.squall.web.RemoveSlash;
import io.squall.web.RequestHandler;
import io.squall.web.StreamRequestBody;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What a handler class can do, worked out once per class (never per request): its verb methods by
 * name and arity as method handles, which of them are {@link Blocking} or {@link Authenticated},
 * and whether it streams request bodies.
 */
public final class HandlerDispatch {
  /** Verbs a handler may implement, as Tornado's {@code SUPPORTED_METHODS}. */
  public static final List<String> VERBS =
      List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS");

  private static final ClassValue<HandlerDispatch> CACHE =
      new ClassValue<>() {
        @Override
        protected HandlerDispatch computeValue(Class<?> type) {
          return new HandlerDispatch(type);
        }
      };

  /** A resolved verb method. */
  public record Target(
      MethodHandle handle,
      int arity,
      boolean varargs,
      boolean returnsStage,
      boolean blocking,
      boolean authenticated,
      String[] parameterNames,
      String description) {}

  private final Map<String, Target[]> byVerb = new HashMap<>();
  private final Map<String, Target> varargsByVerb = new HashMap<>();
  private final Map<String, List<String>> byVerbMethods = new LinkedHashMap<>();
  private final Set<String> allowed = new LinkedHashSet<>();
  private final boolean streamRequestBody;
  private final int slashRule;
  private final boolean classBlocking;
  private final Target prepare;

  /** The dispatch of {@code type}, computed at its first use and then cached. */
  public static HandlerDispatch of(Class<?> type) {
    return CACHE.get(type);
  }

  private HandlerDispatch(Class<?> type) {
    this.streamRequestBody = type.isAnnotationPresent(StreamRequestBody.class);
    this.slashRule =
        type.isAnnotationPresent(RemoveSlash.class)
            ? -1
            : type.isAnnotationPresent(AddSlash.class) ? 1 : 0;
    this.classBlocking = type.isAnnotationPresent(Blocking.class);
    boolean classAuth = type.isAnnotationPresent(Authenticated.class);
    checkHidden(type);
    Map<String, List<Target>> found = new HashMap<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || m.isBridge()
          || m.isSynthetic()
          || m.getDeclaringClass() == RequestHandler.class
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String verb = m.getName().toUpperCase(Locale.ROOT);
      if (!VERBS.contains(verb) || !m.getName().equals(m.getName().toLowerCase(Locale.ROOT))) {
        checkMisspelt(type, m);
        continue;
      }
      if (!takesPathArgs(m)) {
        throw new IllegalArgumentException(
            describe(type, m)
                + " cannot be called for "
                + verb
                + ": a verb method takes one String per route group (or String...)");
      }
      Class<?> ret = m.getReturnType();
      boolean stage = CompletionStage.class.isAssignableFrom(ret);
      if (ret != void.class && !stage) {
        throw new IllegalArgumentException(
            describe(type, m) + " must return void or a CompletionStage");
      }
      found
          .computeIfAbsent(verb, k -> new ArrayList<>())
          .add(target(type, m, stage, classBlocking, classAuth));
    }
    for (String verb : VERBS) {
      List<Target> targets = found.get(verb);
      if (targets != null) {
        Target[] byArity = new Target[targets.stream().mapToInt(Target::arity).max().orElse(0) + 1];
        for (Target t : targets) {
          if (t.varargs()) {
            varargsByVerb.put(verb, t);
          } else {
            byArity[t.arity()] = t;
          }
        }
        byVerb.put(verb, byArity);
        byVerbMethods.put(verb, targets.stream().map(Target::description).toList());
        allowed.add(verb);
      }
    }
    if (!allowed.contains("HEAD") && allowed.contains("GET")) {
      allowed.add("HEAD"); // HEAD is served by GET with the body left out
    }
    Method prepare = findPrepare(type);
    if (prepare != null) {
      Class<?> ret = prepare.getReturnType();
      boolean stage = CompletionStage.class.isAssignableFrom(ret);
      if (ret != void.class && !stage) {
        throw new IllegalArgumentException(
            type.getName() + ".prepare must return void or a CompletionStage");
      }
      this.prepare = target(type, prepare, stage, classBlocking, false);
    } else {
      this.prepare = null;
    }
    if (allowed.isEmpty() && this.prepare == null && !Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException(
          type.getName()
              + " has no verb method: override get(), post(), put(), patch(), delete(), head() or"
              + " options(), or declare one taking a String per route group");
    }
  }

  /** Whether every parameter is a {@code String}, or the only one is {@code String...}. */
  private static boolean takesPathArgs(Method m) {
    if (m.isVarArgs()) {
      return m.getParameterCount() == 1 && m.getParameterTypes()[0] == String[].class;
    }
    return Arrays.stream(m.getParameterTypes()).allMatch(p -> p == String.class);
  }

  /** A verb method the dispatch can never call because it is not public. */
  private static void checkHidden(Class<?> type) {
    for (Class<?> c = type;
        c != null && c != RequestHandler.class && RequestHandler.class.isAssignableFrom(c);
        c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        int mod = m.getModifiers();
        if (Modifier.isPublic(mod) || Modifier.isStatic(mod) || m.isSynthetic()) {
          continue;
        }
        if (VERBS.contains(m.getName().toUpperCase(Locale.ROOT))
            && m.getName().equals(m.getName().toLowerCase(Locale.ROOT))
            && takesPathArgs(m)) {
          String access =
              Modifier.isPrivate(mod)
                  ? "private"
                  : Modifier.isProtected(mod) ? "protected" : "package-private";
          throw new IllegalArgumentException(
              describe(c, m) + " is " + access + ": verb methods must be public to be called");
        }
      }
    }
  }

  /**
   * A public method that looks like a verb method but is not one (a different case, or one letter
   * off: {@code Post}, {@code gett}) and overrides nothing, so it would never be called.
   */
  private static void checkMisspelt(Class<?> type, Method m) {
    String lower = m.getName().toLowerCase(Locale.ROOT);
    String verb = null;
    for (String v : VERBS) {
      String lv = v.toLowerCase(Locale.ROOT);
      if (lower.equals(lv) || editDistanceIsOne(lower, lv)) {
        verb = lv;
        break;
      }
    }
    if (verb == null || !takesPathArgs(m) || overridesSomething(m)) {
      return;
    }
    Class<?> ret = m.getReturnType();
    if (ret != void.class && !CompletionStage.class.isAssignableFrom(ret)) {
      return;
    }
    throw new IllegalArgumentException(
        describe(type, m)
            + " looks like the verb method "
            + verb
            + " but is never called: verb methods are named get, head, post, put, patch, delete"
            + " and options, in lower case");
  }

  /** Whether {@code a} and {@code b} differ by one inserted, deleted or replaced character. */
  static boolean editDistanceIsOne(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
      return false;
    }
    int i = 0;
    int j = 0;
    boolean edited = false;
    while (i < a.length() && j < b.length()) {
      if (a.charAt(i) == b.charAt(j)) {
        i++;
        j++;
        continue;
      }
      if (edited) {
        return false;
      }
      edited = true;
      if (a.length() > b.length()) {
        i++;
      } else if (a.length() < b.length()) {
        j++;
      } else {
        i++;
        j++;
      }
    }
    return true;
  }

  private static boolean overridesSomething(Method m) {
    Class<?> owner = m.getDeclaringClass();
    List<Class<?>> supers = new ArrayList<>();
    for (Class<?> c = owner.getSuperclass(); c != null; c = c.getSuperclass()) {
      supers.add(c);
    }
    for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
      supers.addAll(Arrays.asList(c.getInterfaces()));
    }
    for (Class<?> c : supers) {
      try {
        c.getDeclaredMethod(m.getName(), m.getParameterTypes());
        return true;
      } catch (NoSuchMethodException e) {
        // not declared there
      }
    }
    return false;
  }

  /** {@code com.example.Handler.get(String, String)}. */
  static String describe(Class<?> type, Method m) {
    StringBuilder sb = new StringBuilder(type.getName()).append('.').append(m.getName());
    sb.append('(');
    Class<?>[] params = m.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(
          m.isVarArgs() && i == params.length - 1
              ? params[i].getComponentType().getSimpleName() + "..."
              : params[i].getSimpleName());
    }
    return sb.append(')').toString();
  }

  /**
   * Checks the class against a route with {@code groups} groups: every verb it implements needs a
   * method taking that many path arguments (or {@code String...}).
   *
   * @throws IllegalArgumentException naming the class, the methods and the route
   */
  public void checkRoute(String pattern, int groups) {
    for (Map.Entry<String, List<String>> e : byVerbMethods.entrySet()) {
      if (target(e.getKey(), groups) == null) {
        throw new IllegalArgumentException(
            String.join(" and ", e.getValue())
                + (e.getValue().size() == 1 ? " does" : " do")
                + " not take "
                + groups
                + " path argument"
                + (groups == 1 ? "" : "s")
                + ", but route "
                + pattern
                + " has "
                + groups
                + " group"
                + (groups == 1 ? "" : "s")
                + ": declare "
                + e.getKey().toLowerCase(Locale.ROOT)
                + " with one String parameter per group, or String...");
      }
    }
  }

  private static Target target(
      Class<?> type, Method m, boolean stage, boolean classBlocking, boolean classAuth) {
    if (!m.trySetAccessible()) {
      throw new IllegalArgumentException(
          "cannot call "
              + type.getName()
              + "."
              + m.getName()
              + ": make the handler class public, or open its package to io.squall.core");
    }
    MethodHandle mh;
    try {
      mh = MethodHandles.lookup().unreflect(m);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot call " + type.getName() + "." + m.getName(), e);
    }
    int arity = m.getParameterCount();
    boolean varargs = m.isVarArgs();
    mh =
        mh.asType(
            mh.type()
                .changeReturnType(stage ? Object.class : void.class)
                .changeParameterType(0, Object.class));
    mh = mh.asSpreader(Object[].class, arity);
    String[] names =
        Arrays.stream(m.getParameters())
            .map(p -> p.isNamePresent() ? p.getName() : null)
            .toArray(String[]::new);
    boolean blocking = classBlocking || m.isAnnotationPresent(Blocking.class);
    boolean auth = classAuth || m.isAnnotationPresent(Authenticated.class);
    return new Target(mh, arity, varargs, stage, blocking, auth, names, describe(type, m));
  }

  private static Method findPrepare(Class<?> type) {
    try {
      Method m = type.getMethod("prepare");
      return m.getDeclaringClass() == RequestHandler.class || Modifier.isStatic(m.getModifiers())
          ? null
          : m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * The method for {@code verb} taking {@code arity} path arguments, or null when the handler has
   * none. HEAD falls back to GET.
   */
  public Target target(String verb, int arity) {
    String v = verb.equals("HEAD") && !byVerb.containsKey("HEAD") ? "GET" : verb;
    Target[] t = byVerb.get(v);
    if (t == null) {
      return null;
    }
    if (arity < t.length && t[arity] != null) {
      return t[arity];
    }
    return varargsByVerb.get(v); // a String... method takes any number of groups
  }

  /** Whether the handler implements {@code verb} with any number of arguments. */
  public boolean implementsVerb(String verb) {
    return allowed.contains(verb);
  }

  /** The verbs for the {@code Allow} header of a 405. */
  public Set<String> allowedVerbs() {
    return allowed;
  }

  /** -1 for {@code @RemoveSlash}, 1 for {@code @AddSlash}, 0 for neither. */
  public int slashRule() {
    return slashRule;
  }

  /** Whether the class is annotated {@link StreamRequestBody}. */
  public boolean streamRequestBody() {
    return streamRequestBody;
  }

  /** The handler's {@code prepare} method, or null when it has none. */
  public Target prepare() {
    return prepare;
  }
}
