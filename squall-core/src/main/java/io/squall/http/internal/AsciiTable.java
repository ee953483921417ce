package io.squall.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fixed set of ASCII strings, looked up by a byte range without allocating: lets the parser
 * reuse one {@code String} instance for common methods, header names and values.
 */
final class AsciiTable {
  private final String[] strings;
  private final byte[][] bytes;
  private final byte[][] lower;
  private final int[][] byLength;

  AsciiTable(String... strings) {
    this.strings = strings.clone();
    this.bytes = new byte[strings.length][];
    this.lower = new byte[strings.length][];
    int maxLen = 0;
    for (int i = 0; i < strings.length; i++) {
      bytes[i] = strings[i].getBytes(StandardCharsets.US_ASCII);
      lower[i] = new byte[bytes[i].length];
      for (int k = 0; k < bytes[i].length; k++) {
        lower[i][k] = (byte) HttpChars.toLowerAscii(bytes[i][k]);
      }
      maxLen = Math.max(maxLen, bytes[i].length);
    }
    List<List<Integer>> buckets = new ArrayList<>();
    for (int n = 0; n <= maxLen; n++) {
      buckets.add(new ArrayList<>());
    }
    for (int i = 0; i < strings.length; i++) {
      buckets.get(bytes[i].length).add(i);
    }
    byLength = new int[maxLen + 1][];
    for (int n = 0; n <= maxLen; n++) {
      byLength[n] = buckets.get(n).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The index of the entry equal to {@code a[from, from+len)} ignoring ASCII case, or -1. */
  int indexOfIgnoreCase(byte[] a, int from, int len) {
    if (len >= byLength.length) {
      return -1;
    }
    outer:
    for (int idx : byLength[len]) {
      byte[] l = lower[idx];
      for (int k = 0; k < len; k++) {
        if (HttpChars.toLowerAscii(a[from + k]) != l[k]) {
          continue outer;
        }
      }
      return idx;
    }
    return -1;
  }

  /** The entry spelled exactly as {@code a[from, from+len)}, or null. */
  String findExact(byte[] a, int from, int len) {
    if (len >= byLength.length) {
      return null;
    }
    for (int idx : byLength[len]) {
      if (equalsExact(idx, a, from, len)) {
        return strings[idx];
      }
    }
    return null;
  }

  /** Whether entry {@code idx} is spelled exactly as {@code a[from, from+len)}. */
  boolean equalsExact(int idx, byte[] a, int from, int len) {
    return same(bytes[idx], a, from, len);
  }

  /** Whether entry {@code idx}'s lower-case form is spelled exactly as {@code a[from,from+len)}. */
  boolean equalsLower(int idx, byte[] a, int from, int len) {
    return same(lower[idx], a, from, len);
  }

  private static boolean same(byte[] b, byte[] a, int from, int len) {
    if (b.length != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (a[from + k] != b[k]) {
        return false;
      }
    }
    return true;
  }

  String string(int idx) {
    return strings[idx];
  }

  int size() {
    return strings.length;
  }
}
