package io.squall.websocket.internal;

import static io.squall.websocket.internal.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.websocket.CloseCode;
import io.squall.websocket.internal.Recorder.Setup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
  private static final FrameWriter SERVER = new FrameWriter(Role.SERVER, null, 0);

  private static FrameWriter client(int... keys) {
    return new FrameWriter(Role.CLIENT, null, 0, new FixedKeys(keys));
  }

  private static String wire(ByteBuffer[] buffers) {
    return hex(Wire.concat(buffers));
  }

  // ---- RFC 6455 section 5.7 examples ----

  @Test
  void rfcUnmaskedText() {
    ByteBuffer[] out = SERVER.text("Hello");
    assertThat(out).hasSize(2); // header + payload, for a gathering write
    assertThat(wire(out)).isEqualTo("810548656c6c6f");
  }

  @Test
  void rfcMaskedText() {
    assertThat(wire(client(Wire.KEY).text("Hello"))).isEqualTo("818537fa213d7f9f4d5158");
  }

  @Test
  void rfcFragmentedText() {
    FrameWriter w = new FrameWriter(Role.SERVER, null, 3);
    ByteBuffer[] out = w.text("Hello");
    assertThat(out).hasSize(4);
    assertThat(wire(out)).isEqualTo("010348656c80026c6f");
  }

  @Test
  void rfcPingAndMaskedPong() {
    assertThat(wire(SERVER.ping("Hello".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("890548656c6c6f");
    assertThat(wire(client(Wire.KEY).pong("Hello".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("8a8537fa213d7f9f4d5158");
  }

  @Test
  void rfcLengthEncodings() {
    ByteBuffer[] b256 = SERVER.binary(new byte[256]);
    assertThat(hex(Wire.concat(b256[0]))).isEqualTo("827e0100");
    ByteBuffer[] b64k = SERVER.binary(new byte[65536]);
    assertThat(hex(Wire.concat(b64k[0]))).isEqualTo("827f0000000000010000");
    assertThat(hex(Wire.concat(SERVER.binary(new byte[125])[0]))).isEqualTo("827d");
    assertThat(hex(Wire.concat(SERVER.binary(new byte[126])[0]))).isEqualTo("827e007e");
    assertThat(hex(Wire.concat(SERVER.binary(new byte[65535])[0]))).isEqualTo("827effff");
    assertThat(hex(Wire.concat(client(1).binary(new byte[65536])[0])))
        .isEqualTo("82ff000000000001000000000001");
  }

  // ---- masking ----

  @Test
  void serverPayloadWrapsTheCallersArrayAndClientCopiesIt() {
    byte[] data = {1, 2, 3, 4, 5};
    ByteBuffer[] server = SERVER.binary(data);
    assertThat(server[1].array()).isSameAs(data);
    ByteBuffer[] client = client(0x01020304).binary(data);
    assertThat(client[1].array()).isNotSameAs(data);
    assertThat(data).containsExactly(1, 2, 3, 4, 5);
    assertThat(hex(Wire.concat(client[1]))).isEqualTo("0000000004");
  }

  @Test
  void everyClientFrameGetsItsOwnKey() throws Exception {
    FrameWriter w = new FrameWriter(Role.CLIENT, null, 10);
    byte[] msg = new byte[1000];
    ByteBuffer[] out = w.binary(msg);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < out.length; i += 2) {
      byte[] header = Wire.concat(out[i]);
      keys.add(hex(header).substring(hex(header).length() - 8));
    }
    assertThat(keys).hasSize(100);
    Recorder r = Recorder.parse(Setup.of(Role.SERVER), Wire.concat(out));
    assertThat((byte[]) r.messages.get(0)).isEqualTo(msg);
  }

  // ---- fragmentation ----

  @Test
  void fragmentationSplitsIntoContinuationFrames() throws Exception {
    FrameWriter w = new FrameWriter(Role.SERVER, null, 4);
    ByteBuffer[] out = w.binary(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertThat(wire(out)).isEqualTo("0204010203040004050607088001" + "09");
    // Exactly one fragment's worth stays a single frame.
    assertThat(w.binary(new byte[4])).hasSize(2);
    assertThat(w.binary(new byte[0])).hasSize(2);
    assertThat(wire(w.binary(new byte[0]))).isEqualTo("8200");
    // Control frames are never fragmented.
    assertThat(wire(w.ping(new byte[10]))).startsWith("890a");
  }

  @Test
  void rawFramesForCallerFragmentation() {
    FrameWriter w = client(Wire.KEY);
    byte[] hel = "xHelx".getBytes(StandardCharsets.US_ASCII);
    assertThat(wire(w.frame(false, Opcode.TEXT, false, hel, 1, 3))).startsWith("0183");
    assertThat(hel).containsExactly('x', 'H', 'e', 'l', 'x');
    assertThatThrownBy(() -> SERVER.frame(false, Opcode.PING, false, new byte[0], 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SERVER.frame(true, 3, false, new byte[0], 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wire(SERVER.frame(true, Opcode.CONTINUATION, false, new byte[] {7}, 0, 1)))
        .isEqualTo("800107");
  }

  // ---- control frames ----

  @Test
  void controlPayloadLimit() {
    assertThat(SERVER.ping(new byte[125])[0].remaining()).isEqualTo(127);
    assertThatThrownBy(() -> SERVER.ping(new byte[126]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SERVER.pong(new byte[126]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeFrames() {
    assertThat(wire(SERVER.close(1000, null))).isEqualTo("880203e8");
    assertThat(wire(SERVER.close(1001, "bye"))).isEqualTo("880503e9627965");
    assertThat(wire(SERVER.close(CloseCode.NO_STATUS_RECEIVED, null))).isEqualTo("8800");
    assertThat(wire(SERVER.close(CloseCode.NO_STATUS_RECEIVED, ""))).isEqualTo("8800");
    // A reason without a code goes out as a normal closure, as in Tornado.
    assertThat(wire(SERVER.close(CloseCode.NO_STATUS_RECEIVED, "x"))).isEqualTo("880303e878");
    assertThat(wire(SERVER.close(4999, ""))).isEqualTo("8802" + "1387");
    for (int bad : new int[] {0, 999, 1004, 1006, 1015, 2000, 5000}) {
      assertThatThrownBy(() -> SERVER.close(bad, "x")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closeReasonIsCutOnACharacterBoundary() throws Exception {
    // 122 ASCII bytes then a 2-byte character: 124 bytes, one too many; the é must go whole.
    String reason = "a".repeat(122) + "é" + "tail";
    byte[] frame = Wire.concat(SERVER.close(1000, reason));
    assertThat(frame.length).isEqualTo(2 + 2 + 122);
    // Exactly 123 bytes fit.
    String fits = "a".repeat(121) + "é";
    assertThat(Wire.concat(SERVER.close(1000, fits)).length).isEqualTo(2 + 125);
    // A 4-byte character that would straddle the limit.
    String emoji = "a".repeat(120) + "😀";
    assertThat(Wire.concat(SERVER.close(1000, emoji)).length).isEqualTo(2 + 2 + 120);
    // What is sent parses as valid UTF-8.
    Recorder r = Recorder.parse(Setup.of(Role.CLIENT), frame);
    assertThat(r.events).containsExactly("close:1000:" + "a".repeat(122));
    // The client masks close frames too.
    byte[] masked = Wire.concat(client(Wire.KEY).close(1000, "a".repeat(200)));
    assertThat(masked.length).isEqualTo(2 + 4 + 125);
    Recorder r2 = Recorder.parse(Setup.of(Role.SERVER), masked);
    assertThat(r2.events).containsExactly("close:1000:" + "a".repeat(123));
  }

  @Test
  void defaultMaskKeysVary() {
    FrameWriter w = new FrameWriter(Role.CLIENT, null, 0);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      keys.add(hex(Wire.concat(w.ping(new byte[0]))));
    }
    assertThat(keys.size()).isGreaterThan(45);
  }

  @Test
  void bigMessageWithFragmentsRoundTrips() throws Exception {
    byte[] data = new byte[3_000_000];
    new Random(5).nextBytes(data);
    FrameWriter w = new FrameWriter(Role.CLIENT, null, 65536);
    Recorder r = Recorder.parseChunked(Setup.of(Role.SERVER), Wire.concat(w.binary(data)), 65000);
    assertThat((byte[]) r.messages.get(0)).isEqualTo(data);
  }
}
