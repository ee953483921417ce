package io.squall.template.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The loop variables of {@code {% for %}}: {@code x}, {@code k, v}, {@code (k, v)} or nested {@code
 * i, (a, b)}. Each target is a name ({@code String}) or a nested list of targets.
 */
final class ForTargets {
  private final String text;
  private int i;

  private ForTargets(String text) {
    this.text = text;
  }

  /** The targets, or {@code null} if {@code text} is not a target list. */
  static List<Object> parse(String text) {
    ForTargets p = new ForTargets(text);
    List<Object> out = p.list(null);
    p.skipSpace();
    if (out == null || p.i != text.length() || out.isEmpty()) {
      return null;
    }
    if (out.size() == 1 && out.get(0) instanceof List<?> only) {
      @SuppressWarnings("unchecked")
      List<Object> inner = (List<Object>) only;
      return inner;
    }
    return out;
  }

  private List<Object> list(Character close) {
    List<Object> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (i >= text.length() || (close != null && text.charAt(i) == close)) {
        return out;
      }
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        i++;
        List<Object> inner = list(c == '(' ? ')' : ']');
        if (inner == null || i >= text.length()) {
          return null;
        }
        i++;
        out.add(inner);
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        out.add(text.substring(start, i));
      } else {
        return null;
      }
      skipSpace();
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
      } else {
        skipSpace();
        if (i < text.length() && (close == null || text.charAt(i) != close)) {
          return null;
        }
      }
    }
  }

  private void skipSpace() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
  }
}
