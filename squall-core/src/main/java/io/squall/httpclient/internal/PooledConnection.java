package io.squall.httpclient.internal;

import io.squall.ioloop.Timeout;
import io.squall.iostream.BaseIOStream;

/**
 * One client connection: its stream, the host it belongs to and how many requests it carried. A
 * connection is either in use by one request or idle in the {@link ConnectionPool}.
 */
public final class PooledConnection {
  private final HostKey key;
  private final BaseIOStream stream;
  private int requests;
  Timeout idleTimer;
  long idleSince;

  /** Wraps a freshly connected stream. */
  public PooledConnection(HostKey key, BaseIOStream stream) {
    this.key = key;
    this.stream = stream;
  }

  /** The host. */
  public HostKey key() {
    return key;
  }

  /** The stream. */
  public BaseIOStream stream() {
    return stream;
  }

  /** Counts a request sent on this connection and returns how many came before it. */
  public int startRequest() {
    return requests++;
  }

  /** Whether the connection carried a request before the current one. */
  public boolean reused() {
    return requests > 1;
  }

  /** Whether it can carry another request: open and nothing unread arrived. */
  public boolean usable() {
    return !stream.closed() && stream.readBufferSize() == 0 && !stream.reading();
  }

  @Override
  public String toString() {
    return "PooledConnection[" + key + ", " + requests + " requests, " + stream + "]";
  }
}
