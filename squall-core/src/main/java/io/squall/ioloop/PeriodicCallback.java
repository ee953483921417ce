package io.squall.ioloop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a callback on an {@link IOLoop} every {@code period} (Tornado's {@code PeriodicCallback}).
 *
 * <p>The first run comes one period after {@link #start()}. Runs are scheduled on a fixed grid
 * (start time + k × period), not one period after the previous run ended, so they do not drift. If
 * a run takes so long (or the loop is so busy) that ticks of the grid were missed, the missed ticks
 * are <em>skipped</em>: the next run is at the next grid point in the future, runs never bunch up
 * to catch up.
 *
 * <p>A callback that throws is logged and the schedule goes on.
 *
 * <p>{@link #withJitter(double) Jitter} spreads many periodic callbacks that were started together:
 * each interval is the period scaled by a random factor in {@code [1 - jitter/2, 1 + jitter/2]}.
 *
 * <pre>{@code
 * PeriodicCallback ping = new PeriodicCallback(this::sendPing, Duration.ofSeconds(30))
 *     .withJitter(0.1);
 * ping.start();   // on the loop thread
 * ...
 * ping.stop();
 * }</pre>
 *
 * <p>Threading: call {@link #start()} and {@link #stop()} on the loop thread (before the loop runs,
 * start may also be called from the thread that will run it). {@link #stop()} is also safe from any
 * other thread: no run starts after it returns, though a run already under way finishes.
 */
public final class PeriodicCallback {
  private static final Logger log = LoggerFactory.getLogger(PeriodicCallback.class);

  private final Runnable callback;
  private final long periodNanos;
  private final IOLoop fixedLoop;
  private volatile double jitter;

  private volatile IOLoop loop;
  private volatile boolean running;

  /** Bumped by start and stop; a timer from an older generation does nothing when it fires. */
  private volatile long generation;

  private volatile Timeout timeout;
  private long nextDeadline;

  /**
   * A periodic callback on the loop that is {@linkplain IOLoop#current() current} when {@link
   * #start()} is called.
   *
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public PeriodicCallback(Runnable callback, Duration period) {
    this(null, callback, period);
  }

  /**
   * A periodic callback on {@code loop}.
   *
   * @throws IllegalArgumentException if {@code period} is not positive
   */
  public PeriodicCallback(IOLoop loop, Runnable callback, Duration period) {
    this.fixedLoop = loop;
    this.callback = Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    this.periodNanos = period.toNanos();
  }

  /**
   * Sets the jitter, a fraction of the period: each interval is the period times a random factor in
   * {@code [1 - jitter/2, 1 + jitter/2]}. 0 (the default) means none. Returns this.
   *
   * @throws IllegalArgumentException if {@code jitter} is not in {@code [0, 1]}
   */
  public PeriodicCallback withJitter(double jitter) {
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
    this.jitter = jitter;
    return this;
  }

  /** The period. */
  public Duration period() {
    return Duration.ofNanos(periodNanos);
  }

  /** The jitter fraction, 0 when none. */
  public double jitter() {
    return jitter;
  }

  /** Whether it is started and not stopped. */
  public boolean isRunning() {
    return running;
  }

  /**
   * Starts the schedule: the first run is one period from now. Does nothing if already running. The
   * callback runs on the loop given to the constructor, else on the loop current on the calling
   * thread now.
   */
  public synchronized void start() {
    if (running) {
      return;
    }
    IOLoop target = fixedLoop != null ? fixedLoop : IOLoop.current();
    loop = target;
    running = true;
    long gen = ++generation;
    nextDeadline = target.time();
    scheduleNext(target, gen, nextDeadline);
  }

  /** Stops the schedule. Does nothing if not running. A run under way finishes. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    generation++;
    Timeout t = timeout;
    if (t != null) {
      t.cancel();
      timeout = null;
    }
  }

  private void run(IOLoop target, long gen) {
    if (!running || generation != gen) {
      return;
    }
    try {
      callback.run();
    } catch (Throwable e) {
      log.error("Exception in periodic callback {}", callback, e);
    }
    synchronized (this) {
      if (running && generation == gen) {
        scheduleNext(target, gen, target.time());
      }
    }
  }

  private void scheduleNext(IOLoop target, long gen, long now) {
    nextDeadline = nextDeadline(nextDeadline, now, intervalNanos());
    timeout = target.callAt(nextDeadline, () -> run(target, gen));
  }

  /** The period, scaled by a fresh random jitter factor if jitter is on. */
  private long intervalNanos() {
    double j = jitter;
    return j == 0
        ? periodNanos
        : jitteredInterval(periodNanos, j, ThreadLocalRandom.current().nextDouble());
  }

  /** {@code period} scaled by {@code 1 + jitter * (random - 0.5)}, random in {@code [0, 1)}. */
  static long jitteredInterval(long period, double jitter, double random) {
    return Math.max(1, Math.round(period * (1 + jitter * (random - 0.5))));
  }

  /**
   * The deadline after {@code previous}: one interval later, or, if that is not in the future, the
   * first point {@code previous + k * interval} after {@code now}, skipping missed ticks.
   */
  static long nextDeadline(long previous, long now, long interval) {
    if (previous - now <= 0) {
      long missed = (now - previous) / interval;
      return previous + (missed + 1) * interval;
    }
    return previous + interval;
  }

  @Override
  public String toString() {
    return "PeriodicCallback["
        + callback
        + " every "
        + period()
        + (running ? ", running on " + loop : "")
        + "]";
  }
}
