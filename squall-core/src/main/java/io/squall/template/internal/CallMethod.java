package io.squall.template.internal;

import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.introspection.JexlMethod;

/** How JEXL calls a namespace value used as a function: {@code f(x)} runs {@link Callables}. */
final class CallMethod implements JexlMethod {
  static final CallMethod INSTANCE = new CallMethod();

  private CallMethod() {}

  @Override
  public Object invoke(Object obj, Object... params) {
    return Callables.call(obj, params);
  }

  @Override
  public Object tryInvoke(String name, Object obj, Object... params) {
    if ("call".equals(name) && Callables.isCallable(obj)) {
      return Callables.call(obj, params);
    }
    return JexlEngine.TRY_FAILED;
  }

  @Override
  public boolean tryFailed(Object rval) {
    return rval == JexlEngine.TRY_FAILED;
  }

  @Override
  public boolean isCacheable() {
    return true;
  }

  @Override
  public Class<?> getReturnType() {
    return Object.class;
  }
}
