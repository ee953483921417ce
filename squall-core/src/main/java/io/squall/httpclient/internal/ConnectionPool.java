package io.squall.httpclient.internal;

import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Connection slots and idle keep-alive connections per host, on one loop (Tornado's {@code
 * max_clients} queue, with reuse).
 *
 * <p>A request {@linkplain #acquire asks} for a slot. It is granted at once if the host has an idle
 * connection (handed over), or if a new connection fits under both caps (total and per host; an
 * idle connection of another host is closed to make room when only the total is in the way).
 * Otherwise the request waits in a FIFO queue, with an optional timeout; a queued request for a
 * host at its cap does not hold back requests for other hosts. The holder of a slot gives it back
 * exactly once with {@link #release}, with the connection if it may be reused.
 *
 * <p>Idle connections are closed after the idle timeout, when the server closes them (noticed by
 * the stream while idle) or when they receive unexpected bytes; a connection handed out is always
 * open with nothing unread. Loop thread only.
 */
public final class ConnectionPool {
  /** Someone waiting for a slot. */
  public interface Waiter {
    /**
     * The slot is granted: with an idle connection to reuse, or null when the waiter must open a
     * new one.
     */
    void granted(PooledConnection connection);

    /** The queue timeout ran out; the waiter holds no slot. */
    void queueTimedOut();
  }

  /** A place in the queue, to leave it early. */
  public interface Ticket {
    /** Leaves the queue if still waiting; returns whether it was. */
    boolean cancel();
  }

  private static final class HostState {
    final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    int active; // slots granted and not released, with or without a connection yet
  }

  private final class Pending implements Ticket {
    final HostKey key;
    final Waiter waiter;
    Timeout timer;
    boolean waiting = true;
    PooledConnection waiterConnection;

    Pending(HostKey key, Waiter waiter) {
      this.key = key;
      this.waiter = waiter;
    }

    @Override
    public boolean cancel() {
      if (!waiting) {
        return false;
      }
      waiting = false;
      queue.remove(this);
      if (timer != null) {
        timer.cancel();
      }
      return true;
    }
  }

  private final IOLoop loop;
  private final int maxTotal;
  private final int maxPerHost;
  private final Duration idleTimeout;
  private final Map<HostKey, HostState> hosts = new HashMap<>();
  private final LinkedList<Pending> queue = new LinkedList<>();
  private int active;
  private int idle;
  private boolean closed;

  /**
   * A pool on {@code loop}.
   *
   * @param maxTotal the most connections, in use and idle
   * @param maxPerHost the most connections per host
   * @param idleTimeout how long a connection may stay idle; zero: never keep one
   */
  public ConnectionPool(IOLoop loop, int maxTotal, int maxPerHost, Duration idleTimeout) {
    this.loop = loop;
    this.maxTotal = maxTotal;
    this.maxPerHost = maxPerHost;
    this.idleTimeout = idleTimeout;
  }

  /** Whether connections are kept for reuse at all. */
  public boolean reuses() {
    return !idleTimeout.isZero();
  }

  /**
   * Asks for a slot for {@code key}. The waiter may be called before this returns.
   *
   * @param queueTimeout how long to wait in the queue; null or zero: no limit
   */
  public Ticket acquire(HostKey key, Waiter waiter, Duration queueTimeout) {
    if (closed) {
      throw new IllegalStateException("pool is closed");
    }
    Pending p = new Pending(key, waiter);
    queue.add(p);
    processQueue();
    if (p.waiting && queueTimeout != null && !queueTimeout.isZero()) {
      p.timer =
          loop.callLater(
              queueTimeout,
              () -> {
                if (p.waiting) {
                  p.waiting = false;
                  queue.remove(p);
                  p.waiter.queueTimedOut();
                }
              });
    }
    return p;
  }

  /**
   * Gives a slot back. {@code reusable} is a connection to keep for its host (it must be open with
   * nothing unread), or null when the connection was closed or never opened.
   */
  public void release(HostKey key, PooledConnection reusable) {
    HostState h = hosts.get(key);
    if (h == null || h.active == 0) {
      throw new IllegalStateException("release without a slot for " + key);
    }
    h.active--;
    active--;
    if (reusable != null) {
      if (closed || !reuses() || !reusable.usable()) {
        reusable.stream().close();
      } else {
        park(h, reusable);
      }
    }
    if (h.active == 0 && h.idle.isEmpty()) {
      hosts.remove(key);
    }
    processQueue();
  }

  private void park(HostState h, PooledConnection c) {
    h.idle.addLast(c);
    idle++;
    c.idleSince = loop.time();
    c.stream().setCloseCallback(() -> dropIdle(c));
    c.idleTimer = loop.callLater(idleTimeout, () -> c.stream().close());
    // a response byte or EOF arriving while idle: the stream takes one chunk when not reading,
    // closes on EOF (close callback above); unexpected bytes are caught by usable() on checkout.
  }

  private void dropIdle(PooledConnection c) {
    HostState h = hosts.get(c.key());
    if (h != null && h.idle.remove(c)) {
      idle--;
      if (c.idleTimer != null) {
        c.idleTimer.cancel();
      }
      if (h.active == 0 && h.idle.isEmpty()) {
        hosts.remove(c.key());
      }
      processQueue();
    }
  }

  /** Takes a usable idle connection of {@code h}, closing stale ones; null if none. */
  private PooledConnection takeIdle(HostState h) {
    while (!h.idle.isEmpty()) {
      PooledConnection c = h.idle.pollLast(); // most recently used: least likely timed out
      idle--;
      c.idleTimer.cancel();
      c.stream().setCloseCallback(null);
      if (c.usable()) {
        return c;
      }
      c.stream().close();
    }
    return null;
  }

  private void processQueue() {
    Iterator<Pending> it = queue.iterator();
    List<Pending> granted = null;
    while (it.hasNext()) {
      Pending p = it.next();
      HostState h = hosts.computeIfAbsent(p.key, k -> new HostState());
      PooledConnection c = takeIdle(h);
      if (c == null) {
        if (h.active + h.idle.size() >= maxPerHost) {
          continue;
        }
        if (active + idle >= maxTotal && !closeOldestIdleElsewhere(p.key)) {
          if (h.active == 0 && h.idle.isEmpty()) {
            hosts.remove(p.key);
          }
          continue;
        }
      }
      it.remove();
      p.waiting = false;
      if (p.timer != null) {
        p.timer.cancel();
      }
      h.active++;
      active++;
      if (granted == null) {
        granted = new ArrayList<>(2);
      }
      granted.add(p);
      p.waiterConnection = c;
    }
    if (granted != null) {
      for (Pending p : granted) {
        p.waiter.granted(p.waiterConnection);
      }
    }
  }

  private boolean closeOldestIdleElsewhere(HostKey except) {
    PooledConnection oldest = null;
    for (Map.Entry<HostKey, HostState> e : hosts.entrySet()) {
      if (e.getKey().equals(except)) {
        continue;
      }
      PooledConnection c = e.getValue().idle.peekFirst();
      if (c != null && (oldest == null || c.idleSince < oldest.idleSince)) {
        oldest = c;
      }
    }
    if (oldest == null) {
      return false;
    }
    HostState h = hosts.get(oldest.key());
    h.idle.remove(oldest);
    idle--;
    oldest.idleTimer.cancel();
    oldest.stream().setCloseCallback(null);
    oldest.stream().close();
    if (h.active == 0 && h.idle.isEmpty()) {
      hosts.remove(oldest.key());
    }
    return true;
  }

  /** Slots in use. */
  public int active() {
    return active;
  }

  /** Idle connections. */
  public int idle() {
    return idle;
  }

  /** Idle connections to {@code key}. */
  public int idle(HostKey key) {
    HostState h = hosts.get(key);
    return h == null ? 0 : h.idle.size();
  }

  /** Requests waiting for a slot. */
  public int queued() {
    return queue.size();
  }

  /**
   * Closes the idle connections and empties the queue, handing each waiter to {@code dropped};
   * later releases close their connections.
   */
  public void close(Consumer<Waiter> dropped) {
    closed = true;
    List<Pending> waiting = new ArrayList<>(queue);
    queue.clear();
    for (HostState h : hosts.values()) {
      for (PooledConnection c : h.idle) {
        c.idleTimer.cancel();
        c.stream().setCloseCallback(null);
        c.stream().close();
      }
      idle -= h.idle.size();
      h.idle.clear();
    }
    for (Pending p : waiting) {
      p.waiting = false;
      if (p.timer != null) {
        p.timer.cancel();
      }
      dropped.accept(p.waiter);
    }
  }
}
