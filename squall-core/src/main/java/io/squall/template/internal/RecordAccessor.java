package io.squall.template.internal;

import java.lang.reflect.Method;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;

/**
 * Reads a record component as a property: {@code fortune.message} calls {@code message()}. Works
 * for records that are not public too, as long as their package is open to Squall (always so on the
 * class path): a record's components are its public data.
 */
final class RecordAccessor implements JexlPropertyGet {
  private final Class<?> type;
  private final String name;
  private final Method accessor;

  RecordAccessor(Class<?> type, String name, Method accessor) {
    this.type = type;
    this.name = name;
    this.accessor = accessor;
  }

  @Override
  public Object invoke(Object obj) throws Exception {
    return accessor.invoke(obj);
  }

  @Override
  public Object tryInvoke(Object obj, Object key) {
    if (obj == null || obj.getClass() != type || !name.equals(key)) {
      return JexlEngine.TRY_FAILED;
    }
    try {
      return accessor.invoke(obj);
    } catch (ReflectiveOperationException e) {
      return JexlEngine.TRY_FAILED;
    }
  }

  @Override
  public boolean tryFailed(Object rval) {
    return rval == JexlEngine.TRY_FAILED;
  }

  @Override
  public boolean isCacheable() {
    return true;
  }
}
