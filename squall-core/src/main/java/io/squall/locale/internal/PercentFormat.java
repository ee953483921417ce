package io.squall.locale.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Python's {@code "..." % {"name": value}} for the named placeholders that Tornado's translation
 * strings use: {@code %(name)s}, {@code %(name)d} (also {@code i}), {@code %(name)f} and the
 * literal {@code %%}, with Python's optional flags ({@code -}, {@code 0}, {@code +}, space), width
 * and precision, e.g. {@code %(minutes)02d}.
 *
 * <p>Thread-safe; keeps no state.
 */
public final class PercentFormat {
  private PercentFormat() {}

  /**
   * Replaces the placeholders of {@code pattern} with {@code values}.
   *
   * @throws IllegalArgumentException naming the placeholder when a name has no value, a {@code %d}
   *     value is not a number, or the pattern is malformed (a lone {@code %}, an unclosed {@code
   *     %(}, an unknown conversion)
   */
  public static String format(String pattern, Map<String, ?> values) {
    int pct = pattern.indexOf('%');
    if (pct < 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    int i = 0;
    while (pct >= 0) {
      out.append(pattern, i, pct);
      i = placeholder(pattern, pct, values, out);
      pct = pattern.indexOf('%', i);
    }
    return out.append(pattern, i, pattern.length()).toString();
  }

  /** Formats the placeholder starting at {@code start} (a '%') and returns the index after it. */
  private static int placeholder(String p, int start, Map<String, ?> values, StringBuilder out) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '%') {
      out.append('%');
      return i + 1;
    }
    if (i >= p.length() || p.charAt(i) != '(') {
      throw malformed(p, start, "only named placeholders such as %(name)s are supported");
    }
    int close = p.indexOf(')', i);
    if (close < 0) {
      throw malformed(p, start, "unclosed %(");
    }
    String name = p.substring(i + 1, close);
    i = close + 1;
    boolean left = false;
    boolean zero = false;
    String sign = "";
    while (i < p.length() && "-0+ #".indexOf(p.charAt(i)) >= 0) {
      switch (p.charAt(i)) {
        case '-' -> left = true;
        case '0' -> zero = true;
        case '+' -> sign = "+";
        case ' ' -> sign = sign.isEmpty() ? " " : sign;
        default -> {} // '#' changes nothing for s, d and f
      }
      i++;
    }
    int width = 0;
    while (i < p.length() && isDigit(p.charAt(i))) {
      width = Math.min(width * 10 + (p.charAt(i) - '0'), 1000);
      i++;
    }
    int precision = -1;
    if (i < p.length() && p.charAt(i) == '.') {
      i++;
      precision = 0;
      while (i < p.length() && isDigit(p.charAt(i))) {
        precision = Math.min(precision * 10 + (p.charAt(i) - '0'), 100);
        i++;
      }
    }
    if (i >= p.length()) {
      throw malformed(p, start, "a conversion letter is missing");
    }
    char conversion = p.charAt(i);
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(
          "no value for %(" + name + ") in \"" + p + "\"; given: " + values.keySet());
    }
    Object value = values.get(name);
    String text;
    boolean numeric;
    switch (conversion) {
      case 's' -> {
        text = String.valueOf(value);
        if (precision >= 0 && text.length() > precision) {
          text = text.substring(0, precision);
        }
        numeric = false;
      }
      case 'd', 'i' -> {
        text = integer(value, name, p).toString();
        numeric = true;
      }
      case 'f', 'F' -> {
        text = decimal(value, name, p, precision < 0 ? 6 : precision);
        numeric = true;
      }
      default -> throw malformed(p, start, "unknown conversion '" + conversion + "'");
    }
    if (numeric && !text.startsWith("-")) {
      text = sign + text;
    }
    pad(out, text, width, left, zero && numeric && !left);
    return i + 1;
  }

  private static void pad(StringBuilder out, String text, int width, boolean left, boolean zero) {
    int fill = width - text.length();
    if (fill <= 0) {
      out.append(text);
    } else if (left) {
      out.append(text).repeat(' ', fill);
    } else if (zero) {
      int signLength = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ") ? 1 : 0;
      out.append(text, 0, signLength).repeat('0', fill).append(text, signLength, text.length());
    } else {
      out.repeat(' ', fill).append(text);
    }
  }

  private static BigInteger integer(Object value, String name, String p) {
    return switch (value) {
      case BigInteger b -> b;
      case BigDecimal b -> b.toBigInteger();
      case Double d when d.isNaN() || d.isInfinite() -> throw notNumber(name, value, p);
      case Float f when f.isNaN() || f.isInfinite() -> throw notNumber(name, value, p);
      case Double d -> new BigDecimal(d).toBigInteger();
      case Float f -> new BigDecimal(f).toBigInteger();
      case Number n -> BigInteger.valueOf(n.longValue());
      case Boolean b -> b ? BigInteger.ONE : BigInteger.ZERO;
      case null, default -> throw notNumber(name, value, p);
    };
  }

  private static String decimal(Object value, String name, String p, int precision) {
    BigDecimal d =
        switch (value) {
          case BigDecimal b -> b;
          case BigInteger b -> new BigDecimal(b);
          case Double x when x.isNaN() || x.isInfinite() -> null;
          case Float x when x.isNaN() || x.isInfinite() -> null;
          case Double x -> new BigDecimal(x);
          case Float x -> new BigDecimal(x);
          case Number n -> BigDecimal.valueOf(n.longValue());
          case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
          case null, default -> throw notNumber(name, value, p);
        };
    if (d == null) {
      double x = ((Number) value).doubleValue();
      return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    }
    return d.setScale(precision, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException notNumber(String name, Object value, String p) {
    return new IllegalArgumentException(
        "%(" + name + ") in \"" + p + "\" needs a number, got " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "None" : value.getClass().getSimpleName() + " \"" + value + "\"";
  }

  private static IllegalArgumentException malformed(String p, int at, String why) {
    return new IllegalArgumentException(
        "bad placeholder at index " + at + " of \"" + p + "\": " + why);
  }
}
