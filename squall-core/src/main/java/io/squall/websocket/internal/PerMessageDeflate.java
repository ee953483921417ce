package io.squall.websocket.internal;

import io.squall.websocket.CompressionOptions;
import io.squall.websocket.WebSocketHandshakeException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Negotiation of the permessage-deflate extension (RFC 7692 section 7.1) for both ends.
 *
 * <p>{@link java.util.zip} always deflates with a 15-bit (32 KiB) window and cannot be told to use
 * less, so this code never promises a smaller window for its own compressor: a server declines an
 * offer that asks for {@code server_max_window_bits} below 15, and a client never offers {@code
 * client_max_window_bits} and fails a response that demands less than 15. Limits on the peer's
 * window need nothing from us: a 15-bit inflater reads any smaller window.
 */
public final class PerMessageDeflate {
  /** The extension token. */
  public static final String NAME = "permessage-deflate";

  static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
  static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
  static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
  static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

  /** The only window size java.util.zip compresses with. */
  static final int WINDOW_BITS = 15;

  private PerMessageDeflate() {}

  /**
   * Server side: picks the first acceptable permessage-deflate offer from the client's {@code
   * Sec-WebSocket-Extensions}. An offer with unknown, duplicate or malformed parameters, or one
   * requiring {@code server_max_window_bits} below 15, is declined and the next one tried. A header
   * that does not parse at all means no compression (the handshake itself goes on).
   *
   * @param offers the request's header value (field lines joined with ", "), or null
   * @param options the server's settings; null turns compression off
   * @return the agreement, whose {@link DeflateAgreement#toHeaderValue()} is the response header
   *     value, or null when compression is not used
   */
  public static DeflateAgreement negotiateAsServer(String offers, CompressionOptions options) {
    if (options == null || offers == null) {
      return null;
    }
    List<ExtensionHeader.Extension> extensions;
    try {
      extensions = ExtensionHeader.parse(offers);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (ExtensionHeader.Extension offer : extensions) {
      if (offer.name().equalsIgnoreCase(NAME)) {
        DeflateAgreement agreement = acceptOffer(offer, options);
        if (agreement != null) {
          return agreement;
        }
      }
    }
    return null;
  }

  private static DeflateAgreement acceptOffer(
      ExtensionHeader.Extension offer, CompressionOptions options) {
    Set<String> seen = new HashSet<>();
    boolean serverNoContext = options.serverNoContextTakeover();
    boolean clientNoContext = options.clientNoContextTakeover();
    int serverBits = 0;
    for (ExtensionHeader.Param p : offer.params()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        return null;
      }
      switch (name) {
        case SERVER_NO_CONTEXT_TAKEOVER -> {
          if (p.value() != null) {
            return null;
          }
          serverNoContext = true;
        }
        case CLIENT_NO_CONTEXT_TAKEOVER -> {
          if (p.value() != null) {
            return null;
          }
          clientNoContext = true; // the client resets anyway; say so and reset our inflater too
        }
        case SERVER_MAX_WINDOW_BITS -> {
          // We cannot compress with a smaller window: refuse rather than promise it.
          if (parseWindowBits(p.value()) != WINDOW_BITS) {
            return null;
          }
          serverBits = WINDOW_BITS;
        }
        case CLIENT_MAX_WINDOW_BITS -> {
          // The client may limit its window; we inflate any window, so we leave it unlimited.
          if (p.value() != null && parseWindowBits(p.value()) < 0) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    return new DeflateAgreement(serverNoContext, clientNoContext, serverBits, 0);
  }

  /**
   * Client side: the {@code Sec-WebSocket-Extensions} value to offer.
   *
   * @param options the client's settings, not null
   */
  public static String clientOffer(CompressionOptions options) {
    StringBuilder sb = new StringBuilder(NAME);
    if (options.serverNoContextTakeover()) {
      sb.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
    }
    if (options.clientNoContextTakeover()) {
      sb.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
    }
    return sb.toString();
  }

  /**
   * Client side: checks the server's {@code Sec-WebSocket-Extensions} response to our offer.
   *
   * @param response the response header value, or null
   * @param options what the client offered with, or null if it offered nothing
   * @return the agreement, or null when the server did not accept compression
   * @throws WebSocketHandshakeException if the response names an extension we did not offer,
   *     accepts permessage-deflate twice, has unknown, duplicate or malformed parameters, or
   *     requires a client window below 15 bits; the client must fail the connection
   */
  public static DeflateAgreement acceptAsClient(String response, CompressionOptions options)
      throws WebSocketHandshakeException {
    List<ExtensionHeader.Extension> extensions;
    try {
      extensions = ExtensionHeader.parse(response);
    } catch (IllegalArgumentException e) {
      throw new WebSocketHandshakeException(e.getMessage());
    }
    DeflateAgreement result = null;
    for (ExtensionHeader.Extension ext : extensions) {
      if (options == null || !ext.name().equalsIgnoreCase(NAME)) {
        throw new WebSocketHandshakeException(
            "server accepted an extension that was not offered: " + ext.name());
      }
      if (result != null) {
        throw new WebSocketHandshakeException("server accepted permessage-deflate twice");
      }
      result = checkResponse(ext, options);
    }
    return result;
  }

  private static DeflateAgreement checkResponse(
      ExtensionHeader.Extension ext, CompressionOptions options)
      throws WebSocketHandshakeException {
    Set<String> seen = new HashSet<>();
    boolean serverNoContext = false;
    boolean clientNoContext = options.clientNoContextTakeover();
    int serverBits = 0;
    int clientBits = 0;
    for (ExtensionHeader.Param p : ext.params()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        throw new WebSocketHandshakeException("duplicate permessage-deflate parameter " + name);
      }
      switch (name) {
        case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
          if (p.value() != null) {
            throw new WebSocketHandshakeException(name + " must not have a value");
          }
          if (name.equals(SERVER_NO_CONTEXT_TAKEOVER)) {
            serverNoContext = true;
          } else {
            clientNoContext = true;
          }
        }
        case SERVER_MAX_WINDOW_BITS -> {
          serverBits = parseWindowBits(p.value());
          if (serverBits < 0) {
            throw new WebSocketHandshakeException("invalid " + name + ": " + p.value());
          }
        }
        case CLIENT_MAX_WINDOW_BITS -> {
          clientBits = parseWindowBits(p.value());
          if (clientBits < 0) {
            throw new WebSocketHandshakeException("invalid " + name + ": " + p.value());
          }
          if (clientBits != WINDOW_BITS) {
            throw new WebSocketHandshakeException(
                "server requires "
                    + name
                    + "="
                    + clientBits
                    + ", but this client always compresses with a 15-bit window");
          }
        }
        default ->
            throw new WebSocketHandshakeException("unknown permessage-deflate parameter " + name);
      }
    }
    return new DeflateAgreement(serverNoContext, clientNoContext, serverBits, clientBits);
  }

  /** Parses a window-bits value: 8-15 in decimal without leading zeros, else -1. */
  static int parseWindowBits(String value) {
    if (value == null) {
      return -1;
    }
    return switch (value) {
      case "8" -> 8;
      case "9" -> 9;
      case "10" -> 10;
      case "11" -> 11;
      case "12" -> 12;
      case "13" -> 13;
      case "14" -> 14;
      case "15" -> 15;
      default -> -1;
    };
  }
}
