package io.squall.testing.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cases of the differential corpus where Squall deliberately differs from Tornado, each with
 * the reason documented in docs/templates.md ("Differences from Tornado"). A listed case must still
 * differ, so the list cannot go stale.
 */
final class KnownDifferences {
  private KnownDifferences() {}

  private static final Map<Pattern, String> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        Pattern.compile("gen\\.op \\(-[0-9.]+\\) \\*\\* \\(-?[0-9]*\\.[0-9]+\\)"),
        "D1 complex numbers: a negative number to a fractional power is a ValueError");
    CASES.put(
        Pattern.compile("gen\\.strmethod .*\\.__len__\\(\\)"),
        "D2 sandbox: names starting with an underscore are rejected");
    CASES.put(
        Pattern.compile("gen\\.op \\((2\\.5|-0\\.5|'ab'|\\(1, 2\\))\\) is( not)? \\(\\1\\)"),
        "D3 identity: 'is' is identity only for None, True, False and small ints");
    CASES.put(
        Pattern.compile("expr\\.json_encode"),
        "D4 json_encode writes compact JSON, Python's json.dumps puts a space after , and :");
  }

  /** The documented reason {@code name} differs, or null if it must match Tornado. */
  static String reason(String name) {
    for (Map.Entry<Pattern, String> e : CASES.entrySet()) {
      if (e.getKey().matcher(name).matches()) {
        return e.getValue();
      }
    }
    return null;
  }
}
