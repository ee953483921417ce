package io.squall.ioloop.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs OS signal handlers with {@code sun.misc.Signal} (module {@code jdk.unsupported}).
 *
 * <p>The class is reached reflectively, once per signal at install time: naming it in source makes
 * javac emit an "internal proprietary API" warning that no annotation can suppress, and core
 * compiles with warnings as errors.
 */
public final class Signals {
  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Calls {@code handler} with {@code "SIG" + name} each time the process receives signal {@code
   * name} (e.g. {@code "TERM"}), on a JVM signal-dispatch thread. Returns false (and logs why) if
   * the signal cannot be handled here.
   */
  public static boolean handle(String name, Consumer<String> handler) {
    String full = "SIG" + name;
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object proxy =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (self, method, args) -> invoke(self, method, args, full, handler));
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
      return true;
    } catch (InvocationTargetException e) {
      // IllegalArgumentException: the JVM uses the signal itself (e.g. with -Xrs) or the OS has
      // no such signal.
      log.warn("cannot handle {}: {}", full, e.getCause().toString());
      return false;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      log.warn("cannot handle {}: sun.misc.Signal is not available ({})", full, e.toString());
      return false;
    }
  }

  private static Object invoke(
      Object self, Method method, Object[] args, String signal, Consumer<String> handler) {
    switch (method.getName()) {
      case "handle" -> {
        handler.accept(signal);
        return null;
      }
      case "toString" -> {
        return "squall handler for " + signal;
      }
      case "hashCode" -> {
        return System.identityHashCode(self);
      }
      case "equals" -> {
        return self == args[0];
      }
      default -> throw new UnsupportedOperationException(method.toString());
    }
  }
}
