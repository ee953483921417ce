package io.squall.testing.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differential cases made by combining the constructs of the expression language: every binary
 * operator over a set of values of every type, printf and format-spec conversions over numbers and
 * strings, slices, float printing, truth, and the str methods.
 */
final class GeneratedCases {
  private GeneratedCases() {}

  static final String[] VALUES = {
    "0",
    "1",
    "-3",
    "2.5",
    "-0.5",
    "'ab'",
    "''",
    "[1, 2]",
    "[]",
    "None",
    "True",
    "(1, 2)",
    "{'a': 1}"
  };

  static final String[] OPERATORS = {
    "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and",
    "or", "is", "is not", "&", "|", "^", "<<", ">>"
  };

  static List<Map<String, Object>> all() {
    List<Map<String, Object>> out = new ArrayList<>();
    operators(out);
    percent(out);
    formatSpecs(out);
    slices(out);
    floats(out);
    truth(out);
    strMethods(out);
    return out;
  }

  private static Map<String, Object> template(String name, String source) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("template", source);
    return c;
  }

  private static void operators(List<Map<String, Object>> out) {
    for (String a : VALUES) {
      for (String op : OPERATORS) {
        for (String b : VALUES) {
          String expr = "(" + a + ") " + op + " (" + b + ")";
          out.add(template("gen.op " + expr, "{{ " + expr + " }}"));
        }
      }
    }
    for (String op : new String[] {"-", "+", "~", "not "}) {
      for (String a : VALUES) {
        String expr = op + "(" + a + ")";
        out.add(template("gen.unary " + expr, "{{ " + expr + " }}"));
      }
    }
  }

  static final String[] NUMBERS = {
    "0", "7", "-42", "3.14159", "-0.5", "2.675", "1e20", "1234567.891", "0.000012345", "255", "True"
  };

  private static void percent(List<Map<String, Object>> out) {
    String[] specs = {
      "%s",
      "%r",
      "%d",
      "%i",
      "%5d",
      "%-5d|",
      "%05d",
      "%+d",
      "% d",
      "%x",
      "%X",
      "%#x",
      "%o",
      "%#o",
      "%f",
      "%.2f",
      "%10.3f",
      "%-10.1f|",
      "%+.1f",
      "%010.2f",
      "%e",
      "%.3E",
      "%g",
      "%.3g",
      "%G",
      "%#g",
      "%.0f",
      "%.0e",
      "%c",
      "%5s",
      "%.2s",
      "%a"
    };
    for (String spec : specs) {
      for (String v : NUMBERS) {
        String expr = "'" + spec + "' % " + v;
        out.add(template("gen.percent " + expr, "{% raw " + expr + " %}"));
      }
      String expr = "'" + spec + "' % 'txt'";
      out.add(template("gen.percent " + expr, "{% raw " + expr + " %}"));
    }
  }

  private static void formatSpecs(List<Map<String, Object>> out) {
    String[] specs = {
      "", "!r", ":>8", ":<8", ":^9", ":*^9", ":08.3f", ":,", ":_", ":,.2f", ":+", ": ", ":e",
      ":.2e", ":g", ":.3", ":%", ":.1%", ":x", ":#b", ":o", ":=+10", ":s", ":d", ":10.4g", ":#x",
      ":.0f", ":n", ":X", ":_x"
    };
    String[] values = {"0", "42", "-7", "3.5", "0.1", "1e-7", "123456789.123", "'abc'", "True"};
    for (String spec : specs) {
      for (String v : values) {
        String expr = "'{" + spec + "}'.format(" + v + ")";
        out.add(template("gen.format " + expr, "{% raw " + expr + " %}"));
        if (!spec.isEmpty() && v.indexOf('\'') < 0) {
          String f = "f'{" + v + spec + "}'";
          out.add(template("gen.fstring " + f, "{% raw " + f + " %}"));
        }
      }
    }
  }

  private static void slices(List<Map<String, Object>> out) {
    String[] bounds = {"", "-7", "-2", "0", "1", "3", "9"};
    String[] steps = {"", "1", "2", "-1", "-2"};
    for (String seq : new String[] {"'abcdef'", "[0, 1, 2, 3, 4, 5]"}) {
      for (String start : bounds) {
        for (String stop : bounds) {
          for (String step : steps) {
            String expr = seq + "[" + start + ":" + stop + (step.isEmpty() ? "" : ":" + step) + "]";
            out.add(template("gen.slice " + expr, "{% raw " + expr + " %}"));
          }
        }
      }
      for (String i : new String[] {"0", "-1", "5", "-6", "6", "-7"}) {
        String expr = seq + "[" + i + "]";
        out.add(template("gen.index " + expr, "{% raw " + expr + " %}"));
      }
    }
  }

  private static void floats(List<Map<String, Object>> out) {
    String[] exprs = {
      "0.1",
      "0.1 + 0.2",
      "1 / 3",
      "2 / 3",
      "1e16",
      "1e15",
      "123456789012345678.0",
      "1e-4",
      "1e-5",
      "0.00012345",
      "1.5e300",
      "-0.0",
      "5e-324",
      "1.7976931348623157e308",
      "100.0",
      "1234.5",
      "2 ** 0.5",
      "10 / 4",
      "7 / 7",
      "float('inf')",
      "float('nan')",
      "-float('inf')",
      "1e22",
      "1e23",
      "9007199254740993.0",
      "0.3",
      "2.675",
      "1.0000000000000002",
      "4.35",
      "0.1 * 3",
      "1e-7",
      "123e-20",
      "3.0e10",
      "1.23456789e-300",
      "[0.1, 1e20, -2.5]",
      "{'x': 1.5}",
      "(0.5,)",
      "round(0.5)",
      "round(1.5)",
      "round(-1.5)",
      "round(2.5, 0)",
      "round(0.125, 2)",
      "round(0.375, 2)",
      "round(1e20)",
      "abs(-0.0)",
      "sum([0.1] * 10)",
      "max(0.1, 0.2)",
      "float('1e500')",
      "int(1e20)",
      "3 * 1.1",
      "1 - 0.9",
      "100 * 1.1",
      "0.1 ** 2",
      "10 ** -2"
    };
    for (String e : exprs) {
      out.add(template("gen.float " + e, "{{ " + e + " }}"));
    }
  }

  private static void truth(List<Map<String, Object>> out) {
    for (String v : VALUES) {
      out.add(
          template(
              "gen.truth " + v,
              "{{ 'T' if ("
                  + v
                  + ") else 'F' }} {{ not ("
                  + v
                  + ") }} {{ bool("
                  + v
                  + ") }}"
                  + " {% if "
                  + v
                  + " %}y{% else %}n{% end %}"));
      out.add(template("gen.str " + v, "{% raw str(" + v + ") %}|{% raw repr(" + v + ") %}"));
    }
  }

  private static void strMethods(List<Map<String, Object>> out) {
    String[] strings = {"'  Hello World  '", "'a,b,,c'", "'hello'", "'ABC def'", "''", "'x\\ny'"};
    String[] calls = {
      "strip()",
      "lstrip()",
      "rstrip()",
      "split()",
      "split(',')",
      "split(',', 1)",
      "rsplit(',', 1)",
      "rsplit()",
      "split(None, 1)",
      "upper()",
      "lower()",
      "title()",
      "capitalize()",
      "swapcase()",
      "startswith('He')",
      "startswith('  ')",
      "endswith('  ')",
      "find('l')",
      "rfind('l')",
      "count('l')",
      "count('')",
      "replace('l', 'L')",
      "replace('l', 'L', 1)",
      "replace('', '-')",
      "center(20, '*')",
      "center(9)",
      "ljust(18, '.')",
      "rjust(18)",
      "zfill(20)",
      "isdigit()",
      "isalpha()",
      "isalnum()",
      "isupper()",
      "islower()",
      "istitle()",
      "isspace()",
      "partition(',')",
      "rpartition(' ')",
      "splitlines()",
      "splitlines(True)",
      "strip('H ')",
      "index('l')",
      "find('l', 3)",
      "find('l', -2)",
      "startswith('ll', 2)",
      "join(['1', '2'])",
      "casefold()",
      "format()",
      "encode()",
      "__len__()"
    };
    for (String s : strings) {
      for (String c : calls) {
        String expr = s + "." + c;
        out.add(template("gen.strmethod " + expr, "{% raw repr(" + expr + ") %}"));
      }
      out.add(template("gen.len " + s, "{{ len(" + s + ") }}"));
    }
  }
}
