package io.squall.template.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * What template expressions may touch. An allow-list, tighter than JEXL's {@code RESTRICTED}:
 *
 * <ul>
 *   <li>from the JDK only value and collection types: strings, boxed primitives, {@code java.math},
 *       {@code java.util} collections, streams and functions, concurrent collections and atomics,
 *       {@code java.time}, {@code java.text};
 *   <li>nothing of JEXL itself;
 *   <li>Squall's own classes (handlers, requests, locales the web layer passes in);
 *   <li>application classes: all of them, or only those in the configured packages.
 * </ul>
 *
 * <p>No constructor is ever allowed, and neither are {@code getClass}, {@code wait} and {@code
 * notify}. Since {@code java.lang.Class}, reflection, class loaders, threads, processes, files and
 * sockets are all outside the list, an expression cannot reach {@code Runtime.exec} and the like
 * from any object it is given.
 */
final class SandboxPermissions implements JexlPermissions {
  private static final Set<String> DENIED_METHODS =
      Set.of("getClass", "wait", "notify", "notifyAll", "finalize", "clone");

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

  SandboxPermissions(List<String> allowedPackages) {
    this.allowedPackages = List.copyOf(allowedPackages);
  }

  @Override
  public boolean allow(Package pack) {
    return pack != null && allowPackage(pack.getName());
  }

  @Override
  public boolean allow(Class<?> clazz) {
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
    if (pkg.startsWith("org.apache.commons.jexl3")) {
      return false;
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

  @Override
  public boolean allow(Constructor<?> ctor) {
    return false;
  }

  @Override
  public boolean allow(Field field) {
    return field != null && allow(field.getDeclaringClass());
  }

  @Override
  public boolean allow(Method method) {
    return method != null
        && !DENIED_METHODS.contains(method.getName())
        && allow(method.getDeclaringClass());
  }

  @Override
  public JexlPermissions compose(String... src) {
    throw new UnsupportedOperationException("template sandbox permissions are fixed");
  }
}
