package io.squall.ioloop;

/**
 * Work was handed to an {@link IOLoop} that has closed, so it will never run: thrown by {@link
 * IOLoop#addCallback} (and what builds on it), and the failure of every future registered with
 * {@link IOLoop#failOnClose} when its loop closes.
 */
public final class LoopClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * For work handed to {@code loop}.
   *
   * @param loop the closed loop
   */
  public LoopClosedException(IOLoop loop) {
    super("loop " + loop.name() + " is closed; the work handed to it will never run");
  }
}
