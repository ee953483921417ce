package io.squall.websocket.internal;

import static io.squall.websocket.internal.Wire.bytes;
import static io.squall.websocket.internal.Wire.closePayload;
import static io.squall.websocket.internal.Wire.concat;
import static io.squall.websocket.internal.Wire.fin;
import static io.squall.websocket.internal.Wire.frame;
import static io.squall.websocket.internal.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.websocket.CloseCode;
import io.squall.websocket.internal.Recorder.Setup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {
  private static final Setup SERVER = Setup.of(Role.SERVER);
  private static final Setup CLIENT = Setup.of(Role.CLIENT);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- RFC 6455 section 5.7 examples, exact bytes ----

  @Test
  void rfcUnmaskedTextFrame() throws Exception {
    assertThat(Recorder.parseEverySplit(CLIENT, hex("81 05 48 65 6c 6c 6f")))
        .containsExactly("text:Hello");
  }

  @Test
  void rfcMaskedTextFrame() throws Exception {
    assertThat(Recorder.parseEverySplit(SERVER, hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")))
        .containsExactly("text:Hello");
  }

  @Test
  void rfcFragmentedUnmaskedText() throws Exception {
    assertThat(Recorder.parseEverySplit(CLIENT, hex("01 03 48 65 6c 80 02 6c 6f")))
        .containsExactly("text:Hello");
  }

  @Test
  void rfcUnmaskedPingAndMaskedPong() throws Exception {
    assertThat(Recorder.parseEverySplit(CLIENT, hex("89 05 48 65 6c 6c 6f")))
        .containsExactly("ping:48656c6c6f");
    assertThat(Recorder.parseEverySplit(SERVER, hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58")))
        .containsExactly("pong:48656c6c6f");
  }

  @Test
  void rfc256ByteBinaryWith16BitLength() throws Exception {
    byte[] payload = new byte[256];
    new Random(1).nextBytes(payload);
    byte[] wire = concat(hex("82 7e 01 00"), payload);
    Recorder r = Recorder.parse(CLIENT, wire);
    assertThat(r.events).containsExactly("binary:<256 bytes>");
    assertThat((byte[]) r.messages.get(0)).isEqualTo(payload);
    for (int i = 1; i < 8; i++) {
      assertThat((byte[]) Recorder.parse(CLIENT, wire, i).messages.get(0)).isEqualTo(payload);
    }
  }

  @Test
  void rfc64KibBinaryWith64BitLength() throws Exception {
    byte[] payload = new byte[65536];
    new Random(2).nextBytes(payload);
    byte[] wire = concat(hex("82 7f 00 00 00 00 00 01 00 00"), payload);
    for (int cut : new int[] {1, 2, 5, 9, 10, 11, 4096, wire.length - 1}) {
      Recorder r = Recorder.parse(CLIENT, wire, cut);
      assertThat(r.events).containsExactly("binary:<65536 bytes>");
      assertThat((byte[]) r.messages.get(0)).isEqualTo(payload);
    }
  }

  // ---- fragmentation and interleaved control frames ----

  @Test
  void fragmentedTextWithInterleavedControlFramesAtEveryBoundary() throws Exception {
    // "wörld" is split inside the two-byte ö, across frames with a ping and a pong between.
    byte[] world = utf8("wörld!");
    byte[] wire =
        concat(
            frame(0x01, utf8("Hello, "), true),
            fin(Opcode.PING, utf8("p1"), true),
            frame(0x00, Arrays.copyOfRange(world, 0, 2), true),
            fin(Opcode.PONG, new byte[0], true),
            frame(0x00, Arrays.copyOfRange(world, 2, 4), true),
            fin(Opcode.PING, new byte[0], true),
            frame(0x80, Arrays.copyOfRange(world, 4, world.length), true),
            fin(Opcode.TEXT, utf8("next"), true));
    assertThat(Recorder.parseEverySplit(SERVER, wire))
        .containsExactly("ping:7031", "pong:", "ping:", "text:Hello, wörld!", "text:next");
  }

  @Test
  void fragmentedBinaryWithInterleavedPingAtEveryBoundary() throws Exception {
    byte[] wire =
        concat(
            frame(0x02, bytes(1, 2, 3), false),
            fin(Opcode.PING, bytes(9), false),
            frame(0x00, bytes(), false),
            frame(0x80, bytes(4, 5), false));
    assertThat(Recorder.parseEverySplit(CLIENT, wire))
        .containsExactly("ping:09", "binary:0102030405");
  }

  @Test
  void emptyMessagesAndFrames() throws Exception {
    byte[] wire =
        concat(
            fin(Opcode.TEXT, bytes(), true),
            fin(Opcode.BINARY, bytes(), true),
            frame(0x01, bytes(), true),
            frame(0x80, bytes(), true));
    assertThat(Recorder.parseEverySplit(SERVER, wire)).containsExactly("text:", "binary:", "text:");
  }

  @Test
  void continuationWithoutMessageIsProtocolError() {
    assertThat(Recorder.failEverySplit(SERVER, frame(0x80, utf8("x"), true)).closeCode())
        .isEqualTo(1002);
  }

  @Test
  void newDataFrameInsideFragmentedMessageIsProtocolError() {
    byte[] wire = concat(frame(0x01, utf8("a"), true), fin(Opcode.TEXT, utf8("b"), true));
    assertThat(Recorder.failEverySplit(SERVER, wire).closeCode()).isEqualTo(1002);
    byte[] wire2 = concat(frame(0x02, utf8("a"), true), frame(0x02, utf8("b"), true));
    assertThat(Recorder.failEverySplit(SERVER, wire2).closeCode()).isEqualTo(1002);
  }

  // ---- header rules ----

  @Test
  void serverRequiresMaskedFrames() {
    WebSocketProtocolException e =
        Recorder.failEverySplit(SERVER, fin(Opcode.TEXT, utf8("hi"), false));
    assertThat(e.closeCode()).isEqualTo(1002);
    assertThat(e.getMessage()).contains("not masked");
  }

  @Test
  void clientRequiresUnmaskedFrames() {
    WebSocketProtocolException e =
        Recorder.failEverySplit(CLIENT, fin(Opcode.TEXT, utf8("hi"), true));
    assertThat(e.closeCode()).isEqualTo(1002);
    assertThat(e.getMessage()).contains("masked");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
  void reservedOpcodesAreProtocolErrors(int opcode) {
    WebSocketProtocolException e = Recorder.failEverySplit(SERVER, fin(opcode, bytes(), true));
    assertThat(e.closeCode()).isEqualTo(1002);
    assertThat(e.getMessage()).contains("reserved opcode");
  }

  @Test
  void reservedBitsWithoutExtensionAreProtocolErrors() {
    for (int rsv : new int[] {0x40, 0x20, 0x10, 0x70}) {
      byte[] wire = frame(0x80 | rsv | Opcode.TEXT, utf8("x"), true);
      assertThat(Recorder.failEverySplit(SERVER, wire).closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void onlyRsv1OnFirstDataFrameIsAllowedWithDeflate() {
    Setup deflate = SERVER.deflate(false);
    // RSV2 and RSV3 stay forbidden.
    for (int rsv : new int[] {0x20, 0x10}) {
      byte[] wire = frame(0x80 | rsv | Opcode.TEXT, bytes(0), true);
      assertThat(Recorder.failEverySplit(deflate, wire).closeCode()).isEqualTo(1002);
    }
    // RSV1 on a continuation frame.
    byte[] cont = concat(frame(0x41, bytes(0xf2, 0x48), true), frame(0xC0, bytes(0xcd), true));
    assertThat(Recorder.failEverySplit(deflate, cont).getMessage()).contains("RSV1");
    // RSV1 on control frames.
    for (int op : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
      byte[] wire = frame(0xC0 | op, bytes(), true);
      assertThat(Recorder.failEverySplit(deflate, wire).closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void controlFramesMustBeShortAndFinal() throws Exception {
    // 125 bytes is fine.
    byte[] max = new byte[125];
    assertThat(Recorder.parseEverySplit(SERVER, fin(Opcode.PING, max, true))).hasSize(1);
    // 126 bytes (16-bit length) is not, for each control opcode.
    for (int op : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
      byte[] wire = fin(op, new byte[126], true);
      assertThat(Recorder.failEverySplit(SERVER, wire).closeCode()).isEqualTo(1002);
      // Even an encoding of a short length in the 16-bit form (len7 = 126) is refused.
      byte[] longForm = frame(0x80 | op, bytes(0, 0), true, 2);
      assertThat(Recorder.failEverySplit(SERVER, longForm).closeCode()).isEqualTo(1002);
    }
    // Fragmented control frames.
    for (int op : new int[] {Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
      byte[] wire = frame(op, bytes(), true);
      WebSocketProtocolException e = Recorder.failEverySplit(SERVER, wire);
      assertThat(e.closeCode()).isEqualTo(1002);
      assertThat(e.getMessage()).contains("fragmented control");
    }
  }

  @Test
  void sixtyFourBitLengthWithHighBitIsProtocolError() {
    byte[] wire = hex("82 ff 80 00 00 00 00 00 00 05 01 02 03 04");
    WebSocketProtocolException e = Recorder.failEverySplit(SERVER, wire);
    assertThat(e.closeCode()).isEqualTo(1002);
    assertThat(e.getMessage()).contains("most significant bit");
  }

  @Test
  void nonMinimalLengthsAreAcceptedUnlessRequired() throws Exception {
    byte[] wire16 = frame(0x81, utf8("Hello"), true, 2);
    byte[] wire64 = frame(0x81, utf8("Hello"), true, 8);
    byte[] wire64of300 = frame(0x82, new byte[300], true, 8);
    assertThat(Recorder.parseEverySplit(SERVER, wire16)).containsExactly("text:Hello");
    assertThat(Recorder.parseEverySplit(SERVER, wire64)).containsExactly("text:Hello");
    for (byte[] wire : new byte[][] {wire16, wire64, wire64of300}) {
      Recorder r = new Recorder();
      FrameParser strict =
          new FrameParser(Role.SERVER, 1 << 20, null, r).requireMinimalLength(true);
      assertThatThrownBy(() -> strict.feed(ByteBuffer.wrap(wire)))
          .isInstanceOfSatisfying(
              WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1002));
    }
  }

  // ---- limits ----

  @Test
  void declaredLengthOverLimitFailsBeforeAnyPayload() throws Exception {
    Recorder r = new Recorder();
    FrameParser p = new FrameParser(Role.SERVER, FrameParser.DEFAULT_MAX_MESSAGE_SIZE, null, r);
    // A header declaring 10 MiB + 1 and nothing else: the parser refuses it at once.
    long len = FrameParser.DEFAULT_MAX_MESSAGE_SIZE + 1L;
    byte[] header =
        concat(hex("82 ff"), ByteBuffer.allocate(8).putLong(len).array(), bytes(1, 2, 3, 4));
    assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(header)))
        .isInstanceOfSatisfying(
            WebSocketProtocolException.class,
            e -> {
              assertThat(e.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
              assertThat(e.getMessage()).isEqualTo("message too big");
            });
    assertThat(p.isFailed()).isTrue();
    assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(bytes(0))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void fragmentsAddUpAgainstTheLimit() throws Exception {
    Setup small = SERVER.max(10);
    byte[] exactly =
        concat(
            frame(0x02, new byte[4], true),
            fin(Opcode.PING, bytes(), true),
            frame(0x80, new byte[6], true));
    assertThat(Recorder.parseEverySplit(small, exactly))
        .containsExactly("ping:", "binary:00000000000000000000");
    byte[] over = concat(frame(0x02, new byte[4], true), frame(0x80, new byte[7], true));
    assertThat(Recorder.failEverySplit(small, over).closeCode()).isEqualTo(1009);
    // Control frames do not count.
    byte[] pingOverLimit = fin(Opcode.PING, new byte[100], true);
    assertThat(Recorder.parseEverySplit(small, pingOverLimit)).hasSize(1);
    // Nor does the previous message.
    byte[] two =
        concat(fin(Opcode.BINARY, new byte[10], true), fin(Opcode.BINARY, new byte[10], true));
    assertThat(Recorder.parse(small, two).events).hasSize(2);
  }

  // ---- UTF-8 ----

  @Test
  void invalidUtf8AcrossFragmentBoundaryIs1007() {
    // E2 82 starts a three-byte sequence; the next fragment continues with '(' instead.
    byte[] wire =
        concat(frame(0x01, bytes('a', 0xE2, 0x82), true), frame(0x80, bytes('(', 'b'), true));
    WebSocketProtocolException e = Recorder.failEverySplit(SERVER, wire);
    assertThat(e.closeCode()).isEqualTo(CloseCode.INVALID_PAYLOAD);
  }

  @Test
  void invalidUtf8FailsBeforeTheMessageEnds() {
    // Only the first, non-final fragment is sent: the parser must not wait for the rest.
    byte[] wire = frame(0x01, bytes('o', 'k', 0xFF), true);
    assertThat(Recorder.failEverySplit(SERVER, wire).closeCode()).isEqualTo(1007);
    // An invalid byte early in a large frame fails before the frame is complete.
    byte[] big = new byte[100_000];
    Arrays.fill(big, (byte) 'a');
    big[10] = (byte) 0xC0;
    byte[] bigFrame = fin(Opcode.TEXT, big, true);
    assertThat(Recorder.failure(SERVER, Arrays.copyOf(bigFrame, 100)).closeCode()).isEqualTo(1007);
  }

  @Test
  void textEndingInsideSequenceIs1007() {
    byte[] wire = concat(frame(0x01, bytes('a'), true), frame(0x80, bytes(0xE2, 0x82), true));
    WebSocketProtocolException e = Recorder.failEverySplit(SERVER, wire);
    assertThat(e.closeCode()).isEqualTo(1007);
    assertThat(
            Recorder.failEverySplit(CLIENT, fin(Opcode.TEXT, bytes(0xF0, 0x9F, 0x98), false))
                .closeCode())
        .isEqualTo(1007);
  }

  @Test
  void multibyteCharactersSplitAcrossFragmentsAreFine() throws Exception {
    byte[] text = utf8("a€𝄞ö");
    // One byte per fragment.
    byte[][] frames = new byte[text.length][];
    for (int i = 0; i < text.length; i++) {
      int b0 = (i == text.length - 1 ? 0x80 : 0) | (i == 0 ? Opcode.TEXT : 0);
      frames[i] = frame(b0, new byte[] {text[i]}, true);
    }
    assertThat(Recorder.parseEverySplit(SERVER, concat(frames))).containsExactly("text:a€𝄞ö");
  }

  @Test
  void invalidSequencesInTextAre1007() {
    int[][] bad = {
      {0xC0, 0x80}, // overlong NUL
      {0xED, 0xA0, 0x80}, // surrogate
      {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
      {0x80}, // lone continuation
      {0xF8, 0x88, 0x80, 0x80, 0x80}, // five-byte form
    };
    for (int[] b : bad) {
      assertThat(Recorder.failEverySplit(SERVER, fin(Opcode.TEXT, bytes(b), true)).closeCode())
          .as(Arrays.toString(b))
          .isEqualTo(1007);
    }
  }

  @Test
  void binaryMessagesAreNotValidated() throws Exception {
    assertThat(Recorder.parseEverySplit(SERVER, fin(Opcode.BINARY, bytes(0xFF, 0xC0), true)))
        .containsExactly("binary:ffc0");
  }

  // ---- close frames ----

  @Test
  void closeWithoutPayloadReports1005() throws Exception {
    assertThat(Recorder.parseEverySplit(SERVER, fin(Opcode.CLOSE, bytes(), true)))
        .containsExactly("close:1005:");
  }

  @Test
  void closeWithCodeAndReason() throws Exception {
    byte[] wire = fin(Opcode.CLOSE, closePayload(1000, utf8("bye ☃")), true);
    assertThat(Recorder.parseEverySplit(SERVER, wire)).containsExactly("close:1000:bye ☃");
  }

  @Test
  void oneByteClosePayloadIsProtocolError() {
    assertThat(Recorder.failEverySplit(SERVER, fin(Opcode.CLOSE, bytes(3), true)).closeCode())
        .isEqualTo(1002);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
  void validCloseCodes(int code) throws Exception {
    byte[] wire = fin(Opcode.CLOSE, closePayload(code, new byte[0]), true);
    assertThat(Recorder.parseEverySplit(SERVER, wire)).containsExactly("close:" + code + ":");
    assertThat(CloseCode.isValidOnWire(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0, 1, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535
      })
  void invalidCloseCodesAreProtocolErrors(int code) {
    byte[] wire = fin(Opcode.CLOSE, closePayload(code, utf8("x")), true);
    WebSocketProtocolException e = Recorder.failEverySplit(SERVER, wire);
    assertThat(e.closeCode()).isEqualTo(1002);
    assertThat(e.getMessage()).isEqualTo("invalid close code " + code);
    assertThat(CloseCode.isValidOnWire(code)).isFalse();
  }

  @Test
  void invalidUtf8CloseReasonIs1007() {
    byte[] wire = fin(Opcode.CLOSE, closePayload(1000, bytes('a', 0xE2, 0x28, 0xA1)), true);
    assertThat(Recorder.failEverySplit(SERVER, wire).closeCode()).isEqualTo(1007);
    byte[] cut = fin(Opcode.CLOSE, closePayload(1000, bytes('a', 0xE2, 0x82)), true);
    assertThat(Recorder.failEverySplit(SERVER, cut).closeCode()).isEqualTo(1007);
  }

  @Test
  void closeMayInterleaveAFragmentedMessageAndInputAfterItIsIgnored() throws Exception {
    byte[] wire =
        concat(
            frame(0x01, utf8("half"), true),
            fin(Opcode.CLOSE, closePayload(1001, utf8("away")), true),
            bytes(0xFF, 0xFF, 0xFF), // garbage that would otherwise be a protocol error
            fin(Opcode.TEXT, utf8("late"), true));
    Recorder r = new Recorder();
    FrameParser p = SERVER.parser(r);
    ByteBuffer in = ByteBuffer.wrap(wire);
    p.feed(in);
    assertThat(r.events).containsExactly("close:1001:away");
    assertThat(p.isCloseReceived()).isTrue();
    assertThat(in.hasRemaining()).isFalse();
    assertThat(Recorder.parseEverySplit(SERVER, wire)).containsExactly("close:1001:away");
  }

  // ---- driver behaviour ----

  @Test
  void listenerExceptionLeavesParserReadyForTheRest() throws Exception {
    byte[] wire = concat(fin(Opcode.TEXT, utf8("boom"), true), fin(Opcode.TEXT, utf8("ok"), true));
    Recorder r =
        new Recorder() {
          @Override
          public void onText(String message) {
            super.onText(message);
            if (message.equals("boom")) {
              throw new IllegalStateException("listener failed");
            }
          }
        };
    FrameParser p = SERVER.parser(r);
    ByteBuffer in = ByteBuffer.wrap(wire);
    assertThatThrownBy(() -> p.feed(in)).hasMessage("listener failed");
    assertThat(in.position()).isEqualTo(fin(Opcode.TEXT, utf8("boom"), true).length);
    p.feed(in);
    assertThat(r.events).containsExactly("text:boom", "text:ok");
  }

  @Test
  void directBuffersWork() throws Exception {
    byte[] wire = concat(frame(0x01, utf8("Hel"), true), frame(0x80, utf8("lo"), true));
    Recorder r = new Recorder();
    FrameParser p = SERVER.parser(r);
    ByteBuffer direct = ByteBuffer.allocateDirect(wire.length);
    direct.put(wire).flip();
    p.feed(direct.slice(0, 5));
    p.feed(direct.slice(5, wire.length - 5));
    assertThat(r.events).containsExactly("text:Hello");
  }

  @Test
  void binaryArraysAreNotSharedBetweenMessages() throws Exception {
    byte[] wire =
        concat(
            frame(0x02, bytes(1, 2), true),
            frame(0x80, bytes(3), true),
            frame(0x02, bytes(4), true),
            frame(0x80, bytes(5, 6), true));
    Recorder r = Recorder.parse(SERVER, wire);
    assertThat(r.events).containsExactly("binary:010203", "binary:040506");
    assertThat((byte[]) r.messages.get(0)).containsExactly(1, 2, 3);
  }

  @Test
  void largeFragmentedMessageInSmallReads() throws Exception {
    byte[] payload = new byte[(1 << 20) + 12345];
    new Random(3).nextBytes(payload);
    List<byte[]> frames = new java.util.ArrayList<>();
    int step = 100_000;
    for (int off = 0; off < payload.length; off += step) {
      int end = Math.min(payload.length, off + step);
      int b0 = (end == payload.length ? 0x80 : 0) | (off == 0 ? Opcode.BINARY : 0);
      frames.add(frame(b0, Arrays.copyOfRange(payload, off, end), true));
    }
    Recorder r = Recorder.parseChunked(SERVER, concat(frames.toArray(new byte[0][])), 4093);
    assertThat((byte[]) r.messages.get(0)).isEqualTo(payload);
  }
}
