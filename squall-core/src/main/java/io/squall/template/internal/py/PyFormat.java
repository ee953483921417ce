package io.squall.template.internal.py;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Python's {@code format(value, spec)} mini-language and {@code str % args} formatting. */
final class PyFormat {
  private PyFormat() {}

  // ---------------------------------------------------------------------------------------------
  // format(value, spec)

  /** A parsed format spec. */
  private static final class Spec {
    char fill = ' ';
    char align; // 0, '<', '>', '=', '^'
    char sign = '-';
    boolean alt;
    int width = -1;
    char grouping; // 0, ',', '_'
    int precision = -1;
    char type;
  }

  /** A width or precision: ASCII digits, refused as Python does when too large to be one. */
  private static int count(String digits) {
    if (digits.length() > 9) {
      throw PyError.value("Too many decimal digits in format string");
    }
    return Integer.parseInt(digits);
  }

  private static Spec parse(String spec) {
    Spec s = new Spec();
    int i = 0;
    int n = spec.length();
    if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
      s.fill = spec.charAt(0);
      s.align = spec.charAt(1);
      i = 2;
    } else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
      s.align = spec.charAt(0);
      i = 1;
    }
    if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
      s.sign = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == '#') {
      s.alt = true;
      i++;
    }
    if (i < n && spec.charAt(i) == '0') {
      if (s.align == 0) {
        s.fill = '0';
        s.align = '=';
      }
      i++;
    }
    int start = i;
    while (i < n && Lexer.isAsciiDigit(spec.charAt(i))) {
      i++;
    }
    if (i > start) {
      s.width = count(spec.substring(start, i));
    }
    if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
      s.grouping = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == '.') {
      i++;
      start = i;
      while (i < n && Lexer.isAsciiDigit(spec.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw PyError.value("Format specifier missing precision");
      }
      s.precision = count(spec.substring(start, i));
    }
    if (i < n) {
      s.type = spec.charAt(i++);
    }
    if (i < n) {
      throw PyError.value("Invalid format specifier '" + spec + "'");
    }
    return s;
  }

  /** Python's {@code format(value, spec)}. */
  static String format(Object value, String spec) {
    if (spec.isEmpty()) {
      return Py.str(value);
    }
    Spec s = parse(spec);
    if (value instanceof CharSequence || value instanceof Character) {
      if (s.type != 0 && s.type != 's') {
        throw PyError.value("Unknown format code '" + s.type + "' for object of type 'str'");
      }
      if (s.sign != '-' || s.alt || s.grouping != 0 || s.align == '=') {
        throw PyError.value("Invalid format specifier '" + spec + "' for object of type 'str'");
      }
      String str = value.toString();
      if (s.precision >= 0 && s.precision < str.length()) {
        str = str.substring(0, s.precision);
      }
      return pad(str, "", s, '<');
    }
    if (Py.isIntLike(value) && "eEfFgG%".indexOf(s.type == 0 ? 'd' : s.type) < 0) {
      return formatInt(Py.toInt(value), s);
    }
    if (Py.isNumber(value)) {
      return formatFloat(Py.asDouble(value), s);
    }
    throw PyError.type("unsupported format string passed to " + Py.typeName(value) + ".__format__");
  }

  private static String formatInt(Object v, Spec s) {
    BigInteger b = Py.asBig(v);
    boolean neg = b.signum() < 0;
    BigInteger a = b.abs();
    String digits;
    String prefix = "";
    int group = 3;
    switch (s.type) {
      case 0, 'd', 'n' -> digits = a.toString();
      case 'b' -> {
        digits = a.toString(2);
        prefix = s.alt ? "0b" : "";
        group = 4;
      }
      case 'o' -> {
        digits = a.toString(8);
        prefix = s.alt ? "0o" : "";
        group = 4;
      }
      case 'x' -> {
        digits = a.toString(16);
        prefix = s.alt ? "0x" : "";
        group = 4;
      }
      case 'X' -> {
        digits = a.toString(16).toUpperCase(java.util.Locale.ROOT);
        prefix = s.alt ? "0X" : "";
        group = 4;
      }
      case 'c' -> {
        return pad(Character.toString(b.intValueExact()), "", s, '>');
      }
      default ->
          throw PyError.value("Unknown format code '" + s.type + "' for object of type 'int'");
    }
    if (s.precision >= 0) {
      throw PyError.value("Precision not allowed in integer format specifier");
    }
    if (s.grouping != 0) {
      digits = group(digits, s.grouping, group, s);
    }
    return pad(digits, sign(neg, s.sign) + prefix, s, '>');
  }

  private static String formatFloat(double d, Spec s) {
    boolean neg = PyFloat.negative(d);
    int p = s.precision < 0 ? 6 : s.precision;
    String body;
    char t = s.type;
    String suffix = "";
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      body = Double.isNaN(d) ? "nan" : "inf";
      if (t == 'E' || t == 'F' || t == 'G') {
        body = body.toUpperCase(java.util.Locale.ROOT);
      }
      if (t == '%') {
        suffix = "%";
      }
      return pad(body + suffix, sign(neg && !Double.isNaN(d), s.sign), s, '>');
    }
    switch (t) {
      case 'f', 'F' -> body = PyFloat.fixed(d, p, s.alt);
      case 'e', 'E' -> body = PyFloat.exponent(d, p, s.alt, t);
      case 'g', 'G', 'n' -> body = PyFloat.general(d, p, s.alt, t == 'G' ? 'E' : 'e', false);
      case '%' -> {
        body = PyFloat.fixed(d * 100, p, s.alt);
        suffix = "%";
      }
      case 0 -> {
        if (s.precision < 0) {
          String r = PyFloat.repr(Math.abs(d));
          body = r;
        } else {
          body = PyFloat.general(d, p, s.alt, 'e', true);
        }
      }
      default -> throw PyError.value("Unknown format code '" + t + "' for object of type 'float'");
    }
    if (s.grouping != 0) {
      int end = body.indexOf('.');
      if (end < 0) {
        end = body.indexOf('e');
      }
      if (end < 0) {
        end = body.length();
      }
      body = group(body.substring(0, end), s.grouping, 3, s) + body.substring(end);
    }
    return pad(body + suffix, sign(neg, s.sign), s, '>');
  }

  private static String sign(boolean negative, char sign) {
    if (negative) {
      return "-";
    }
    return sign == '+' ? "+" : sign == ' ' ? " " : "";
  }

  private static String group(String digits, char sep, int size, Spec s) {
    StringBuilder out = new StringBuilder();
    int n = digits.length();
    for (int i = 0; i < n; i++) {
      if (i > 0 && (n - i) % size == 0) {
        out.append(sep);
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  private static String pad(String body, String sign, Spec s, char defaultAlign) {
    int len = body.codePointCount(0, body.length()) + sign.length();
    if (s.width <= len) {
      return sign + body;
    }
    int padding = s.width - len;
    char align = s.align == 0 ? defaultAlign : s.align;
    String fill = String.valueOf(s.fill).repeat(padding);
    return switch (align) {
      case '<' -> sign + body + fill;
      case '^' -> {
        int left = padding / 2;
        String f = String.valueOf(s.fill);
        yield f.repeat(left) + sign + body + f.repeat(padding - left);
      }
      case '=' -> sign + fill + body;
      default -> fill + sign + body;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // str % args

  /** Python's {@code format % args}. */
  static String percent(String format, Object args) {
    List<?> items;
    Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
    if (args instanceof Tuple t) {
      items = t;
    } else {
      items = java.util.Collections.singletonList(args);
    }
    boolean mappingLike =
        mapping != null
            || (args instanceof List<?> && !(args instanceof Tuple))
            || (args != null
                && !(args instanceof CharSequence)
                && !(args instanceof Tuple)
                && args.getClass().isArray());
    StringBuilder out = new StringBuilder(format.length() + 16);
    int next = 0;
    int n = format.length();
    boolean usedMapping = false;
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      i++;
      if (i >= n) {
        throw PyError.value("incomplete format");
      }
      Object value = NONE;
      if (format.charAt(i) == '(') {
        if (mapping == null) {
          throw PyError.type("format requires a mapping");
        }
        int depth = 1;
        int start = ++i;
        while (i < n && depth > 0) {
          char k = format.charAt(i);
          if (k == '(') {
            depth++;
          } else if (k == ')') {
            depth--;
          }
          i++;
        }
        if (depth > 0) {
          throw PyError.value("incomplete format key");
        }
        String key = format.substring(start, i - 1);
        if (!Py.containsKey(mapping, key)) {
          throw PyError.key(key);
        }
        value = Py.getKey(mapping, key);
        usedMapping = true;
      }
      boolean left = false;
      boolean zero = false;
      boolean alt = false;
      char sign = '-';
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          left = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == '#') {
          alt = true;
        } else if (f == '+') {
          sign = '+';
        } else if (f == ' ') {
          if (sign != '+') {
            sign = ' ';
          }
        } else {
          break;
        }
      }
      int width = -1;
      if (i < n && format.charAt(i) == '*') {
        width = (int) Py.asLong(argument(items, next++, mapping != null && usedMapping));
        if (width < 0) {
          left = true;
          width = -width;
        }
        i++;
      } else {
        int start = i;
        while (i < n && Lexer.isAsciiDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          width = count(format.substring(start, i));
        }
      }
      int precision = -1;
      if (i < n && format.charAt(i) == '.') {
        i++;
        if (i < n && format.charAt(i) == '*') {
          precision = (int) Py.asLong(argument(items, next++, false));
          i++;
        } else {
          int start = i;
          while (i < n && Lexer.isAsciiDigit(format.charAt(i))) {
            i++;
          }
          precision = i > start ? count(format.substring(start, i)) : 0;
        }
      }
      while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        throw PyError.value("incomplete format");
      }
      char conv = format.charAt(i);
      if (conv == '%') {
        out.append('%');
        continue;
      }
      if (value == NONE) {
        if (mapping != null && items.size() == 1 && items.get(0) == mapping && usedMapping) {
          throw PyError.type("not enough arguments for format string");
        }
        value = argument(items, next++, false);
      }
      String body;
      String prefix;
      boolean numeric = true;
      switch (conv) {
        case 's' -> {
          body = Py.str(value);
          numeric = false;
          prefix = "";
        }
        case 'r', 'a' -> {
          body = Py.repr(value);
          if (conv == 'a') {
            body = ascii(body);
          }
          numeric = false;
          prefix = "";
        }
        case 'c' -> {
          if (value instanceof CharSequence cs
              && cs.length() > 0
              && cs.toString().codePointCount(0, cs.length()) == 1) {
            body = cs.toString();
          } else if (Py.isIntLike(value)) {
            body = Character.toString((int) Py.asLong(value));
          } else {
            throw PyError.type("%c requires int or char");
          }
          numeric = false;
          prefix = "";
        }
        case 'd', 'i', 'u', 'o', 'x', 'X' -> {
          Object iv;
          if (Py.isIntLike(value)) {
            iv = Py.toInt(value);
          } else if (Py.isFloat(value) && "diu".indexOf(conv) >= 0) {
            iv = PyBuiltins.toIntFromFloat(Py.asDouble(value));
          } else {
            throw PyError.type(
                "%"
                    + conv
                    + " format: a "
                    + ("diu".indexOf(conv) >= 0 ? "real number" : "an integer")
                    + " is required, not "
                    + Py.typeName(value));
          }
          BigInteger b = Py.asBig(iv);
          boolean neg = b.signum() < 0;
          BigInteger a = b.abs();
          body =
              switch (conv) {
                case 'o' -> a.toString(8);
                case 'x' -> a.toString(16);
                case 'X' -> a.toString(16).toUpperCase(java.util.Locale.ROOT);
                default -> a.toString();
              };
          if (precision > body.length()) {
            body = "0".repeat(precision - body.length()) + body;
          }
          String base =
              !alt ? "" : conv == 'o' ? "0o" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : "";
          prefix = sign(neg, sign) + base;
        }
        case 'e', 'E', 'f', 'F', 'g', 'G' -> {
          if (!Py.isNumber(value)) {
            throw PyError.type("must be real number, not " + Py.typeName(value));
          }
          double d = Py.asDouble(value);
          int p = precision < 0 ? 6 : precision;
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (Character.isUpperCase(conv)) {
              body = body.toUpperCase(java.util.Locale.ROOT);
            }
          } else {
            body =
                switch (conv) {
                  case 'f', 'F' -> PyFloat.fixed(d, p, alt);
                  case 'e', 'E' -> PyFloat.exponent(d, p, alt, conv);
                  default -> PyFloat.general(d, p, alt, conv == 'G' ? 'E' : 'e', false);
                };
          }
          prefix = sign(PyFloat.negative(d) && !Double.isNaN(d), sign);
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            zero = false;
          }
        }
        default ->
            throw PyError.value(
                "unsupported format character '"
                    + conv
                    + "' (0x"
                    + Integer.toHexString(conv)
                    + ") at index "
                    + i);
      }
      if (!numeric && precision >= 0 && precision < body.length()) {
        body = body.substring(0, precision);
      }
      int len = prefix.length() + body.codePointCount(0, body.length());
      if (width > len) {
        int padding = width - len;
        if (left) {
          out.append(prefix).append(body).append(" ".repeat(padding));
        } else if (zero && numeric) {
          out.append(prefix).append("0".repeat(padding)).append(body);
        } else {
          out.append(" ".repeat(padding)).append(prefix).append(body);
        }
      } else {
        out.append(prefix).append(body);
      }
    }
    if (next < items.size() && !mappingLike && !usedMapping) {
      throw PyError.type("not all arguments converted during string formatting");
    }
    return out.toString();
  }

  private static final Object NONE = new Object();

  private static Object argument(List<?> items, int index, boolean mapping) {
    if (mapping || index >= items.size()) {
      throw PyError.type("not enough arguments for format string");
    }
    return items.get(index);
  }

  /** Python's {@code ascii()} escaping of a repr. */
  static String ascii(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x80) {
        out.append((char) c);
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", c));
      } else if (c < 0x10000) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append(String.format("\\U%08x", c));
      }
    }
    return out.toString();
  }
}
