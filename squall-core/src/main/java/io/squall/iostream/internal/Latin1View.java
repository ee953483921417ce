package io.squall.iostream.internal;

import java.nio.charset.StandardCharsets;

/** A read-only {@link CharSequence} over bytes, one char per byte (ISO-8859-1). Not API. */
final class Latin1View implements CharSequence {
  private final byte[] data;
  private final int offset;
  private final int length;

  Latin1View(byte[] data, int offset, int length) {
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return (char) (data[offset + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int from, int to) {
    if (from < 0 || to > length || from > to) {
      throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + length);
    }
    return new Latin1View(data, offset + from, to - from);
  }

  @Override
  public String toString() {
    return new String(data, offset, length, StandardCharsets.ISO_8859_1);
  }
}
