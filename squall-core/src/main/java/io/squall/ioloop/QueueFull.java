package io.squall.ioloop;

/**
 * Thrown by {@link Queue#putNowait} when the queue has no free slot (Tornado's {@code QueueFull}).
 */
public final class QueueFull extends RuntimeException {
  /** Creates the exception with a message. */
  public QueueFull(String message) {
    super(message);
  }
}
