package io.squall.demos.blog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL name of a post, from its title as Tornado's blog makes it: accents taken off, anything
 * but letters and digits turned into single hyphens, lower case, ASCII only; {@code "entry"} when
 * nothing is left.
 */
final class Slugs {
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}_]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ASCII = Pattern.compile("[^a-z0-9_-]");

  /** Slugs are at most this long, so a suffix for a duplicate still fits the column. */
  static final int MAX = 80;

  private Slugs() {}

  static String of(String title) {
    String s = Normalizer.normalize(title, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = NOT_WORD.matcher(s).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    s = String.join("-", s.split("\\s+"));
    s = NOT_ASCII.matcher(s).replaceAll("");
    s = s.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    if (s.length() > MAX) {
      s = s.substring(0, MAX).replaceAll("-$", "");
    }
    return s.isEmpty() ? "entry" : s;
  }
}
