package io.squall.testing;

import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link SquallTest}: serves the {@link TestApplication} on an unused
 * port before each test, resolves {@link SquallClient} parameters, and stops everything after.
 */
public final class SquallExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SquallExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Object instance = context.getRequiredTestInstance();
    HttpServerConnectionDelegate app =
        (HttpServerConnectionDelegate) call(instance, TestApplication.class, true);
    HttpServerOptions options = (HttpServerOptions) call(instance, TestServerOptions.class, false);
    SquallClient client =
        SquallClient.start(app, options == null ? HttpServerOptions.defaults() : options);
    context.getStore(NS).put(SquallClient.class, client);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SquallClient client = context.getStore(NS).remove(SquallClient.class, SquallClient.class);
    if (client != null) {
      client.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == SquallClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    SquallClient client = c.getStore(NS).get(SquallClient.class, SquallClient.class);
    if (client == null) {
      throw new ExtensionConfigurationException("no Squall test server is running for this test");
    }
    return client;
  }

  private static Object call(
      Object instance, Class<? extends java.lang.annotation.Annotation> marker, boolean required)
      throws Exception {
    for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(marker)) {
          if (m.getParameterCount() != 0) {
            throw new ExtensionConfigurationException(
                "@"
                    + marker.getSimpleName()
                    + " method "
                    + m.getName()
                    + " must take no arguments");
          }
          m.setAccessible(true);
          try {
            return m.invoke(
                java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null : instance);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
              throw ex;
            }
            throw e;
          }
        }
      }
    }
    if (required) {
      throw new ExtensionConfigurationException(
          instance.getClass().getName()
              + " needs a method annotated @"
              + marker.getSimpleName()
              + " that returns the Application under test");
    }
    return null;
  }
}
