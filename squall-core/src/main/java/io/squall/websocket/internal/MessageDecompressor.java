package io.squall.websocket.internal;

import io.squall.websocket.CloseCode;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of permessage-deflate (RFC 7692 section 7.2.2): raw inflate of each compressed
 * message, fed piece by piece as frames arrive, with the stripped {@code 00 00 ff ff} tail put back
 * at the end of each message. Output is capped, so a small compressed message cannot expand beyond
 * the message size limit ("zip bomb").
 *
 * <p>Holds native memory: {@link #close()} it with the connection.
 */
public final class MessageDecompressor implements AutoCloseable {
  private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

  private final Inflater inflater = new Inflater(true);
  private final boolean noContextTakeover;
  private boolean fed; // whether the current message had any compressed bytes

  /**
   * @param noContextTakeover the peer resets its compressor after every message, so this side
   *     resets too (otherwise the window carries over from message to message)
   */
  public MessageDecompressor(boolean noContextTakeover) {
    this.noContextTakeover = noContextTakeover;
  }

  /** Whether the window is dropped after every message. */
  public boolean noContextTakeover() {
    return noContextTakeover;
  }

  /**
   * Inflates the next piece of a compressed message into {@code out}.
   *
   * @param limit the most bytes {@code out} may hold for this message
   * @throws WebSocketProtocolException 1009 when the output would exceed {@code limit}, 1007 when
   *     the data is not valid deflate
   */
  public void inflate(byte[] in, int off, int len, MessageBuffer out, int limit)
      throws WebSocketProtocolException {
    if (len == 0 || inflater.finished()) {
      // After a final deflate block (BFINAL) the rest of the message carries nothing.
      return;
    }
    fed = true;
    inflater.setInput(in, off, len);
    drain(out, limit);
  }

  /**
   * Ends the current message: inflates the implied tail and resets when there is no context
   * takeover or the peer ended its deflate stream.
   */
  public void finishMessage(MessageBuffer out, int limit) throws WebSocketProtocolException {
    // An empty payload means an empty message; the tail alone is not valid deflate.
    if (fed && !inflater.finished()) {
      inflater.setInput(TAIL);
      drain(out, limit);
    }
    if (noContextTakeover || inflater.finished()) {
      inflater.reset();
    }
    fed = false;
  }

  private void drain(MessageBuffer out, int limit) throws WebSocketProtocolException {
    long cap = (long) limit + 1; // one byte beyond the limit tells "too big" from "exactly full"
    try {
      while (!inflater.finished()) {
        if (out.size() >= cap) {
          throw tooBig();
        }
        int room = out.ensureRoom(1, cap);
        room = (int) Math.min(room, cap - out.size());
        int n = inflater.inflate(out.array(), out.size(), room);
        out.advance(n);
        if (out.size() > limit) {
          throw tooBig();
        }
        if (n == 0) {
          if (inflater.needsInput()) {
            return;
          }
          if (inflater.needsDictionary()) {
            throw new WebSocketProtocolException(
                CloseCode.INVALID_PAYLOAD, "compressed data needs a dictionary");
          }
        }
      }
    } catch (DataFormatException e) {
      throw new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD, "invalid compressed data");
    }
  }

  private static WebSocketProtocolException tooBig() {
    return new WebSocketProtocolException(
        CloseCode.MESSAGE_TOO_BIG, "message too big after decompression");
  }

  /** Releases the inflater's native memory. */
  @Override
  public void close() {
    inflater.end();
  }
}
