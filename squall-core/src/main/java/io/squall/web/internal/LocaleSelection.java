package io.squall.web.internal;

import io.squall.locale.Locale;
import java.util.ArrayList;
import java.util.List;

/**
 * How a request handler picks its locale and what templates get from it: Tornado's {@code
 * get_browser_locale} reading of {@code Accept-Language}, and the {@code _} and {@code pgettext}
 * template functions. Thread-safe; keeps no state.
 */
public final class LocaleSelection {
  private LocaleSelection() {}

  /** A language tag of {@code Accept-Language} with its weight. */
  private record Weighted(String tag, double q) {}

  /**
   * The locale for an {@code Accept-Language} value (all fields joined with commas), as Tornado's
   * {@code get_browser_locale}: the languages ordered by their q-values, highest first (equal
   * weights keep their order; no {@code q} is 1), those with {@code q=0} or an unreadable or
   * negative {@code q} left out, and the closest supported locale of that list; {@code
   * defaultCode}'s closest locale when the header is absent or names nothing usable.
   */
  public static Locale browserLocale(String acceptLanguage, String defaultCode) {
    List<String> codes = acceptedLanguages(acceptLanguage);
    return codes.isEmpty()
        ? Locale.getClosest(defaultCode)
        : Locale.getClosest(codes.toArray(String[]::new));
  }

  /**
   * The language tags of an {@code Accept-Language} value, by descending q-value, without those of
   * weight zero.
   */
  public static List<String> acceptedLanguages(String acceptLanguage) {
    if (acceptLanguage == null) {
      return List.of();
    }
    List<Weighted> found = new ArrayList<>();
    int start = 0;
    int n = acceptLanguage.length();
    while (start <= n) {
      int comma = acceptLanguage.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      Weighted w = element(acceptLanguage, start, end);
      if (w != null) {
        found.add(w);
      }
      start = end + 1;
    }
    found.sort((a, b) -> Double.compare(b.q(), a.q())); // stable: ties keep header order
    List<String> out = new ArrayList<>(found.size());
    for (Weighted w : found) {
      out.add(w.tag());
    }
    return out;
  }

  /** One {@code tag;q=0.8} element, or null when its weight is not positive. */
  private static Weighted element(String s, int start, int end) {
    int semi = s.indexOf(';', start);
    if (semi < 0 || semi >= end) {
      return new Weighted(s.substring(start, end).strip(), 1.0);
    }
    String tag = s.substring(start, semi).strip();
    int paramEnd = s.indexOf(';', semi + 1);
    if (paramEnd < 0 || paramEnd > end) {
      paramEnd = end;
    }
    String param = s.substring(semi + 1, paramEnd).strip();
    double q = 1.0;
    if (param.startsWith("q=")) {
      q = qvalue(param.substring(2).strip());
    }
    return q > 0 ? new Weighted(tag, q) : null;
  }

  /** A q-value as digits with an optional fraction; anything else weighs 0, as in Tornado. */
  private static double qvalue(String text) {
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c >= '0' && c <= '9') {
        digits++;
      } else {
        return 0;
      }
    }
    if (digits == 0 || dots > 1 || text.length() > 20) {
      return 0;
    }
    return Double.parseDouble(text);
  }
}
