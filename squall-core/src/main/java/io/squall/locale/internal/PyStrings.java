package io.squall.locale.internal;

/** Python's string helpers where Java's differ. */
public final class PyStrings {
  private PyStrings() {}

  /**
   * Python's {@code str.strip()}: removes leading and trailing whitespace, including the no-break
   * and other Unicode space separators that Java's {@link String#strip()} keeps.
   */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1C && c <= 0x1F);
  }
}
