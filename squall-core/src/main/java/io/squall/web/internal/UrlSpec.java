package io.squall.web.internal;

import io.squall.escape.Escape;
import io.squall.web.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route: a path pattern compiled once, the handler factory, and an optional name for reverse
 * lookup (Tornado's {@code URLSpec}). A pattern without regex syntax is a literal and matched by
 * string equality.
 */
public final class UrlSpec {
  private static final String META = "\\[](){}.*+?^$|";

  private final String pattern;
  private final Pattern regex;
  private final String literal;
  private final Supplier<? extends RequestHandler> factory;
  private final String name;
  private final List<String> groupNames;
  private final String reverseTemplate;
  private final int groupCount;

  /** Compiles {@code pattern}; it is anchored at the end, as Tornado does. */
  public UrlSpec(String pattern, Supplier<? extends RequestHandler> factory, String name) {
    String lead = pattern.startsWith("\\Q") ? pattern.substring(2) : pattern;
    if (!lead.startsWith("/") && !lead.startsWith("^/") && !lead.startsWith(".*")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
    }
    this.pattern = pattern;
    this.factory = factory;
    this.name = name;
    String anchored = pattern.endsWith("$") ? pattern : pattern + "$";
    this.literal = literalOf(pattern);
    this.regex = Pattern.compile(anchored);
    this.groupCount = regex.matcher("").groupCount();
    Map<String, Integer> named = regex.namedGroups();
    List<String> names = new ArrayList<>();
    if (!named.isEmpty()) {
      String[] byIndex = new String[groupCount + 1];
      named.forEach((k, v) -> byIndex[v] = k);
      for (int i = 1; i <= groupCount; i++) {
        names.add(byIndex[i]);
      }
    }
    this.groupNames = List.copyOf(names.stream().map(n -> n == null ? "" : n).toList());
    this.reverseTemplate = ReverseTemplate.of(pattern, groupCount);
  }

  /**
   * The path {@code p} matches when it has no regex syntax outside {@code \Q...\E} quotes (as
   * {@link Pattern#quote} makes them), else null.
   */
  static String literalOf(String p) {
    StringBuilder sb = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      if (p.startsWith("\\Q", i)) {
        int end = p.indexOf("\\E", i + 2);
        end = end < 0 ? p.length() : end;
        sb.append(p, i + 2, end);
        i = end + 1; // past the \E
      } else if (META.indexOf(p.charAt(i)) >= 0) {
        return null;
      } else {
        sb.append(p.charAt(i));
      }
    }
    return sb.toString();
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** The literal path when the pattern has no regex syntax, else null. */
  public String literal() {
    return literal;
  }

  /** The route's name, or null. */
  public String name() {
    return name;
  }

  /** Makes a new handler. */
  public RequestHandler newHandler() {
    return factory.get();
  }

  /** The number of groups of the pattern: the path arguments a handler of this route gets. */
  public int groupCount() {
    return groupCount;
  }

  /** Group names in order when the pattern uses named groups, else empty. */
  public List<String> groupNames() {
    return groupNames;
  }

  /**
   * Matches {@code path}; returns the raw (still percent-encoded) groups, null for an unmatched
   * optional group, or null when the path does not match.
   */
  public String[] match(String path) {
    if (literal != null) {
      return literal.equals(path) ? new String[0] : null;
    }
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    String[] groups = new String[groupCount];
    for (int i = 0; i < groupCount; i++) {
      groups[i] = m.group(i + 1);
    }
    return groups;
  }

  /** Builds a path for this route from {@code args}, URL-escaped. */
  public String reverse(Object... args) {
    if (reverseTemplate == null) {
      throw new IllegalArgumentException(
          "route " + (name != null ? name : pattern) + " is too complex to reverse: " + pattern);
    }
    if (args.length != groupCount) {
      throw new IllegalArgumentException(
          "route "
              + (name != null ? name : pattern)
              + " takes "
              + groupCount
              + " arguments, got "
              + args.length);
    }
    if (args.length == 0) {
      return reverseTemplate;
    }
    StringBuilder sb = new StringBuilder();
    int arg = 0;
    for (int i = 0; i < reverseTemplate.length(); i++) {
      char c = reverseTemplate.charAt(i);
      if (c == ReverseTemplate.SLOT) {
        sb.append(Escape.urlEscape(String.valueOf(args[arg++]), false).replace("%2F", "/"));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
