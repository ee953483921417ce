package io.squall.template.internal.py;

import io.squall.template.TemplateArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** Python's {@code str} methods on Java strings. */
final class StrMethods {
  private StrMethods() {}

  static Object call(String s, String name, TemplateArgs a, Members members) {
    return switch (name) {
      case "upper" -> noArgs(a, name, s.toUpperCase(Locale.ROOT));
      case "lower" -> noArgs(a, name, s.toLowerCase(Locale.ROOT));
      case "casefold" -> noArgs(a, name, s.toLowerCase(Locale.ROOT));
      case "strip" -> strip(s, chars(a, name), true, true);
      case "lstrip" -> strip(s, chars(a, name), true, false);
      case "rstrip" -> strip(s, chars(a, name), false, true);
      case "split" -> split(s, a.expect(name, "sep", "maxsplit"), false);
      case "rsplit" -> split(s, a.expect(name, "sep", "maxsplit"), true);
      case "splitlines" -> splitlines(s, a.expect(name, "keepends").flag(0, "keepends", false));
      case "join" -> join(s, a.expect(name, "iterable").get(0, "iterable"));
      case "replace" -> replace(s, a.expect(name, "old", "new", "count"));
      case "title" -> noArgs(a, name, title(s));
      case "capitalize" ->
          noArgs(
              a,
              name,
              s.isEmpty()
                  ? s
                  : s.substring(0, 1).toUpperCase(Locale.ROOT)
                      + s.substring(1).toLowerCase(Locale.ROOT));
      case "swapcase" -> noArgs(a, name, swapcase(s));
      case "startswith" -> affix(s, a.expect(name, "prefix", "start", "end"), true);
      case "endswith" -> affix(s, a.expect(name, "suffix", "start", "end"), false);
      case "find" -> find(s, a.expect(name, "sub", "start", "end"), false, false);
      case "rfind" -> find(s, a.expect(name, "sub", "start", "end"), true, false);
      case "index" -> find(s, a.expect(name, "sub", "start", "end"), false, true);
      case "rindex" -> find(s, a.expect(name, "sub", "start", "end"), true, true);
      case "count" -> count(s, a.expect(name, "sub", "start", "end"));
      case "format" -> StrFormat.format(s, a, members);
      case "format_map" ->
          StrFormat.formatMap(s, a.expect(name, "mapping").get(0, "mapping"), members);
      case "center", "ljust", "rjust" -> justify(s, name, a.expect(name, "width", "fillchar"));
      case "zfill" -> zfill(s, (int) Py.asLong(a.expect(name, "width").get(0, "width")));
      case "isdigit", "isnumeric", "isdecimal" -> noArgs(a, name, all(s, Character::isDigit));
      case "isalpha" -> noArgs(a, name, all(s, Character::isLetter));
      case "isalnum" -> noArgs(a, name, all(s, Character::isLetterOrDigit));
      case "isspace" -> noArgs(a, name, all(s, StrMethods::isSpace));
      case "isupper" -> noArgs(a, name, cased(s, true));
      case "islower" -> noArgs(a, name, cased(s, false));
      case "istitle" -> noArgs(a, name, !s.isEmpty() && title(s).equals(s) && anyCased(s));
      case "isidentifier" -> noArgs(a, name, Lexer.isIdentifier(s));
      case "partition" -> partition(s, a.expect(name, "sep").get(0, "sep"), false);
      case "rpartition" -> partition(s, a.expect(name, "sep").get(0, "sep"), true);
      case "removeprefix" -> {
        String p = str(a.expect(name, "prefix").get(0, "prefix"));
        yield s.startsWith(p) ? s.substring(p.length()) : s;
      }
      case "removesuffix" -> {
        String p = str(a.expect(name, "suffix").get(0, "suffix"));
        yield s.endsWith(p) && !p.isEmpty() ? s.substring(0, s.length() - p.length()) : s;
      }
      case "expandtabs" -> s.replace("\t", "        ");
      case "encode" -> s.getBytes(StandardCharsets.UTF_8);
      default -> PyMethods.NOT_FOUND;
    };
  }

  static boolean has(String name) {
    return switch (name) {
      case "upper",
          "lower",
          "casefold",
          "strip",
          "lstrip",
          "rstrip",
          "split",
          "rsplit",
          "splitlines",
          "join",
          "replace",
          "title",
          "capitalize",
          "swapcase",
          "startswith",
          "endswith",
          "find",
          "rfind",
          "index",
          "rindex",
          "count",
          "format",
          "format_map",
          "center",
          "ljust",
          "rjust",
          "zfill",
          "isdigit",
          "isnumeric",
          "isdecimal",
          "isalpha",
          "isalnum",
          "isspace",
          "isupper",
          "islower",
          "istitle",
          "isidentifier",
          "partition",
          "rpartition",
          "removeprefix",
          "removesuffix",
          "expandtabs",
          "encode" ->
          true;
      default -> false;
    };
  }

  private static Object noArgs(TemplateArgs a, String name, Object result) {
    a.expect(name);
    return result;
  }

  private static String str(Object o) {
    if (o instanceof CharSequence c) {
      return c.toString();
    }
    throw PyError.type("must be str, not " + Py.typeName(o));
  }

  private static String chars(TemplateArgs a, String name) {
    Object c = a.expect(name, "chars").get(0, "chars", null);
    return c == null ? null : str(c);
  }

  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f);
  }

  private static boolean all(String s, IntPredicate p) {
    return !s.isEmpty() && s.codePoints().allMatch(p);
  }

  private static boolean cased(String s, boolean upper) {
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c)) {
        any = true;
        if (upper
            ? Character.isLowerCase(c)
            : (Character.isUpperCase(c) || Character.isTitleCase(c))) {
          return false;
        }
      }
    }
    return any;
  }

  private static boolean anyCased(String s) {
    return s.chars().anyMatch(c -> Character.isUpperCase(c) || Character.isLowerCase(c));
  }

  static String strip(String s, String chars, boolean left, boolean right) {
    int b = 0;
    int e = s.length();
    if (chars == null) {
      while (left && b < e && isSpace(s.charAt(b))) {
        b++;
      }
      while (right && e > b && isSpace(s.charAt(e - 1))) {
        e--;
      }
    } else {
      while (left && b < e && chars.indexOf(s.charAt(b)) >= 0) {
        b++;
      }
      while (right && e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
        e--;
      }
    }
    return s.substring(b, e);
  }

  static List<Object> split(String s, TemplateArgs a, boolean fromRight) {
    Object sepArg = a.get(0, "sep", null);
    int max = (int) Py.asLong(a.get(1, "maxsplit", -1L));
    List<Object> out = new ArrayList<>();
    if (sepArg == null) {
      List<String> words = new ArrayList<>();
      int i = 0;
      int n = s.length();
      if (!fromRight) {
        while (i < n) {
          while (i < n && isSpace(s.charAt(i))) {
            i++;
          }
          if (i >= n) {
            break;
          }
          if (max >= 0 && words.size() == max) {
            words.add(s.substring(i));
            break;
          }
          int start = i;
          while (i < n && !isSpace(s.charAt(i))) {
            i++;
          }
          words.add(s.substring(start, i));
        }
        out.addAll(words);
      } else {
        int j = n;
        while (j > 0) {
          while (j > 0 && isSpace(s.charAt(j - 1))) {
            j--;
          }
          if (j <= 0) {
            break;
          }
          if (max >= 0 && words.size() == max) {
            words.add(s.substring(0, j));
            break;
          }
          int end = j;
          while (j > 0 && !isSpace(s.charAt(j - 1))) {
            j--;
          }
          words.add(s.substring(j, end));
        }
        Collections.reverse(words);
        out.addAll(words);
      }
      return out;
    }
    String sep = str(sepArg);
    if (sep.isEmpty()) {
      throw PyError.value("empty separator");
    }
    if (!fromRight) {
      int start = 0;
      int count = 0;
      while (max < 0 || count < max) {
        int k = s.indexOf(sep, start);
        if (k < 0) {
          break;
        }
        out.add(s.substring(start, k));
        start = k + sep.length();
        count++;
      }
      out.add(s.substring(start));
    } else {
      int end = s.length();
      int count = 0;
      List<Object> rev = new ArrayList<>();
      while (max < 0 || count < max) {
        int k = s.lastIndexOf(sep, end - sep.length());
        if (k < 0 || end - sep.length() < 0) {
          break;
        }
        rev.add(s.substring(k + sep.length(), end));
        end = k;
        count++;
      }
      rev.add(s.substring(0, end));
      Collections.reverse(rev);
      out.addAll(rev);
    }
    return out;
  }

  private static List<Object> splitlines(String s, boolean keep) {
    List<Object> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int eol = -1;
      if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
        eol = 2;
      } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
        eol = 1;
      }
      if (eol > 0) {
        out.add(s.substring(start, keep ? i + eol : i));
        i += eol;
        start = i;
      } else {
        i++;
      }
    }
    if (start < n) {
      out.add(s.substring(start));
    }
    return out;
  }

  private static String join(String sep, Object items) {
    StringBuilder out = new StringBuilder();
    Iterator<?> it = Py.iterator(items);
    int i = 0;
    while (it.hasNext()) {
      Object o = it.next();
      if (!(o instanceof CharSequence || o instanceof Character)) {
        throw PyError.type(
            "sequence item " + i + ": expected str instance, " + Py.typeName(o) + " found");
      }
      if (i++ > 0) {
        out.append(sep);
      }
      out.append(o);
    }
    return out.toString();
  }

  private static String replace(String s, TemplateArgs a) {
    String old = str(a.get(0, "old"));
    String rep = str(a.get(1, "new"));
    long count = Py.asLong(a.get(2, "count", -1L));
    if (count < 0) {
      if (old.isEmpty()) {
        StringBuilder out = new StringBuilder(rep);
        for (int i = 0; i < s.length(); i++) {
          out.append(s.charAt(i)).append(rep);
        }
        return out.toString();
      }
      return s.replace(old, rep);
    }
    StringBuilder out = new StringBuilder();
    int start = 0;
    for (long k = 0; k < count; k++) {
      int idx = old.isEmpty() ? (start <= s.length() ? start : -1) : s.indexOf(old, start);
      if (idx < 0) {
        break;
      }
      out.append(s, start, idx).append(rep);
      if (old.isEmpty()) {
        if (idx < s.length()) {
          out.append(s.charAt(idx));
        }
        start = idx + 1;
      } else {
        start = idx + old.length();
      }
    }
    if (start <= s.length()) {
      out.append(s.substring(start));
    }
    return out.toString();
  }

  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean isCased =
          Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
      if (isCased) {
        out.append(prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
      } else {
        out.append(c);
      }
      prevCased = isCased;
    }
    return out.toString();
  }

  private static String swapcase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(
          Character.isUpperCase(c)
              ? Character.toLowerCase(c)
              : Character.isLowerCase(c) ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private static int[] range(String s, TemplateArgs a) {
    int n = s.length();
    Object st = a.get(1, null, null);
    Object en = a.get(2, null, null);
    int start = st == null ? 0 : clampIndex(Py.asLong(st), n);
    int end = en == null ? n : clampIndex(Py.asLong(en), n);
    return new int[] {start, end};
  }

  private static int clampIndex(long i, int n) {
    if (i < 0) {
      i += n;
    }
    return (int) Math.max(0, Math.min(n, i));
  }

  private static boolean affix(String s, TemplateArgs a, boolean prefix) {
    Object p = a.get(0, prefix ? "prefix" : "suffix");
    int[] r = range(s, a);
    if (r[0] > r[1]) {
      return false;
    }
    String sub = s.substring(r[0], r[1]);
    if (p instanceof Tuple t) {
      for (Object o : t) {
        if (prefix ? sub.startsWith(str(o)) : sub.endsWith(str(o))) {
          return true;
        }
      }
      return false;
    }
    String x = str(p);
    return prefix ? sub.startsWith(x) : sub.endsWith(x);
  }

  private static Object find(String s, TemplateArgs a, boolean last, boolean raise) {
    String sub = str(a.get(0, "sub"));
    int[] r = range(s, a);
    int idx = -1;
    if (r[0] <= r[1]) {
      String part = s.substring(r[0], r[1]);
      idx = last ? part.lastIndexOf(sub) : part.indexOf(sub);
      if (idx >= 0) {
        idx += r[0];
      }
    }
    if (idx < 0 && raise) {
      throw PyError.value("substring not found");
    }
    return (long) idx;
  }

  private static Object count(String s, TemplateArgs a) {
    String sub = str(a.get(0, "sub"));
    int[] r = range(s, a);
    if (r[0] > r[1]) {
      return 0L;
    }
    String part = s.substring(r[0], r[1]);
    if (sub.isEmpty()) {
      return (long) part.length() + 1;
    }
    long n = 0;
    int i = 0;
    while ((i = part.indexOf(sub, i)) >= 0) {
      n++;
      i += sub.length();
    }
    return n;
  }

  private static String justify(String s, String name, TemplateArgs a) {
    int width = (int) Py.asLong(a.get(0, "width"));
    String fill = str(a.get(1, "fillchar", " "));
    if (fill.length() != 1) {
      throw PyError.type("The fill character must be exactly one character long");
    }
    int pad = width - s.length();
    if (pad <= 0) {
      return s;
    }
    return switch (name) {
      case "ljust" -> s + fill.repeat(pad);
      case "rjust" -> fill.repeat(pad) + s;
      default -> {
        int left = pad / 2 + (pad & width & 1);
        yield fill.repeat(left) + s + fill.repeat(pad - left);
      }
    };
  }

  private static String zfill(String s, int width) {
    int pad = width - s.length();
    if (pad <= 0) {
      return s;
    }
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      return s.charAt(0) + "0".repeat(pad) + s.substring(1);
    }
    return "0".repeat(pad) + s;
  }

  private static Tuple partition(String s, Object sepArg, boolean last) {
    String sep = str(sepArg);
    if (sep.isEmpty()) {
      throw PyError.value("empty separator");
    }
    int i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
    if (i < 0) {
      return last ? Tuple.of("", "", s) : Tuple.of(s, "", "");
    }
    return Tuple.of(s.substring(0, i), sep, s.substring(i + sep.length()));
  }
}
