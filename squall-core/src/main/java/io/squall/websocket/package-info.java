/**
 * WebSocket server handlers and client (Tornado's {@code tornado.websocket}), RFC 6455 and RFC
 * 7692.
 *
 * <p>Layer 7: may use {@code io.squall.web} (a WebSocket handler is a request handler), {@code
 * io.squall.http} and every layer below; never {@code io.squall.auth}.
 */
package io.squall.websocket;
