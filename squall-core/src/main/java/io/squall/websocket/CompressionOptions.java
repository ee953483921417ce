package io.squall.websocket;

import java.util.zip.Deflater;

/**
 * Settings for the permessage-deflate extension (RFC 7692). A handler or client that returns a
 * non-null instance offers or accepts compression; {@code null} turns it off.
 *
 * <p>Deflate windows are always 32 KiB (15 bits): {@link java.util.zip} cannot use a smaller one. A
 * server therefore declines an offer that requires {@code server_max_window_bits} below 15, and a
 * client fails a handshake whose response requires {@code client_max_window_bits} below 15. Peers
 * that limit their own window are always fine, since a 15-bit inflater reads any smaller window.
 *
 * <p>The two {@code noContextTakeover} flags trade compression ratio for memory: without context
 * takeover each message is compressed on its own, and the compressor forgets everything between
 * messages.
 *
 * @param compressionLevel deflate level, 0 (store) to 9 (best), or -1 for zlib's default (6)
 * @param serverNoContextTakeover the server resets its compressor after each message. A server
 *     sends {@code server_no_context_takeover} in its response; a client asks for it in its offer.
 *     A server honours the parameter whenever a client asks, regardless of this flag.
 * @param clientNoContextTakeover the client resets its compressor after each message. A server
 *     requires it of the client with {@code client_no_context_takeover}; a client announces it in
 *     its offer and resets regardless of the answer.
 */
public record CompressionOptions(
    int compressionLevel, boolean serverNoContextTakeover, boolean clientNoContextTakeover) {

  /** The default level, 6, as Tornado and zlib use. */
  public static final int DEFAULT_LEVEL = 6;

  /**
   * Checks the level.
   *
   * @throws IllegalArgumentException if the level is not -1 or 0-9
   */
  public CompressionOptions {
    if (compressionLevel != Deflater.DEFAULT_COMPRESSION
        && (compressionLevel < Deflater.NO_COMPRESSION
            || compressionLevel > Deflater.BEST_COMPRESSION)) {
      throw new IllegalArgumentException(
          "compression level must be -1 or 0-9: " + compressionLevel);
    }
  }

  /**
   * Level 6 with context takeover in both directions: the best ratio for streams of similar
   * messages.
   *
   * @return the default options
   */
  public static CompressionOptions defaults() {
    return new CompressionOptions(DEFAULT_LEVEL, false, false);
  }

  /**
   * A copy with another compression level.
   *
   * @param level -1 or 0-9
   * @return the new options
   */
  public CompressionOptions withCompressionLevel(int level) {
    return new CompressionOptions(level, serverNoContextTakeover, clientNoContextTakeover);
  }

  /**
   * A copy with {@code server_no_context_takeover} set as given.
   *
   * @param value whether the server resets its compressor after each message
   * @return the new options
   */
  public CompressionOptions withServerNoContextTakeover(boolean value) {
    return new CompressionOptions(compressionLevel, value, clientNoContextTakeover);
  }

  /**
   * A copy with {@code client_no_context_takeover} set as given.
   *
   * @param value whether the client resets its compressor after each message
   * @return the new options
   */
  public CompressionOptions withClientNoContextTakeover(boolean value) {
    return new CompressionOptions(compressionLevel, serverNoContextTakeover, value);
  }
}
