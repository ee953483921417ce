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
      String[] parameterNames) {}

  private final Map<String, Target[]> byVerb = new HashMap<>();
  private final Map<String, Target> varargsByVerb = new HashMap<>();
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
    Map<String, List<Target>> found = new HashMap<>();
    for (Method m : type.getMethods()) {
      String verb = m.getName().toUpperCase(Locale.ROOT);
      if (!VERBS.contains(verb)
          || !m.getName().equals(m.getName().toLowerCase(Locale.ROOT))
          || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == RequestHandler.class
          || m.getDeclaringClass() == Object.class
          || m.isBridge()) {
        continue;
      }
      boolean allStrings = Arrays.stream(m.getParameterTypes()).allMatch(p -> p == String.class);
      boolean varargs =
          m.isVarArgs() && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String[].class;
      if (!allStrings && !varargs) {
        continue;
      }
      Class<?> ret = m.getReturnType();
      boolean stage = CompletionStage.class.isAssignableFrom(ret);
      if (ret != void.class && !stage) {
        throw new IllegalArgumentException(
            type.getName() + "." + m.getName() + " must return void or a CompletionStage");
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
    return new Target(mh, arity, varargs, stage, blocking, auth, names);
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
