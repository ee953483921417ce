package io.squall.adversarial.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.squall.websocket.internal.FrameListener;
import io.squall.websocket.internal.FrameParser;
import io.squall.websocket.internal.FrameWriter;
import io.squall.websocket.internal.MessageBuffer;
import io.squall.websocket.internal.MessageCompressor;
import io.squall.websocket.internal.MessageDecompressor;
import io.squall.websocket.internal.Role;
import io.squall.websocket.internal.WebSocketProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Jazzer targets for the WebSocket frame decoder and the permessage-deflate inflater. Per input:
 * the only failure is a {@link WebSocketProtocolException} with a close code of RFC 6455 section
 * 7.4.1; no message is larger than the limit, compressed or not; messages written by {@link
 * FrameWriter} (fragmented, masked, compressed or not) parse back to themselves.
 */
class WebSocketFuzzTest {
  static final int MAX = 4096;

  /** Collects what a parser delivers. */
  static final class Collect implements FrameListener {
    final List<Object> got = new ArrayList<>();

    @Override
    public void onText(String message) {
      got.add(message);
    }

    @Override
    public void onBinary(byte[] message) {
      got.add(ByteBuffer.wrap(message));
    }

    @Override
    public void onPing(byte[] payload) {
      assertThat(payload.length).isLessThanOrEqualTo(125);
    }

    @Override
    public void onPong(byte[] payload) {
      assertThat(payload.length).isLessThanOrEqualTo(125);
    }

    @Override
    public void onClose(int code, String reason) {}
  }

  private static void feedAll(byte[] input, boolean deflate) {
    Collect c = new Collect();
    try (MessageDecompressor d = deflate ? new MessageDecompressor(false) : null) {
      FrameParser p = new FrameParser(Role.SERVER, MAX, d, c);
      try {
        p.feed(ByteBuffer.wrap(input));
      } catch (WebSocketProtocolException e) {
        assertThat(e.closeCode()).isIn(1002, 1003, 1007, 1008, 1009);
        assertThat(p.isFailed()).isTrue();
      }
    }
    for (Object m : c.got) {
      int size =
          m instanceof String s
              ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              : ((ByteBuffer) m).remaining();
      assertThat(size).isLessThanOrEqualTo(MAX);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void frameDecoder(byte[] input) {
    feedAll(input, false);
  }

  @FuzzTest(maxDuration = "30s")
  void frameDecoderWithDeflate(byte[] input) {
    feedAll(input, true);
  }

  @FuzzTest(maxDuration = "30s")
  void inflater(byte[] input) {
    try (MessageDecompressor d = new MessageDecompressor(false)) {
      MessageBuffer out = new MessageBuffer();
      try {
        d.inflate(input, 0, input.length, out, MAX);
        d.finishMessage(out, MAX);
      } catch (WebSocketProtocolException e) {
        assertThat(e.closeCode()).isIn(1007, 1009);
      }
      assertThat(out.size()).isLessThanOrEqualTo(MAX);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void roundTrip(FuzzedDataProvider data) throws Exception {
    boolean deflate = data.consumeBoolean();
    int fragment = data.consumeInt(0, 300);
    long seed = data.consumeLong();
    boolean text = data.consumeBoolean();
    String s = text ? data.consumeString(MAX / 4) : null;
    byte[] b = text ? null : data.consumeRemainingAsBytes();
    if (b != null && b.length > MAX) {
      b = Arrays.copyOf(b, MAX);
    }
    try (MessageCompressor comp = deflate ? new MessageCompressor(6, false) : null;
        MessageDecompressor dec = deflate ? new MessageDecompressor(false) : null) {
      FrameWriter w = new FrameWriter(Role.CLIENT, comp, fragment, new SplittableRandom(seed));
      ByteBuffer[] frames = text ? w.text(s) : w.binary(b);
      Collect c = new Collect();
      FrameParser p = new FrameParser(Role.SERVER, MAX, dec, c);
      for (ByteBuffer f : frames) {
        p.feed(f);
      }
      assertThat(c.got).containsExactly(text ? s : ByteBuffer.wrap(b));
      try (MessageDecompressor solo = deflate ? new MessageDecompressor(false) : null) {
        if (solo != null && !text) {
          ByteBuffer z = new MessageCompressor(6, true).compress(b, 0, b.length);
          MessageBuffer out = new MessageBuffer();
          byte[] zb = new byte[z.remaining()];
          z.get(zb);
          solo.inflate(zb, 0, zb.length, out, MAX);
          solo.finishMessage(out, MAX);
          assertThat(out.takeBytes()).isEqualTo(b);
        }
      }
    }
  }
}
