package io.squall.http;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Receives one request as it arrives (Tornado's {@code HTTPMessageDelegate}). All methods run on
 * the connection's loop, in order: {@link #headersReceived}, zero or more {@link #dataReceived},
 * then {@link #finish} — or {@link #onConnectionClose} when the client goes away first.
 */
public interface HttpMessageDelegate {
  /**
   * The request line and headers have arrived. The body (if any) follows. A delegate that finishes
   * the response here without reading the body (an early 4xx) makes the connection skip the body,
   * and close if the body cannot be skipped safely; a {@code 100 Continue} is then never sent.
   *
   * @return null, or a stage the connection waits for before reading the body
   */
  CompletionStage<?> headersReceived(HttpServerRequest request);

  /**
   * A piece of the body, decoded from chunked transfer coding (and gzip, when the server inflates).
   * The buffer is only valid during the call; copy what you keep.
   *
   * @return null, or a stage the connection waits for before reading more (flow control)
   */
  CompletionStage<?> dataReceived(ByteBuffer chunk);

  /** The whole request has arrived. */
  void finish();

  /** The connection closed before the request was finished. */
  void onConnectionClose();
}
