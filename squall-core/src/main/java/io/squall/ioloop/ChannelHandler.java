package io.squall.ioloop;

import java.nio.channels.SelectableChannel;

/**
 * Receives readiness events for a channel registered with {@link IOLoop#addHandler}. Runs on the
 * loop thread.
 */
@FunctionalInterface
public interface ChannelHandler {
  /**
   * Called when the channel is ready.
   *
   * @param channel the registered channel
   * @param readyOps the ready set, a combination of {@link java.nio.channels.SelectionKey} {@code
   *     OP_*} bits
   */
  void handleEvents(SelectableChannel channel, int readyOps);
}
