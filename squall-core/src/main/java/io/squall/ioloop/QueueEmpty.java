package io.squall.ioloop;

/** Thrown by {@link Queue#getNowait} when the queue has no item (Tornado's {@code QueueEmpty}). */
public final class QueueEmpty extends RuntimeException {
  /** Creates the exception with a message. */
  public QueueEmpty(String message) {
    super(message);
  }
}
