/**
 * The WebSocket protocol without sockets: frame parsing and writing (RFC 6455), permessage-deflate
 * (RFC 7692), and the opening handshake's header checks. Not API; used by the handler and client.
 *
 * <p>Nothing here is thread-safe: a parser, writer, compressor or decompressor belongs to one
 * connection and is used from that connection's loop.
 *
 * <p>Layer 7: may use {@code io.squall.websocket}, {@code io.squall.http} (with its internals) and
 * the layers below; nothing here touches a socket itself.
 */
package io.squall.websocket.internal;
