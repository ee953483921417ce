/**
 * WebSocket server handlers and client (Tornado's {@code tornado.websocket}), RFC 6455 and RFC
 * 7692.
 */
package io.squall.websocket;
