package io.squall.websocket.internal;

import java.util.Map;

/**
 * The outcome of checking a WebSocket upgrade request: either 101 with the accept value, or the
 * error status and message to answer with instead.
 *
 * @param status 101 on success, else 400, 405 or 426
 * @param message the reason: "Switching Protocols" on success, else what was wrong (fit for a
 *     response body)
 * @param acceptValue the {@code Sec-WebSocket-Accept} value on success, else null
 * @param responseHeaders headers the response must carry: on success {@code Upgrade}, {@code
 *     Connection} and {@code Sec-WebSocket-Accept}; with 426 {@code Sec-WebSocket-Version}; with
 *     405 {@code Allow}. Iteration order is the order to send them in.
 */
public record UpgradeCheck(
    int status, String message, String acceptValue, Map<String, String> responseHeaders) {

  /** Whether the request may be upgraded. */
  public boolean ok() {
    return status == 101;
  }
}
