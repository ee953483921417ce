package io.squall.websocket.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A {@link FrameListener} that records events as short strings, plus a parsing driver. */
class Recorder implements FrameListener {
  final List<String> events = new ArrayList<>();
  final List<Object> messages = new ArrayList<>();

  @Override
  public void onText(String message) {
    messages.add(message);
    events.add("text:" + (message.length() <= 64 ? message : "<" + message.length() + " chars>"));
  }

  @Override
  public void onBinary(byte[] message) {
    messages.add(message);
    events.add(
        "binary:" + (message.length <= 32 ? Wire.hex(message) : "<" + message.length + " bytes>"));
  }

  @Override
  public void onPing(byte[] payload) {
    events.add("ping:" + Wire.hex(payload));
  }

  @Override
  public void onPong(byte[] payload) {
    events.add("pong:" + Wire.hex(payload));
  }

  @Override
  public void onClose(int code, String reason) {
    events.add("close:" + code + ":" + reason);
  }

  /** Parser settings for a test. */
  record Setup(Role role, int maxMessageSize, Supplier<MessageDecompressor> decompressor) {
    static Setup of(Role role) {
      return new Setup(role, FrameParser.DEFAULT_MAX_MESSAGE_SIZE, () -> null);
    }

    Setup max(int max) {
      return new Setup(role, max, decompressor);
    }

    Setup deflate(boolean noContextTakeover) {
      return new Setup(role, maxMessageSize, () -> new MessageDecompressor(noContextTakeover));
    }

    FrameParser parser(Recorder r) {
      return new FrameParser(role, maxMessageSize, decompressor.get(), r);
    }
  }

  /** Feeds {@code wire} cut at the given offsets; returns the events. */
  static Recorder parse(Setup setup, byte[] wire, int... cuts) throws WebSocketProtocolException {
    Recorder r = new Recorder();
    FrameParser p = setup.parser(r);
    int from = 0;
    for (int cut : cuts) {
      p.feed(ByteBuffer.wrap(wire, from, cut - from));
      from = cut;
    }
    p.feed(ByteBuffer.wrap(wire, from, wire.length - from));
    return r;
  }

  /** Feeds {@code wire} in chunks of {@code chunk} bytes. */
  static Recorder parseChunked(Setup setup, byte[] wire, int chunk)
      throws WebSocketProtocolException {
    Recorder r = new Recorder();
    FrameParser p = setup.parser(r);
    for (int i = 0; i < wire.length; i += chunk) {
      p.feed(ByteBuffer.wrap(wire, i, Math.min(chunk, wire.length - i)));
    }
    return r;
  }

  /**
   * Parses {@code wire} whole, split at every byte boundary into two parts, and byte by byte;
   * checks that all give the same events and returns them.
   */
  static List<String> parseEverySplit(Setup setup, byte[] wire) throws WebSocketProtocolException {
    List<String> expected = parse(setup, wire).events;
    for (int i = 1; i < wire.length; i++) {
      List<String> got = parse(setup, wire, i).events;
      if (!got.equals(expected)) {
        throw new AssertionError("split at " + i + ": " + got + " != " + expected);
      }
    }
    List<String> byteByByte = parseChunked(setup, wire, 1).events;
    if (!byteByByte.equals(expected)) {
      throw new AssertionError("byte by byte: " + byteByByte + " != " + expected);
    }
    return expected;
  }

  /**
   * Parses {@code wire} whole, split at every byte boundary, and byte by byte; checks that each
   * fails with the same close code and returns the exception of the whole parse.
   */
  static WebSocketProtocolException failEverySplit(Setup setup, byte[] wire) {
    WebSocketProtocolException expected = failure(setup, wire);
    for (int i = 1; i < wire.length; i++) {
      WebSocketProtocolException e = failure(setup, wire, i);
      if (e.closeCode() != expected.closeCode()) {
        throw new AssertionError(
            "split at " + i + ": " + e.getMessage() + " != " + expected.getMessage());
      }
    }
    return expected;
  }

  /** The exception parsing fails with; an AssertionError if it does not fail. */
  static WebSocketProtocolException failure(Setup setup, byte[] wire, int... cuts) {
    try {
      Recorder r = parse(setup, wire, cuts);
      throw new AssertionError("expected a protocol error, got " + r.events);
    } catch (WebSocketProtocolException e) {
      return e;
    }
  }

  static byte[] drain(ByteBuffer[] buffers) {
    return Wire.concat(buffers);
  }
}
