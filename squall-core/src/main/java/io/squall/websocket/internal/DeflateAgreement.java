package io.squall.websocket.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The permessage-deflate parameters both ends agreed on in the handshake (RFC 7692 section 7.1).
 *
 * @param serverNoContextTakeover the server resets its compressor after each message
 * @param clientNoContextTakeover the client resets its compressor after each message
 * @param serverMaxWindowBits the server's window limit as sent in the response, or 0 when absent (a
 *     server built on this code only ever sends 15)
 * @param clientMaxWindowBits the client's window limit as sent in the response, or 0 when absent
 *     (only ever 0 or 15 here)
 */
public record DeflateAgreement(
    boolean serverNoContextTakeover,
    boolean clientNoContextTakeover,
    int serverMaxWindowBits,
    int clientMaxWindowBits) {

  /** The response header value a server sends to accept with these parameters. */
  public String toHeaderValue() {
    List<ExtensionHeader.Param> params = new ArrayList<>(4);
    if (serverNoContextTakeover) {
      params.add(new ExtensionHeader.Param(PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER, null));
    }
    if (clientNoContextTakeover) {
      params.add(new ExtensionHeader.Param(PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER, null));
    }
    if (serverMaxWindowBits != 0) {
      params.add(
          new ExtensionHeader.Param(
              PerMessageDeflate.SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
    }
    if (clientMaxWindowBits != 0) {
      params.add(
          new ExtensionHeader.Param(
              PerMessageDeflate.CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits)));
    }
    return ExtensionHeader.format(new ExtensionHeader.Extension(PerMessageDeflate.NAME, params));
  }

  /**
   * A compressor for the messages {@code role} sends.
   *
   * @param level deflate level, -1 or 0-9
   */
  public MessageCompressor newCompressor(Role role, int level) {
    return new MessageCompressor(
        level, role == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover);
  }

  /** A decompressor for the messages {@code role} receives. */
  public MessageDecompressor newDecompressor(Role role) {
    return new MessageDecompressor(
        role == Role.SERVER ? clientNoContextTakeover : serverNoContextTakeover);
  }
}
