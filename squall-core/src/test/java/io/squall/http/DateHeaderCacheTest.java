package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DateHeaderCacheTest {

  @Test
  void sameBytesWithinASecondNewBytesAfter() {
    AtomicLong now = new AtomicLong(784111777_000L);
    DateHeaderCache cache = new DateHeaderCache(now::get);
    byte[] first = cache.value();
    assertThat(new String(first, StandardCharsets.US_ASCII))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    now.set(784111777_999L);
    assertThat(cache.value()).isSameAs(first);
    byte[] line = cache.headerLine();
    assertThat(new String(line, StandardCharsets.US_ASCII))
        .isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
    assertThat(cache.headerLine()).isSameAs(line);

    now.set(784111778_000L);
    byte[] next = cache.value();
    assertThat(next).isNotSameAs(first);
    assertThat(cache.valueString()).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
  }

  @Test
  void sharedUsesTheSystemClock() {
    long before = System.currentTimeMillis() / 1000;
    String v = DateHeaderCache.shared().valueString();
    long after = System.currentTimeMillis() / 1000;
    long parsed = HttpDates.parse(v).orElseThrow().getEpochSecond();
    assertThat(parsed).isBetween(before, after);
  }

  @Test
  void safeUnderConcurrentUse() throws Exception {
    AtomicLong now = new AtomicLong(0);
    DateHeaderCache cache = new DateHeaderCache(now::get);
    Thread[] threads = new Thread[4];
    java.util.concurrent.ConcurrentLinkedQueue<String> bad =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  long before = now.addAndGet(7) / 1000;
                  String v = new String(cache.value(), StandardCharsets.US_ASCII);
                  long after = now.get() / 1000;
                  long s = HttpDates.parse(v).orElseThrow().getEpochSecond();
                  // The value is that of the second the clock showed during the call.
                  if (s < before || s > after || v.length() != 29) {
                    bad.add(v);
                  }
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(bad).isEmpty();
  }
}
