package io.squall.ioloop.internal;

import io.squall.ioloop.IOLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that watches loops with a blocking log threshold and, when a single callback
 * holds a loop past it, logs the loop thread's stack once for that callback (Tornado's {@code
 * set_blocking_log_threshold}).
 */
public final class BlockingWatchdog {
  private static final Logger log = LoggerFactory.getLogger(IOLoop.class);
  private static final Map<IOLoop, Long> watched = new ConcurrentHashMap<>();
  private static Thread thread;

  private BlockingWatchdog() {}

  /** Starts watching {@code loop}. */
  public static synchronized void watch(IOLoop loop) {
    watched.putIfAbsent(loop, -1L);
    if (thread == null) {
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("squall-blocking-watchdog")
              .start(BlockingWatchdog::run);
    }
  }

  /** Stops watching {@code loop}. */
  public static void unwatch(IOLoop loop) {
    watched.remove(loop);
  }

  private static void run() {
    while (true) {
      long sleepMillis;
      try {
        sleepMillis = checkAll();
      } catch (RuntimeException e) {
        log.error("blocking watchdog check failed", e);
        sleepMillis = 200;
      }
      try {
        Thread.sleep(sleepMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Checks every watched loop once; returns how long to sleep before the next check. */
  private static long checkAll() {
    long minThreshold = Long.MAX_VALUE;
    long now = System.nanoTime();
    for (Map.Entry<IOLoop, Long> e : watched.entrySet()) {
      IOLoop loop = e.getKey();
      long threshold = loop.blockingLogThresholdNanos();
      if (threshold <= 0) {
        continue;
      }
      minThreshold = Math.min(minThreshold, threshold);
      long since = LoopAccess.busy().busySinceNanos(loop);
      long seq = LoopAccess.busy().busySequence(loop);
      Thread t = loop.thread();
      if (since != 0 && t != null && now - since > threshold && e.getValue() != seq) {
        e.setValue(seq);
        StackTraceElement[] stack = t.getStackTrace();
        if (LoopAccess.busy().busySequence(loop) == seq
            && LoopAccess.busy().busySinceNanos(loop) == since) {
          Throwable where = new Throwable("stack of the loop thread while blocked");
          where.setStackTrace(stack);
          log.warn(
              "IOLoop {} blocked for more than {} ms by one callback",
              loop.name(),
              (now - since) / 1_000_000,
              where);
        } else {
          // The callback returned while we took the stack, which now shows something else.
          log.warn(
              "IOLoop {} was blocked for more than {} ms by one callback (it has since"
                  + " returned; no stack)",
              loop.name(),
              (now - since) / 1_000_000);
        }
      }
    }
    return minThreshold == Long.MAX_VALUE ? 200 : Math.max(5, minThreshold / 4 / 1_000_000);
  }
}
