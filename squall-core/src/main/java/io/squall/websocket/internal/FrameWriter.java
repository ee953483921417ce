package io.squall.websocket.internal;

import io.squall.websocket.CloseCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Encodes WebSocket frames (RFC 6455 section 5) into buffers ready for one gathering write.
 *
 * <p>Each method returns the bytes of one or more complete frames, in order: a data frame is a
 * header buffer followed by a payload buffer; a control frame is one buffer. A client masks every
 * frame with a fresh 4-byte key; a server never masks. Data messages are compressed when a
 * compressor is given (RSV1 on the first frame) and split into frames of at most {@code
 * fragmentSize} payload bytes when that is positive.
 *
 * <p>Server-side payload buffers may wrap the caller's array (no copy): it must not change until
 * the buffers are written. Client-side payloads are always copies, since masking rewrites them.
 */
public final class FrameWriter {
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final int MAX_CLOSE_REASON = Opcode.MAX_CONTROL_PAYLOAD - 2;
  private static final int MAX_HEADER = 14; // 2 + 8 length bytes + 4 key bytes

  private final Role role;
  private final MessageCompressor compressor;
  private final int fragmentSize;
  private final RandomGenerator maskKeys;

  /**
   * @param role a client masks its frames, a server does not
   * @param compressor compresses data messages when permessage-deflate was negotiated, else null
   * @param fragmentSize largest payload per data frame, or 0 to send each message as one frame
   */
  public FrameWriter(Role role, MessageCompressor compressor, int fragmentSize) {
    // Masking keys must be unpredictable to the page that runs the client, not secret: a fast
    // generator seeded from SecureRandom per connection is enough (RFC 6455 section 10.3).
    this(role, compressor, fragmentSize, new SplittableRandom(SEEDS.nextLong()));
  }

  /** As above, with a given source of masking keys (for tests). */
  public FrameWriter(
      Role role, MessageCompressor compressor, int fragmentSize, RandomGenerator maskKeys) {
    if (fragmentSize < 0) {
      throw new IllegalArgumentException("fragmentSize must be >= 0: " + fragmentSize);
    }
    this.role = role;
    this.compressor = compressor;
    this.fragmentSize = fragmentSize;
    this.maskKeys = maskKeys;
  }

  /** Frames a text message. */
  public ByteBuffer[] text(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    return message(Opcode.TEXT, bytes, 0, bytes.length, true);
  }

  /** Frames a binary message. */
  public ByteBuffer[] binary(byte[] message) {
    return binary(message, 0, message.length);
  }

  /** Frames a binary message from part of an array. */
  public ByteBuffer[] binary(byte[] message, int off, int len) {
    Objects.checkFromIndexSize(off, len, message.length);
    return message(Opcode.BINARY, message, off, len, false);
  }

  /**
   * Frames a Ping.
   *
   * @throws IllegalArgumentException if the payload exceeds 125 bytes
   */
  public ByteBuffer[] ping(byte[] payload) {
    return new ByteBuffer[] {control(Opcode.PING, payload, payload.length)};
  }

  /**
   * Frames a Pong.
   *
   * @throws IllegalArgumentException if the payload exceeds 125 bytes
   */
  public ByteBuffer[] pong(byte[] payload) {
    return new ByteBuffer[] {control(Opcode.PONG, payload, payload.length)};
  }

  /**
   * Frames a Close. The reason is cut to the 123 bytes that fit, never inside a UTF-8 sequence.
   *
   * @param code a code valid on the wire, or {@link CloseCode#NO_STATUS_RECEIVED} for a Close
   *     without payload (then a non-empty reason is sent with 1000, as Tornado does)
   * @param reason the reason, or null
   * @throws IllegalArgumentException if the code may not be sent
   */
  public ByteBuffer[] close(int code, String reason) {
    boolean hasReason = reason != null && !reason.isEmpty();
    if (code == CloseCode.NO_STATUS_RECEIVED) {
      if (!hasReason) {
        return new ByteBuffer[] {control(Opcode.CLOSE, new byte[0], 0)};
      }
      code = CloseCode.NORMAL_CLOSURE;
    }
    if (!CloseCode.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code may not be sent: " + code);
    }
    byte[] text = hasReason ? reason.getBytes(StandardCharsets.UTF_8) : new byte[0];
    int len = text.length;
    if (len > MAX_CLOSE_REASON) {
      len = MAX_CLOSE_REASON;
      while (len > 0 && (text[len] & 0xC0) == 0x80) {
        len--; // text[len] continues a sequence that would be cut: drop the whole character
      }
    }
    byte[] payload = new byte[2 + len];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, len);
    return new ByteBuffer[] {control(Opcode.CLOSE, payload, payload.length)};
  }

  /**
   * Frames one raw frame, for callers that fragment a message themselves. The caller keeps the
   * opcode sequence valid (TEXT/BINARY, then CONTINUATION frames, the last with {@code fin}).
   *
   * @param rsv1 the per-message-compressed bit; set only on a message's first frame and only when
   *     the payload is already compressed
   */
  public ByteBuffer[] frame(
      boolean fin, int opcode, boolean rsv1, byte[] payload, int off, int len) {
    Objects.checkFromIndexSize(off, len, payload.length);
    if (Opcode.isControl(opcode)) {
      if (!fin || rsv1) {
        throw new IllegalArgumentException("control frames are unfragmented and uncompressed");
      }
      return new ByteBuffer[] {control(opcode, Arrays.copyOfRange(payload, off, off + len), len)};
    }
    if (!Opcode.isDefined(opcode)) {
      throw new IllegalArgumentException("reserved opcode " + opcode);
    }
    byte[] data = payload;
    int start = off;
    if (role.masksOutgoing()) {
      data = Arrays.copyOfRange(payload, off, off + len);
      start = 0;
    }
    ByteBuffer[] out = new ByteBuffer[2];
    putFrame(out, 0, new byte[MAX_HEADER], 0, fin, opcode, rsv1, data, start, len);
    return out;
  }

  private ByteBuffer[] message(int opcode, byte[] data, int off, int len, boolean owned) {
    boolean compressed = compressor != null;
    if (compressed) {
      ByteBuffer c = compressor.compress(data, off, len);
      data = c.array();
      off = c.position();
      len = c.remaining();
    } else if (role.masksOutgoing() && !owned) {
      data = Arrays.copyOfRange(data, off, off + len);
      off = 0;
    }
    int frames = fragmentSize > 0 && len > fragmentSize ? (len - 1) / fragmentSize + 1 : 1;
    ByteBuffer[] out = new ByteBuffer[2 * frames];
    byte[] headers = new byte[frames * MAX_HEADER]; // one array for all the headers
    for (int i = 0; i < frames; i++) {
      int start = off + i * fragmentSize;
      int n = frames == 1 ? len : Math.min(fragmentSize, off + len - start);
      putFrame(
          out,
          2 * i,
          headers,
          i * MAX_HEADER,
          i == frames - 1,
          i == 0 ? opcode : Opcode.CONTINUATION,
          compressed && i == 0,
          data,
          start,
          n);
    }
    return out;
  }

  /**
   * Writes a frame header into {@code headers} at {@code hoff} and stores header and payload
   * buffers at out[at] and out[at + 1], masking the payload in place if needed.
   */
  private void putFrame(
      ByteBuffer[] out,
      int at,
      byte[] headers,
      int hoff,
      boolean fin,
      int opcode,
      boolean rsv1,
      byte[] data,
      int off,
      int len) {
    int h = writeHeader(headers, hoff, fin, opcode, rsv1, len);
    if (role.masksOutgoing()) {
      int key = maskKeys.nextInt();
      h = writeKey(headers, h, key);
      Masking.mask(data, off, len, key, 0);
    }
    out[at] = ByteBuffer.wrap(headers, hoff, h - hoff);
    out[at + 1] = ByteBuffer.wrap(data, off, len);
  }

  /** One buffer with a control frame's header and payload; {@code payload} may be modified. */
  private ByteBuffer control(int opcode, byte[] payload, int len) {
    if (len > Opcode.MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("control frame payload over 125 bytes: " + len);
    }
    byte[] frame = new byte[6 + len];
    int h = writeHeader(frame, 0, true, opcode, false, len);
    System.arraycopy(payload, 0, frame, role.masksOutgoing() ? h + 4 : h, len);
    if (role.masksOutgoing()) {
      int key = maskKeys.nextInt();
      h = writeKey(frame, h, key);
      Masking.mask(frame, h, len, key, 0);
    }
    return ByteBuffer.wrap(frame, 0, h + len);
  }

  /** Writes a header without key at {@code b[at]}; returns the index after it. */
  private int writeHeader(byte[] b, int at, boolean fin, int opcode, boolean rsv1, long len) {
    b[at] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
    int maskBit = role.masksOutgoing() ? 0x80 : 0;
    if (len < 126) {
      b[at + 1] = (byte) (maskBit | len);
      return at + 2;
    }
    if (len <= 0xFFFF) {
      b[at + 1] = (byte) (maskBit | 126);
      b[at + 2] = (byte) (len >>> 8);
      b[at + 3] = (byte) len;
      return at + 4;
    }
    b[at + 1] = (byte) (maskBit | 127);
    for (int i = 0; i < 8; i++) {
      b[at + 2 + i] = (byte) (len >>> (56 - 8 * i));
    }
    return at + 10;
  }

  private static int writeKey(byte[] b, int at, int key) {
    b[at] = (byte) (key >>> 24);
    b[at + 1] = (byte) (key >>> 16);
    b[at + 2] = (byte) (key >>> 8);
    b[at + 3] = (byte) key;
    return at + 4;
  }
}
