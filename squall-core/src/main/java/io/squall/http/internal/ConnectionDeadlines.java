package io.squall.http.internal;

import io.squall.http.HttpServerOptions;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;

/**
 * The one deadline a server connection has at a time: for the next request to start (idle), for its
 * head, or for its body; and the one timer that enforces it.
 *
 * <p>Moving the deadline only writes two fields; the timer, armed at most one period (the shortest
 * of the configured timeouts) ahead, re-arms itself when it finds the deadline moved. So a request
 * costs no timer-heap work, instead of arming and cancelling a timer per phase. Loop thread only.
 */
final class ConnectionDeadlines {
  /** What a connection does when its deadline passes. */
  interface Expiry {
    /** The deadline of {@code kind} ({@link #IDLE}, {@link #HEAD} or {@link #BODY}) passed. */
    void deadlinePassed(int kind);
  }

  static final int NONE = 0;
  static final int IDLE = 1;
  static final int HEAD = 2;
  static final int BODY = 3;

  private final IOLoop loop;
  private final Expiry expiry;
  private final long idleNanos;
  private final long headNanos;
  private final boolean bodyLimited;
  private final long bodyNanos;
  private final long timerPeriod;
  private final Runnable onTimer = this::onTimer;
  private int kind = NONE;
  private long deadline;
  private Timeout timer;

  ConnectionDeadlines(IOLoop loop, HttpServerOptions options, Expiry expiry) {
    this.loop = loop;
    this.expiry = expiry;
    this.idleNanos = options.idleConnectionTimeout().toNanos();
    this.headNanos = options.headerTimeout().toNanos();
    this.bodyLimited = options.bodyTimeout() != null;
    this.bodyNanos = bodyLimited ? options.bodyTimeout().toNanos() : 0;
    long period = Math.min(idleNanos, headNanos);
    if (bodyLimited) {
      period = Math.min(period, bodyNanos);
    }
    this.timerPeriod = Math.max(period, 1_000_000);
  }

  /** Whether a body deadline is configured. */
  boolean hasBodyDeadline() {
    return bodyLimited;
  }

  /** The current deadline's kind, {@link #NONE} if there is none. */
  int kind() {
    return kind;
  }

  /** Sets the deadline of {@code kind} ({@link #IDLE}, {@link #HEAD} or {@link #BODY}) from now. */
  void set(int kind) {
    long nanos =
        switch (kind) {
          case IDLE -> idleNanos;
          case HEAD -> headNanos;
          default -> bodyNanos;
        };
    this.kind = kind;
    deadline = loop.time() + nanos;
    if (timer == null) {
      arm();
    }
  }

  /** No deadline until the next {@link #set}; the timer, if armed, lapses on its own. */
  void clear() {
    kind = NONE;
  }

  /** No deadline, and the timer is cancelled (the connection closes or is detached). */
  void cancel() {
    kind = NONE;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void arm() {
    long now = loop.time();
    long at = deadline - now < timerPeriod ? deadline : now + timerPeriod;
    timer = loop.callAt(at, onTimer);
  }

  private void onTimer() {
    timer = null;
    if (kind == NONE) {
      return; // the next set() arms a new timer
    }
    if (loop.time() - deadline < 0) {
      arm(); // the deadline moved since this timer was set
      return;
    }
    int passed = kind;
    kind = NONE;
    expiry.deadlinePassed(passed);
  }
}
