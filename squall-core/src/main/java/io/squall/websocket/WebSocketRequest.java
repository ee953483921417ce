package io.squall.websocket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link WebSocketClient} asks for: the URL, extra request headers (for example {@code
 * Cookie}, {@code Authorization} or {@code Origin}) and the subprotocols to offer.
 *
 * @param url a {@code ws://} (or {@code http://}) URL; {@code wss://} is not supported yet
 * @param headers extra request headers, sent in this order; the handshake's own headers ({@code
 *     Upgrade}, {@code Connection}, {@code Sec-WebSocket-*}) cannot be replaced, a {@code Host}
 *     given here replaces the one made from the URL
 * @param subprotocols subprotocols to offer in {@code Sec-WebSocket-Protocol}, in order of
 *     preference; when empty, those of the {@link WebSocketClientOptions} are offered
 */
public record WebSocketRequest(String url, Map<String, String> headers, List<String> subprotocols) {
  /** Checks for nulls and makes unmodifiable copies. */
  public WebSocketRequest {
    Objects.requireNonNull(url, "url");
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
  }

  /**
   * A request without extra headers or subprotocols.
   *
   * @param url the URL
   */
  public WebSocketRequest(String url) {
    this(url, Map.of(), List.of());
  }
}
