package io.squall.ioloop.internal;

import io.squall.ioloop.IOLoop;

/**
 * A back door into {@link IOLoop} for the {@link BlockingWatchdog}: what the loop is running now.
 * Not API; {@code IOLoop} installs the accessor when it initialises, and this package is not
 * exported.
 */
public final class LoopAccess {
  /** What the watchdog reads of a loop, from its own thread. */
  public interface Busy {
    /** The start time of the callback now running, or 0 when the loop is idle. */
    long busySinceNanos(IOLoop loop);

    /** A number that changes with every callback. */
    long busySequence(IOLoop loop);
  }

  private static volatile Busy busy;

  private LoopAccess() {}

  /** Installs the accessor; called once by {@code IOLoop}. */
  public static void install(Busy a) {
    synchronized (LoopAccess.class) {
      if (busy != null) {
        throw new IllegalStateException("already installed");
      }
      busy = a;
    }
  }

  /**
   * The accessor. Whoever holds an {@code IOLoop} has initialised the class, so it is installed.
   */
  static Busy busy() {
    return busy;
  }
}
