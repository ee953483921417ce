package io.squall.template.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlOperator;
import org.apache.commons.jexl3.introspection.JexlMethod;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;
import org.apache.commons.jexl3.introspection.JexlPropertySet;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * JEXL's introspection (already limited by {@link SandboxPermissions}) with what templates add:
 *
 * <ul>
 *   <li>namespace functions ({@code escape(x)}, a handler's {@code _("Hi")}) are called through
 *       {@link Callables};
 *   <li>record components read as properties ({@code fortune.message});
 *   <li>a few Python spellings map to their Java methods when the object has no method of that
 *       name: {@code d.items()}, {@code d.keys()}, {@code d.get(k, default)}, {@code s.upper()},
 *       {@code s.lower()}, {@code s.startswith(p)}, {@code s.endswith(p)};
 *   <li>no constructors, no property writes and no class lookup by name.
 * </ul>
 */
final class TemplateUberspect implements JexlUberspect {
  private final JexlUberspect base;
  private final JexlPermissions permissions;

  /**
   * Resolved property getters by class and name. JEXL 3.5 does not keep them in the expression (its
   * operator cache overwrites the slot), so without this every evaluation would introspect.
   */
  private final ClassValue<ConcurrentMap<String, JexlPropertyGet>> pojoGetters = getterCache();

  private final ClassValue<ConcurrentMap<String, JexlPropertyGet>> mapGetters = getterCache();

  /** The operator helper for the last arithmetic seen; JEXL asks for one per evaluation. */
  private volatile OperatorCache operators;

  private record OperatorCache(JexlArithmetic arithmetic, JexlOperator.Uberspect operator) {}

  TemplateUberspect(JexlUberspect base, JexlPermissions permissions) {
    this.base = base;
    this.permissions = permissions;
  }

  private static ClassValue<ConcurrentMap<String, JexlPropertyGet>> getterCache() {
    return new ClassValue<>() {
      @Override
      protected ConcurrentMap<String, JexlPropertyGet> computeValue(Class<?> type) {
        return new ConcurrentHashMap<>();
      }
    };
  }

  @Override
  public JexlMethod getMethod(Object obj, String method, Object... args) {
    if ("call".equals(method) && Callables.isCallable(obj)) {
      return CallMethod.INSTANCE;
    }
    JexlMethod found = base.getMethod(obj, method, args);
    if (found != null) {
      return found;
    }
    String alias = pythonAlias(obj, method, args.length);
    return alias == null ? null : base.getMethod(obj, alias, args);
  }

  private static String pythonAlias(Object obj, String method, int arity) {
    if (obj instanceof Map<?, ?>) {
      return switch (method) {
        case "items" -> arity == 0 ? "entrySet" : null;
        case "keys" -> arity == 0 ? "keySet" : null;
        case "get" -> arity == 2 ? "getOrDefault" : null;
        default -> null;
      };
    }
    if (obj instanceof String) {
      return switch (method) {
        case "upper" -> "toUpperCase";
        case "lower" -> "toLowerCase";
        case "startswith" -> "startsWith";
        case "endswith" -> "endsWith";
        default -> null;
      };
    }
    return null;
  }

  @Override
  public JexlPropertyGet getPropertyGet(
      List<PropertyResolver> resolvers, Object obj, Object identifier) {
    boolean cacheable =
        obj != null
            && identifier instanceof String
            && (resolvers == JexlUberspect.POJO || resolvers == JexlUberspect.MAP);
    if (!cacheable) {
      JexlPropertyGet found = base.getPropertyGet(resolvers, obj, identifier);
      return found != null ? found : recordComponent(obj, identifier);
    }
    String key = (String) identifier;
    ConcurrentMap<String, JexlPropertyGet> byName =
        (resolvers == JexlUberspect.MAP ? mapGetters : pojoGetters).get(obj.getClass());
    JexlPropertyGet found = byName.get(key);
    if (found == null) {
      found = base.getPropertyGet(resolvers, obj, identifier);
      if (found == null) {
        found = recordComponent(obj, identifier);
      }
      if (found != null && found.isCacheable() && byName.size() < 256) {
        byName.putIfAbsent(key, found);
      }
    }
    return found;
  }

  @Override
  public JexlPropertyGet getPropertyGet(Object obj, Object identifier) {
    JexlPropertyGet found = base.getPropertyGet(obj, identifier);
    return found != null ? found : recordComponent(obj, identifier);
  }

  private JexlPropertyGet recordComponent(Object obj, Object identifier) {
    if (!(obj instanceof Record) || !(identifier instanceof String name)) {
      return null;
    }
    for (RecordComponent c : obj.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        Method accessor = c.getAccessor();
        if (!permissions.allow(accessor)
            || !(accessor.canAccess(obj) || accessor.trySetAccessible())) {
          return null;
        }
        return new RecordAccessor(obj.getClass(), name, accessor);
      }
    }
    return null;
  }

  @Override
  public JexlPropertySet getPropertySet(
      List<PropertyResolver> resolvers, Object obj, Object identifier, Object arg) {
    return null;
  }

  @Override
  public JexlPropertySet getPropertySet(Object obj, Object identifier, Object arg) {
    return null;
  }

  @Override
  public JexlMethod getConstructor(Object ctorHandle, Object... args) {
    return null;
  }

  @Override
  public Class<?> getClassByName(String className) {
    return null;
  }

  @Override
  public List<PropertyResolver> getResolvers(JexlOperator op, Object obj) {
    return base.getResolvers(op, obj);
  }

  @Override
  public Iterator<?> getIterator(Object obj) {
    return base.getIterator(obj);
  }

  @Override
  public JexlArithmetic.Uberspect getArithmetic(JexlArithmetic arithmetic) {
    return base.getArithmetic(arithmetic);
  }

  @Override
  public JexlOperator.Uberspect getOperator(JexlArithmetic arithmetic) {
    OperatorCache cached = operators;
    if (cached != null && cached.arithmetic == arithmetic) {
      return cached.operator;
    }
    JexlOperator.Uberspect operator = base.getOperator(arithmetic);
    operators = new OperatorCache(arithmetic, operator);
    return operator;
  }

  @Override
  public ClassLoader getClassLoader() {
    return base.getClassLoader();
  }

  @Override
  public void setClassLoader(ClassLoader loader) {
    // The sandbox never loads classes by name; ignore attempts to change where from.
  }

  @Override
  public int getVersion() {
    return base.getVersion();
  }
}
