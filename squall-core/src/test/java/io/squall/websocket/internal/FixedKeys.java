package io.squall.websocket.internal;

import java.util.random.RandomGenerator;

/** Masking keys for tests: the given ints in turn, then counting up from the last. */
final class FixedKeys implements RandomGenerator {
  private final int[] keys;
  private int next;

  FixedKeys(int... keys) {
    this.keys = keys;
  }

  @Override
  public int nextInt() {
    int k = next < keys.length ? keys[next] : keys[keys.length - 1] + next - keys.length + 1;
    next++;
    return k;
  }

  @Override
  public long nextLong() {
    return ((long) nextInt() << 32) | (nextInt() & 0xFFFFFFFFL);
  }
}
