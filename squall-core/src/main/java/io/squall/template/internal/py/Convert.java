package io.squall.template.internal.py;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Converts template values to the parameter types of Java methods. */
final class Convert {
  /** Returned when a value does not convert. */
  static final Object FAIL = new Object();

  private Convert() {}

  /** {@code value} as a {@code type} parameter, or {@link #FAIL}. */
  static Object to(Object value, Class<?> type) {
    if (type == Object.class) {
      return value;
    }
    if (value == null) {
      return type.isPrimitive() ? FAIL : null;
    }
    Class<?> t = type.isPrimitive() ? box(type) : type;
    if (t.isInstance(value)) {
      return value;
    }
    if (Py.isIntLike(value) && !(value instanceof Boolean)) {
      if (t == Integer.class || t == Long.class || t == Short.class || t == Byte.class) {
        if (value instanceof BigInteger b && b.bitLength() > 63) {
          return FAIL;
        }
        long v = Py.asLong(value);
        if (t == Long.class) {
          return v;
        }
        if (t == Integer.class) {
          return v == (int) v ? (Object) (int) v : FAIL;
        }
        if (t == Short.class) {
          return v == (short) v ? (Object) (short) v : FAIL;
        }
        return v == (byte) v ? (Object) (byte) v : FAIL;
      }
      if (t == Double.class) {
        return Py.asDouble(value);
      }
      if (t == Float.class) {
        return (float) Py.asDouble(value);
      }
      if (t == BigInteger.class) {
        return Py.asBig(value);
      }
      if (t == BigDecimal.class) {
        return new BigDecimal(Py.asBig(value));
      }
      if (t == Number.class) {
        return value;
      }
    }
    if (Py.isFloat(value)) {
      if (t == Double.class) {
        return Py.asDouble(value);
      }
      if (t == Float.class) {
        return (float) Py.asDouble(value);
      }
      if (t == BigDecimal.class) {
        return BigDecimal.valueOf(Py.asDouble(value));
      }
    }
    if (t == Character.class && value instanceof CharSequence s && s.length() == 1) {
      return s.charAt(0);
    }
    if (t == String.class && value instanceof CharSequence s) {
      return s.toString();
    }
    return FAIL;
  }

  /** How well {@code value} fits {@code type}: 2 exact, 1 by conversion, 0 not at all. */
  static int fit(Object value, Class<?> type) {
    if (value != null && (type.isInstance(value) || box(type) == value.getClass())) {
      return 2;
    }
    if (value == null && !type.isPrimitive()) {
      return 2;
    }
    return to(value, type) == FAIL ? 0 : 1;
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == char.class) {
      return Character.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return Void.class;
  }
}
