package io.squall.web.internal;

/**
 * Turns a route pattern into a template for reverse URLs: each top-level capturing group becomes a
 * slot, escaped characters and {@code \Q...\E} quotes become themselves. Patterns with other regex
 * syntax outside groups (alternation, classes, quantifiers) cannot be reversed and give null.
 */
final class ReverseTemplate {
  static final char SLOT = '\u0000';

  private ReverseTemplate() {}

  static String of(String pattern, int groupCount) {
    String p = pattern;
    if (p.startsWith("^")) {
      p = p.substring(1);
    }
    if (p.endsWith("$")) {
      p = p.substring(0, p.length() - 1);
    }
    StringBuilder sb = new StringBuilder();
    int slots = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (p.startsWith("\\Q", i)) { // quoted by Pattern.quote: literal up to \E
        int end = p.indexOf("\\E", i + 2);
        end = end < 0 ? p.length() : end;
        sb.append(p, i + 2, end);
        i = end + 1;
      } else if (c == '\\' && i + 1 < p.length()) {
        char n = p.charAt(++i);
        if (Character.isLetterOrDigit(n)) {
          return null; // \d, \w ... outside a group
        }
        sb.append(n);
      } else if (c == '(') {
        int depth = 1;
        int j = i + 1;
        while (j < p.length() && depth > 0) {
          char d = p.charAt(j);
          if (d == '\\') {
            j++;
          } else if (d == '(') {
            depth++;
          } else if (d == ')') {
            depth--;
          }
          j++;
        }
        if (depth != 0) {
          return null;
        }
        if (p.startsWith("(?:", i)) {
          return null; // non-capturing groups are not slots
        }
        sb.append(SLOT);
        slots++;
        i = j - 1;
        if (i + 1 < p.length() && "?*+{".indexOf(p.charAt(i + 1)) >= 0) {
          return null; // an optional or repeated group
        }
      } else if ("[]{}*+?|^$)".indexOf(c) >= 0) {
        return null;
      } else {
        sb.append(c);
      }
    }
    return slots == groupCount ? sb.toString() : null;
  }
}
