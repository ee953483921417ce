package io.squall.locale.internal;

/** Checks on locale codes. */
public final class LocaleCodes {
  private LocaleCodes() {}

  /**
   * Whether {@code code} is a name Tornado accepts for a CSV translation file: lower-case ASCII
   * letters, optionally {@code _} and upper-case ASCII letters ({@code de}, {@code pt_BR}).
   */
  public static boolean isCsvLocaleName(String code) {
    int i = 0;
    int n = code.length();
    while (i < n && code.charAt(i) >= 'a' && code.charAt(i) <= 'z') {
      i++;
    }
    if (i == 0) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (code.charAt(i) != '_' || i + 1 == n) {
      return false;
    }
    for (i++; i < n; i++) {
      if (code.charAt(i) < 'A' || code.charAt(i) > 'Z') {
        return false;
      }
    }
    return true;
  }
}
