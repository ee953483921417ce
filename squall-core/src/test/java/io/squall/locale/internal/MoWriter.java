package io.squall.locale.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code .mo} files for tests, in the layout GNU msgfmt uses (header, two string tables, no
 * hash table), in either byte order. Keys and translations use gettext's encoding: a plural entry
 * is {@code "one\0many"}, a context {@code "ctx\u0004msg"}.
 */
final class MoWriter {
  private final List<String[]> entries = new ArrayList<>();

  MoWriter add(String id, String str) {
    entries.add(new String[] {id, str});
    return this;
  }

  byte[] write(ByteOrder order, Charset charset) {
    return write(order, charset, 0);
  }

  byte[] write(ByteOrder order, Charset charset, int revision) {
    List<String[]> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a[0].compareTo(b[0]));
    int n = sorted.size();
    byte[][] ids = new byte[n][];
    byte[][] strs = new byte[n][];
    int stringBytes = 0;
    for (int i = 0; i < n; i++) {
      ids[i] = sorted.get(i)[0].getBytes(charset);
      strs[i] = sorted.get(i)[1].getBytes(charset);
      stringBytes += ids[i].length + strs[i].length + 2;
    }
    int originals = 28;
    int translations = originals + 8 * n;
    int data = translations + 8 * n;
    ByteBuffer buf = ByteBuffer.allocate(data + stringBytes).order(order);
    buf.putInt(0x950412de).putInt(revision).putInt(n).putInt(originals).putInt(translations);
    buf.putInt(0).putInt(data); // hash table: none
    int at = data;
    for (int i = 0; i < n; i++) {
      buf.putInt(originals + 8 * i, ids[i].length).putInt(originals + 8 * i + 4, at);
      buf.put(at, ids[i]);
      at += ids[i].length + 1;
    }
    for (int i = 0; i < n; i++) {
      buf.putInt(translations + 8 * i, strs[i].length).putInt(translations + 8 * i + 4, at);
      buf.put(at, strs[i]);
      at += strs[i].length + 1;
    }
    return buf.array();
  }
}
