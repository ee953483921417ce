package io.squall.websocket.internal;

import io.squall.websocket.CloseCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental WebSocket frame parser (RFC 6455 section 5) with message assembly, UTF-8 validation
 * and permessage-deflate decompression (RFC 7692).
 *
 * <p>Push bytes with {@link #feed(ByteBuffer)} as they arrive, split anywhere; complete messages
 * and control frames go to the {@link FrameListener}. A protocol violation throws a {@link
 * WebSocketProtocolException} carrying the close code to send (1002 protocol error, 1007 invalid
 * payload, 1009 too big); the parser is then dead. After a Close frame it ignores further input.
 *
 * <p>Limits: a data message may not exceed {@code maxMessageSize} bytes, counted on the declared
 * frame lengths before anything is buffered, and again on the decompressed size. Memory grows only
 * as payload actually arrives.
 *
 * <p>The parser does not own the decompressor; whoever made it closes it.
 */
public final class FrameParser {
  /** Tornado's default limit: 10 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

  private static final int SCRATCH_SIZE = 16 * 1024;
  private static final int NO_MESSAGE = -1;

  private static final int HEADER = 0;
  private static final int PAYLOAD = 1;
  private static final int CLOSED = 2;
  private static final int FAILED = 3;

  private final Role role;
  private final int maxMessageSize;
  private final MessageDecompressor decompressor;
  private final FrameListener listener;
  private boolean requireMinimalLength;
  private boolean pauseRequested;

  private int state = HEADER;

  // Frame header being read: 2 fixed bytes, up to 8 length bytes, up to 4 mask bytes.
  private final byte[] header = new byte[14];
  private int headerLen;
  private int headerNeeded = 2;

  // Current frame.
  private boolean fin;
  private int opcode;
  private boolean masked;
  private int maskKey;
  private long payloadLen;
  private long payloadPos;

  // Current data message.
  private int messageOpcode = NO_MESSAGE;
  private boolean messageCompressed;
  private long messageWireBytes;
  private final MessageBuffer message = new MessageBuffer();
  private final Utf8Validator utf8 = new Utf8Validator();

  private byte[]
      control; // a control frame's payload; allocated at the first one (idle sockets have none)
  private byte[] scratch;

  /**
   * @param role which end this parser serves; a server requires masked frames, a client unmasked
   * @param maxMessageSize the largest data message accepted, in bytes, before and after
   *     decompression
   * @param decompressor the permessage-deflate state when the extension was negotiated, else null
   *     (then any RSV1 bit is a protocol error)
   * @param listener receives messages and control frames
   */
  public FrameParser(
      Role role, int maxMessageSize, MessageDecompressor decompressor, FrameListener listener) {
    if (maxMessageSize < 0) {
      throw new IllegalArgumentException("maxMessageSize must be >= 0: " + maxMessageSize);
    }
    this.role = role;
    this.maxMessageSize = maxMessageSize;
    this.decompressor = decompressor;
    this.listener = listener;
  }

  /**
   * Whether extended payload lengths must use the shortest encoding (RFC 6455 says they must). Off
   * by default: a longer encoding is harmless, and lenient parsing matches Tornado.
   */
  public FrameParser requireMinimalLength(boolean require) {
    this.requireMinimalLength = require;
    return this;
  }

  /** Whether a Close frame was received; input after it is ignored. */
  public boolean isCloseReceived() {
    return state == CLOSED;
  }

  /** Whether the parser met a protocol error; it accepts no more input. */
  public boolean isFailed() {
    return state == FAILED;
  }

  /** Whether a fragmented data message has started and not yet ended. */
  public boolean inMessage() {
    return messageOpcode != NO_MESSAGE;
  }

  /**
   * Makes the running {@link #feed} return right after the frame being delivered, leaving the rest
   * of its input unread. Call it from a listener method that cannot take more messages for now (its
   * handler is still busy); feed the rest of the buffer later.
   */
  public void pause() {
    pauseRequested = true;
  }

  /**
   * Consumes all of {@code in}, calling the listener for each complete message and control frame,
   * unless a listener method calls {@link #pause()}: then it returns after that frame with the rest
   * of {@code in} unread. If the listener throws, the exception propagates with {@code in}
   * positioned after the frame that was being delivered, so feeding the rest continues correctly.
   *
   * @throws WebSocketProtocolException on a protocol violation; the connection must be failed with
   *     its close code
   * @throws IllegalStateException if an earlier call failed
   */
  public void feed(ByteBuffer in) throws WebSocketProtocolException {
    if (state == FAILED) {
      throw new IllegalStateException("parser failed earlier");
    }
    pauseRequested = false;
    try {
      while (in.hasRemaining() && !pauseRequested) {
        switch (state) {
          case HEADER -> {
            if (!readHeader(in)) {
              return;
            }
          }
          case PAYLOAD -> readPayload(in);
          default -> {
            in.position(in.limit()); // closed: drop anything after the Close frame
            return;
          }
        }
      }
    } catch (WebSocketProtocolException e) {
      state = FAILED;
      throw e;
    } finally {
      pauseRequested = false;
    }
  }

  /** Reads header bytes; returns false when more input is needed. */
  private boolean readHeader(ByteBuffer in) throws WebSocketProtocolException {
    if (headerLen < 2) {
      fill(in, 2);
      if (headerLen < 2) {
        return false;
      }
      checkFixedHeader();
    }
    fill(in, headerNeeded);
    if (headerLen < headerNeeded) {
      return false;
    }
    startFrame();
    return true;
  }

  private void fill(ByteBuffer in, int upTo) {
    while (headerLen < upTo && in.hasRemaining()) {
      header[headerLen++] = in.get();
    }
  }

  /** Validates the first two header bytes and works out how long the header is. */
  private void checkFixedHeader() throws WebSocketProtocolException {
    int b0 = header[0] & 0xFF;
    int b1 = header[1] & 0xFF;
    fin = (b0 & 0x80) != 0;
    boolean rsv1 = (b0 & 0x40) != 0;
    opcode = b0 & 0x0F;
    masked = (b1 & 0x80) != 0;
    int len7 = b1 & 0x7F;

    if (!Opcode.isDefined(opcode)) {
      throw protocolError("reserved opcode " + opcode);
    }
    if ((b0 & 0x30) != 0) {
      throw protocolError("reserved bits RSV2/RSV3 set");
    }
    boolean control = Opcode.isControl(opcode);
    if (rsv1) {
      if (decompressor == null) {
        throw protocolError("RSV1 set without a negotiated extension");
      }
      if (control || opcode == Opcode.CONTINUATION) {
        throw protocolError("RSV1 set on a control or continuation frame");
      }
    }
    if (control) {
      if (!fin) {
        throw protocolError("fragmented control frame");
      }
      if (len7 > Opcode.MAX_CONTROL_PAYLOAD) {
        throw protocolError("control frame payload longer than 125 bytes");
      }
    } else if (opcode == Opcode.CONTINUATION) {
      if (messageOpcode == NO_MESSAGE) {
        throw protocolError("continuation frame without a message to continue");
      }
    } else if (messageOpcode != NO_MESSAGE) {
      throw protocolError("new data frame inside a fragmented message");
    }
    if (role == Role.SERVER && !masked) {
      throw protocolError("client frame not masked");
    }
    if (role == Role.CLIENT && masked) {
      throw protocolError("server frame masked");
    }
    if (!control && opcode != Opcode.CONTINUATION) {
      messageCompressed = rsv1;
    }
    int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
    headerNeeded = 2 + lengthBytes + (masked ? 4 : 0);
  }

  /** Decodes length and mask, checks the size limit, and starts the frame's payload. */
  private void startFrame() throws WebSocketProtocolException {
    int len7 = header[1] & 0x7F;
    int p = 2;
    if (len7 == 126) {
      payloadLen = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      p = 4;
      if (requireMinimalLength && payloadLen < 126) {
        throw protocolError("payload length not minimally encoded");
      }
    } else if (len7 == 127) {
      long len = 0;
      for (int i = 2; i < 10; i++) {
        len = (len << 8) | (header[i] & 0xFF);
      }
      if (len < 0) {
        throw protocolError("payload length has the most significant bit set");
      }
      payloadLen = len;
      p = 10;
      if (requireMinimalLength && payloadLen <= 0xFFFF) {
        throw protocolError("payload length not minimally encoded");
      }
    } else {
      payloadLen = len7;
    }
    if (masked) {
      maskKey =
          ((header[p] & 0xFF) << 24)
              | ((header[p + 1] & 0xFF) << 16)
              | ((header[p + 2] & 0xFF) << 8)
              | (header[p + 3] & 0xFF);
    }
    headerLen = 0;
    headerNeeded = 2;
    payloadPos = 0;

    if (!Opcode.isControl(opcode)) {
      long total = (opcode == Opcode.CONTINUATION ? messageWireBytes : 0) + payloadLen;
      if (total > maxMessageSize) {
        throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG, "message too big");
      }
      if (opcode != Opcode.CONTINUATION) {
        messageOpcode = opcode;
        message.clear();
        utf8.reset();
      }
      messageWireBytes = total;
    }
    if (payloadLen == 0) {
      endFrame();
    } else {
      state = PAYLOAD;
    }
  }

  private void readPayload(ByteBuffer in) throws WebSocketProtocolException {
    int n = (int) Math.min(in.remaining(), payloadLen - payloadPos);
    if (Opcode.isControl(opcode)) {
      int off = (int) payloadPos;
      byte[] c = control();
      in.get(c, off, n);
      unmask(c, off, n, payloadPos);
    } else if (messageCompressed) {
      if (scratch == null) {
        scratch = new byte[SCRATCH_SIZE];
      }
      // Unmask a copy, chunk by chunk: the caller's buffer is not ours to modify.
      long pos = payloadPos;
      for (int left = n; left > 0; ) {
        int chunk = Math.min(left, scratch.length);
        in.get(scratch, 0, chunk);
        unmask(scratch, 0, chunk, pos);
        int before = message.size();
        decompressor.inflate(scratch, 0, chunk, message, maxMessageSize);
        checkText(messageOpcode, before);
        pos += chunk;
        left -= chunk;
      }
    } else {
      long target = fin ? messageWireBytes : maxMessageSize; // a final frame's total is exact
      int before = message.size();
      message.ensureRoom(n, target);
      in.get(message.array(), before, n);
      unmask(message.array(), before, n, payloadPos);
      message.advance(n);
      checkText(messageOpcode, before);
    }
    payloadPos += n;
    if (payloadPos == payloadLen) {
      endFrame();
    }
  }

  private void unmask(byte[] buf, int off, int len, long pos) {
    if (masked) {
      Masking.mask(buf, off, len, maskKey, pos);
    }
  }

  /** Validates the bytes added to a text message since {@code from}. */
  private void checkText(int type, int from) throws WebSocketProtocolException {
    if (type == Opcode.TEXT && !utf8.update(message.array(), from, message.size() - from)) {
      throw new WebSocketProtocolException(
          CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in text message");
    }
  }

  private void endFrame() throws WebSocketProtocolException {
    state = HEADER;
    if (Opcode.isControl(opcode)) {
      endControlFrame();
    } else if (fin) {
      endMessage();
    }
  }

  private void endMessage() throws WebSocketProtocolException {
    int type = messageOpcode;
    messageOpcode = NO_MESSAGE;
    if (messageCompressed) {
      int before = message.size();
      decompressor.finishMessage(message, maxMessageSize);
      checkText(type, before);
    }
    if (type == Opcode.TEXT) {
      if (!utf8.isComplete()) {
        throw new WebSocketProtocolException(
            CloseCode.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
      }
      String text = new String(message.array(), 0, message.size(), StandardCharsets.UTF_8);
      message.clear();
      listener.onText(text);
    } else {
      listener.onBinary(message.takeBytes());
    }
  }

  private byte[] control() {
    if (control == null) {
      control = new byte[Opcode.MAX_CONTROL_PAYLOAD];
    }
    return control;
  }

  private void endControlFrame() throws WebSocketProtocolException {
    int len = (int) payloadLen;
    byte[] control = control();
    switch (opcode) {
      case Opcode.PING -> listener.onPing(Arrays.copyOf(control, len));
      case Opcode.PONG -> listener.onPong(Arrays.copyOf(control, len));
      default -> {
        int code;
        String reason;
        if (len == 0) {
          code = CloseCode.NO_STATUS_RECEIVED;
          reason = "";
        } else if (len == 1) {
          throw protocolError("close frame payload of one byte");
        } else {
          code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
          if (!CloseCode.isValidOnWire(code)) {
            throw protocolError("invalid close code " + code);
          }
          if (!Utf8Validator.isValid(control, 2, len - 2)) {
            throw new WebSocketProtocolException(
                CloseCode.INVALID_PAYLOAD, "invalid UTF-8 in close reason");
          }
          reason = new String(control, 2, len - 2, StandardCharsets.UTF_8);
        }
        state = CLOSED;
        listener.onClose(code, reason);
      }
    }
  }

  private static WebSocketProtocolException protocolError(String message) {
    return new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR, message);
  }
}
