package io.squall.template.internal.py;

import io.squall.template.TemplateFacing;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * Which Java classes and members template expressions may touch: an allow-list.
 *
 * <ul>
 *   <li>from the JDK only value and collection types: strings, boxed primitives, {@code java.math},
 *       {@code java.util} collections, streams and functions, concurrent collections and atomics,
 *       {@code java.time}, {@code java.text};
 *   <li>of Squall's own classes (handlers, requests, locales the web layer passes in), only the
 *       members marked {@link TemplateFacing}: no settings, secrets, loops or response writes;
 *   <li>application classes: all of them, or only those in the configured packages.
 * </ul>
 *
 * <p>No constructor is ever allowed, and neither are {@code getClass}, {@code wait} and {@code
 * notify}. Since {@code java.lang.Class}, reflection, class loaders, threads, processes, files and
 * sockets are all outside the list, an expression cannot reach {@code Runtime.exec} and the like
 * from any object it is given.
 */
final class Sandbox {
  private static final Set<String> DENIED_METHODS =
      Set.of(
          "getClass",
          "wait",
          "notify",
          "notifyAll",
          "finalize",
          "clone",
          "getClassLoader",
          "getModule",
          "getDeclaringClass",
          "describeConstable");

  private static final Set<Class<?>> JAVA_LANG =
      Set.of(
          Object.class,
          String.class,
          CharSequence.class,
          Comparable.class,
          Iterable.class,
          Boolean.class,
          Character.class,
          Number.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          Enum.class,
          Record.class,
          StringBuilder.class);

  private final List<String> allowedPackages;

  Sandbox(List<String> allowedPackages) {
    this.allowedPackages = List.copyOf(allowedPackages);
  }

  boolean allow(Package pack) {
    return pack != null && allowPackage(pack.getName());
  }

  boolean allow(Class<?> clazz) {
    if (clazz == null) {
      return false;
    }
    if (clazz.isPrimitive()) {
      return true;
    }
    if (clazz.isArray()) {
      return allow(clazz.getComponentType());
    }
    String pkg = clazz.getPackageName();
    if (pkg.equals("java.lang")) {
      return JAVA_LANG.contains(clazz);
    }
    if (pkg.equals("java.util.concurrent")) {
      String simple = clazz.getSimpleName();
      return simple.startsWith("Concurrent") || simple.startsWith("CopyOnWrite");
    }
    return allowPackage(pkg);
  }

  private boolean allowPackage(String pkg) {
    if (isJdk(pkg)) {
      return pkg.equals("java.lang") // individual classes are checked in allow(Class)
          || pkg.equals("java.math")
          || pkg.equals("java.util")
          || pkg.equals("java.util.function")
          || pkg.equals("java.util.stream")
          || pkg.equals("java.util.concurrent")
          || pkg.equals("java.util.concurrent.atomic")
          || pkg.equals("java.text")
          || pkg.equals("java.time")
          || pkg.startsWith("java.time.");
    }
    if (pkg.startsWith("io.squall.template.internal")) {
      return false; // the evaluator's own objects (lambdas, frames, scopes) stay opaque
    }
    if (pkg.equals("io.squall") || pkg.startsWith("io.squall.")) {
      return true;
    }
    if (allowedPackages.isEmpty()) {
      return true;
    }
    for (String allowed : allowedPackages) {
      if (pkg.equals(allowed) || pkg.startsWith(allowed + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJdk(String pkg) {
    return pkg.startsWith("java.")
        || pkg.startsWith("javax.")
        || pkg.startsWith("jdk.")
        || pkg.startsWith("sun.")
        || pkg.startsWith("com.sun.")
        || pkg.startsWith("org.w3c.")
        || pkg.startsWith("org.xml.")
        || pkg.startsWith("org.ietf.");
  }

  boolean allow(Constructor<?> ctor) {
    return false;
  }

  boolean allow(Field field) {
    return field != null
        && allow(field.getDeclaringClass())
        && (!isFramework(field.getDeclaringClass())
            || field.isAnnotationPresent(TemplateFacing.class)
            || field.getDeclaringClass().isAnnotationPresent(TemplateFacing.class));
  }

  boolean allow(Method method) {
    return method != null
        && !DENIED_METHODS.contains(method.getName())
        && allow(method.getDeclaringClass())
        && (!isFramework(method.getDeclaringClass())
            || method.isAnnotationPresent(TemplateFacing.class)
            || method.getDeclaringClass().isAnnotationPresent(TemplateFacing.class)
            || LOWER_LAYER_VALUES.contains(method.getDeclaringClass().getName()));
  }

  /**
   * Template-facing value classes of layers below the template's, which cannot import {@link
   * TemplateFacing}: the request a handler passes in, its headers and uploaded files. Objects they
   * lead to (the connection) are not template-facing.
   */
  private static final Set<String> LOWER_LAYER_VALUES =
      Set.of(
          "io.squall.http.HttpServerRequest",
          "io.squall.http.HttpHeaders",
          "io.squall.http.HttpFile");

  /**
   * Whether {@code clazz} is one of the framework's own classes, whose members a template may use
   * only where they are marked {@link TemplateFacing}. Other {@code io.squall} packages (the demos)
   * are application code.
   */
  static boolean isFramework(Class<?> clazz) {
    String pkg = clazz.getPackageName();
    for (String framework : FRAMEWORK_PACKAGES) {
      if (pkg.equals(framework) || pkg.startsWith(framework + ".")) {
        return true;
      }
    }
    return false;
  }

  private static final List<String> FRAMEWORK_PACKAGES =
      List.of(
          "io.squall.escape",
          "io.squall.ioloop",
          "io.squall.iostream",
          "io.squall.tcp",
          "io.squall.http",
          "io.squall.httpclient",
          "io.squall.web",
          "io.squall.websocket",
          "io.squall.template",
          "io.squall.locale",
          "io.squall.auth",
          "io.squall.db",
          "io.squall.redis",
          "io.squall.testing");
}
