package io.squall.template.internal.py;

import io.squall.template.TemplateArgs;
import java.util.Map;

/** Python's {@code str.format} and {@code str.format_map}. */
final class StrFormat {
  private StrFormat() {}

  static String format(String fmt, TemplateArgs a, Members members) {
    return new StrFormat.Run(fmt, a, null, members).run(fmt, 0);
  }

  static String formatMap(String fmt, Object mapping, Members members) {
    if (!(mapping instanceof Map<?, ?> m)) {
      throw PyError.type("format_map() argument must be a mapping");
    }
    return new StrFormat.Run(fmt, TemplateArgs.of(), m, members).run(fmt, 0);
  }

  private static final class Run {
    final TemplateArgs args;
    final Map<?, ?> mapping;
    final Members members;
    int auto;
    boolean manual;

    Run(String fmt, TemplateArgs args, Map<?, ?> mapping, Members members) {
      this.args = args;
      this.mapping = mapping;
      this.members = members;
    }

    String run(String fmt, int depth) {
      if (depth > 2) {
        throw PyError.value("Max string recursion exceeded");
      }
      StringBuilder out = new StringBuilder(fmt.length() + 16);
      int n = fmt.length();
      for (int i = 0; i < n; i++) {
        char c = fmt.charAt(i);
        if (c == '}') {
          if (i + 1 < n && fmt.charAt(i + 1) == '}') {
            out.append('}');
            i++;
            continue;
          }
          throw PyError.value("Single '}' encountered in format string");
        }
        if (c != '{') {
          out.append(c);
          continue;
        }
        if (i + 1 < n && fmt.charAt(i + 1) == '{') {
          out.append('{');
          i++;
          continue;
        }
        int level = 1;
        int j = i + 1;
        while (j < n && level > 0) {
          char d = fmt.charAt(j);
          if (d == '{') {
            level++;
          } else if (d == '}') {
            level--;
          }
          j++;
        }
        if (level > 0) {
          throw PyError.value("expected '}' before end of string");
        }
        out.append(field(fmt.substring(i + 1, j - 1), depth));
        i = j - 1;
      }
      return out.toString();
    }

    private String field(String f, int depth) {
      int colon = -1;
      int bang = -1;
      int bracket = 0;
      for (int k = 0; k < f.length(); k++) {
        char c = f.charAt(k);
        if (c == '[') {
          bracket++;
        } else if (c == ']') {
          bracket--;
        } else if (bracket == 0 && c == '!' && bang < 0 && colon < 0) {
          bang = k;
        } else if (bracket == 0 && c == ':') {
          colon = k;
          break;
        }
      }
      int nameEnd = bang >= 0 ? bang : colon >= 0 ? colon : f.length();
      String name = f.substring(0, nameEnd);
      String conv = bang >= 0 ? f.substring(bang + 1, colon >= 0 ? colon : f.length()) : null;
      String spec = colon >= 0 ? f.substring(colon + 1) : "";
      Object value = lookup(name);
      if (conv != null) {
        value =
            switch (conv) {
              case "r" -> Py.repr(value);
              case "s" -> Py.str(value);
              case "a" -> PyFormat.ascii(Py.repr(value));
              default -> throw PyError.value("Unknown conversion specifier " + conv);
            };
      }
      if (spec.indexOf('{') >= 0) {
        spec = run(spec, depth + 1);
      }
      return PyFormat.format(value, spec);
    }

    private Object lookup(String name) {
      int end = 0;
      while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
        end++;
      }
      String first = name.substring(0, end);
      Object value;
      if (first.isEmpty()) {
        if (manual) {
          throw PyError.value(
              "cannot switch from manual field specification to automatic field numbering");
        }
        value = positional(auto++);
      } else if (first.chars().allMatch(Character::isDigit)) {
        if (auto > 0) {
          throw PyError.value(
              "cannot switch from automatic field numbering to manual field specification");
        }
        manual = true;
        value = positional(Integer.parseInt(first));
      } else if (mapping != null) {
        if (!Py.containsKey(mapping, first)) {
          throw PyError.key(first);
        }
        value = Py.getKey(mapping, first);
      } else {
        if (!args.keywords().containsKey(first)) {
          throw PyError.key(first);
        }
        value = args.keywords().get(first);
      }
      int i = end;
      while (i < name.length()) {
        char c = name.charAt(i);
        if (c == '.') {
          int j = i + 1;
          while (j < name.length() && name.charAt(j) != '.' && name.charAt(j) != '[') {
            j++;
          }
          String attr = name.substring(i + 1, j);
          if (attr.startsWith("_")) {
            throw PyError.sandbox("access to '" + attr + "' is not allowed in templates");
          }
          value = Access.getattr(value, attr, members);
          i = j;
        } else if (c == '[') {
          int j = name.indexOf(']', i);
          if (j < 0) {
            throw PyError.value("Missing ']' in format string");
          }
          String key = name.substring(i + 1, j);
          Object k =
              !key.isEmpty() && key.chars().allMatch(Character::isDigit)
                  ? (Object) Long.parseLong(key)
                  : key;
          value = Access.getitem(value, k);
          i = j + 1;
        } else {
          throw PyError.value("Only '.' or '[' may follow ']' in format field specifier");
        }
      }
      return value;
    }

    private Object positional(int i) {
      if (i >= args.positional().size()) {
        throw PyError.index("Replacement index " + i + " out of range for positional args tuple");
      }
      return args.positional().get(i);
    }
  }
}
