package io.squall.template.internal.py;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats as Python prints them: {@code repr} (the shortest text that reads back as the same double,
 * in Python's choice of fixed or exponent notation) and the correctly rounded {@code f}, {@code e}
 * and {@code g} formats.
 */
final class PyFloat {
  private PyFloat() {}

  /** The shortest decimal digits of {@code |d|} and the decimal point position. */
  private record Digits(String digits, int decpt) {}

  private static Digits shortest(String javaRepr) {
    String s = javaRepr.startsWith("-") ? javaRepr.substring(1) : javaRepr;
    int e = s.indexOf('E');
    int exp = 0;
    if (e >= 0) {
      exp = Integer.parseInt(s.substring(e + 1));
      s = s.substring(0, e);
    }
    int dot = s.indexOf('.');
    String intPart = dot < 0 ? s : s.substring(0, dot);
    String frac = dot < 0 ? "" : s.substring(dot + 1);
    String all = intPart + frac;
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    int end = all.length();
    while (end > lead + 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    return new Digits(all.substring(lead, end), intPart.length() + exp - lead);
  }

  static String repr(double d) {
    return repr(d, Double.toString(d));
  }

  static String repr(float f) {
    return repr(f, Float.toString(f));
  }

  private static String repr(double d, String javaRepr) {
    if (Math.abs(d) < Double.MIN_NORMAL && d != 0) {
      javaRepr = shortestSubnormal(d, javaRepr);
    }
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : "";
    if (d == 0) {
      return sign + "0.0";
    }
    Digits dg = shortest(javaRepr);
    String digits = dg.digits;
    int decpt = dg.decpt;
    StringBuilder out = new StringBuilder(sign);
    if (decpt <= -4 || decpt > 16) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      appendExponent(out, decpt - 1, 'e');
    } else if (decpt <= 0) {
      out.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt >= digits.length()) {
      out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
    } else {
      out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    }
    return out.toString();
  }

  /**
   * Java prints some subnormals with more digits than needed ({@code 4.9E-324} for {@code 5e-324});
   * tries shorter roundings that still read back as the same double.
   */
  private static String shortestSubnormal(double d, String javaRepr) {
    BigDecimal exact = new BigDecimal(javaRepr);
    int digits = exact.precision();
    for (int k = 1; k < digits; k++) {
      BigDecimal shorter = exact.round(new MathContext(k, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() == d) {
        return shorter.toString();
      }
    }
    return javaRepr;
  }

  static void appendExponent(StringBuilder out, int exp, char e) {
    out.append(e).append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      out.append('0');
    }
    out.append(a);
  }

  static boolean negative(double d) {
    return d < 0 || (d == 0 && 1 / d < 0);
  }

  /** {@code |d|} with {@code precision} digits after the point, rounded half-even exactly. */
  static String fixed(double d, int precision, boolean alt) {
    BigDecimal b = new BigDecimal(Math.abs(d)).setScale(precision, RoundingMode.HALF_EVEN);
    String s = b.toPlainString();
    if (alt && precision == 0) {
      s += ".";
    }
    return s;
  }

  /** {@code |d|} in exponent notation with {@code precision} digits after the point. */
  static String exponent(double d, int precision, boolean alt, char e) {
    double a = Math.abs(d);
    String digits;
    int exp;
    if (a == 0) {
      digits = "0".repeat(precision + 1);
      exp = 0;
    } else {
      BigDecimal b =
          new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      digits = b.unscaledValue().toString();
      exp = digits.length() - 1 - b.scale();
      if (digits.length() < precision + 1) {
        digits = digits + "0".repeat(precision + 1 - digits.length());
      } else if (digits.length() > precision + 1) {
        digits = digits.substring(0, precision + 1);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(digits.charAt(0));
    if (precision > 0 || alt) {
      out.append('.');
    }
    out.append(digits, 1, digits.length());
    appendExponent(out, exp, e);
    return out.toString();
  }

  /**
   * {@code |d|} in Python's general format: fixed or exponent notation by the exponent, trailing
   * zeros removed unless {@code alt}; {@code keepPoint} keeps at least one digit after the point in
   * fixed notation (the format with no type letter).
   */
  static String general(double d, int precision, boolean alt, char e, boolean keepPoint) {
    int p = precision == 0 ? 1 : precision;
    double a = Math.abs(d);
    int exp;
    if (a == 0) {
      exp = 0;
    } else {
      BigDecimal b = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
      exp = b.precision() - 1 - b.scale();
    }
    String s;
    if (exp >= -4 && exp < p) {
      s = fixed(d, p - 1 - exp, alt);
      if (!alt) {
        s = stripZeros(s, keepPoint);
      }
    } else {
      s = exponent(d, p - 1, alt, e);
      if (!alt) {
        int ei = s.indexOf(e);
        s = stripZeros(s.substring(0, ei), false) + s.substring(ei);
      }
    }
    return s;
  }

  private static String stripZeros(String s, boolean keepPoint) {
    if (s.indexOf('.') < 0) {
      return keepPoint ? s + ".0" : s;
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    if (end > 0 && s.charAt(end - 1) == '.') {
      return keepPoint ? s.substring(0, end) + "0" : s.substring(0, end - 1);
    }
    return s.substring(0, end);
  }
}
