package io.squall.httpclient;

import java.util.concurrent.CompletableFuture;

/**
 * Where a {@link BodyProducer} writes a streamed request body. Safe from any thread: calls from
 * other threads are handed to the client's loop in the order they were made.
 */
public interface BodyWriter {
  /**
   * Sends {@code chunk} (not copied: do not change it afterwards). The future completes on the
   * client's loop once the connection can take more (its write queue is under the high-water mark),
   * so a producer that waits for it never buffers without bound; it fails if the request ended
   * meanwhile (a timeout, the server closing).
   */
  CompletableFuture<Void> write(byte[] chunk);
}
