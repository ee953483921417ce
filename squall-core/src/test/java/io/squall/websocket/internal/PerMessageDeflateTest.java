package io.squall.websocket.internal;

import static io.squall.websocket.internal.Wire.bytes;
import static io.squall.websocket.internal.Wire.concat;
import static io.squall.websocket.internal.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.websocket.CompressionOptions;
import io.squall.websocket.WebSocketHandshakeException;
import io.squall.websocket.internal.Recorder.Setup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerMessageDeflateTest {
  private static final Setup CLIENT_DEFLATE = Setup.of(Role.CLIENT).deflate(false);
  private static final CompressionOptions DEFAULTS = CompressionOptions.defaults();

  // ---- RFC 7692 section 7.2.3 examples ----

  @Test
  void rfcHelloInOneFrame() throws Exception {
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, hex("c1 07 f2 48 cd c9 c9 07 00")))
        .containsExactly("text:Hello");
  }

  @Test
  void rfcHelloInTwoFragments() throws Exception {
    byte[] wire = hex("41 03 f2 48 cd 80 04 c9 c9 07 00");
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire)).containsExactly("text:Hello");
  }

  @Test
  void rfcSharingTheWindowAcrossMessages() throws Exception {
    byte[] wire = hex("c1 07 f2 48 cd c9 c9 07 00  c1 05 f2 00 11 00 00");
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire))
        .containsExactly("text:Hello", "text:Hello");
    // Without context takeover the second message cannot refer back: the decompressor was reset.
    WebSocketProtocolException e = Recorder.failure(Setup.of(Role.CLIENT).deflate(true), wire);
    assertThat(e.closeCode()).isEqualTo(1007);
  }

  @Test
  void rfcStoredBlock() throws Exception {
    byte[] wire = hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00");
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire)).containsExactly("text:Hello");
  }

  @Test
  void rfcFinalBlockThenAnotherMessage() throws Exception {
    // BFINAL ends the deflate stream; the next message starts a new one.
    byte[] wire = concat(hex("c1 08 f3 48 cd c9 c9 07 00 00"), hex("c1 07 f2 48 cd c9 c9 07 00"));
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire))
        .containsExactly("text:Hello", "text:Hello");
  }

  @Test
  void rfcTwoBlocksInOneMessage() throws Exception {
    byte[] wire = hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00");
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire)).containsExactly("text:Hello");
  }

  @Test
  void rfcEmptyMessage() throws Exception {
    // An empty deflate block (0x00), and an empty payload.
    byte[] wire = concat(hex("c1 01 00"), hex("c2 00"), hex("c1 07 f2 48 cd c9 c9 07 00"));
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire))
        .containsExactly("text:", "binary:", "text:Hello");
  }

  @Test
  void uncompressedMessagesMayMixWithCompressedOnes() throws Exception {
    byte[] wire = concat(hex("81 02 68 69"), hex("c1 07 f2 48 cd c9 c9 07 00"));
    assertThat(Recorder.parseEverySplit(CLIENT_DEFLATE, wire))
        .containsExactly("text:hi", "text:Hello");
  }

  // ---- compressor output ----

  @Test
  void compressorMatchesRfcBytes() {
    byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
    try (MessageCompressor c = new MessageCompressor(6, false)) {
      assertThat(hex(Wire.concat(c.compress(hello, 0, 5)))).isEqualTo("f248cdc9c90700");
      assertThat(hex(Wire.concat(c.compress(hello, 0, 5)))).isEqualTo("f200110000");
      assertThat(hex(Wire.concat(c.compress(new byte[0], 0, 0)))).isEqualTo("00");
    }
    try (MessageCompressor c = new MessageCompressor(6, true)) {
      assertThat(hex(Wire.concat(c.compress(hello, 0, 5)))).isEqualTo("f248cdc9c90700");
      assertThat(hex(Wire.concat(c.compress(hello, 0, 5)))).isEqualTo("f248cdc9c90700");
    }
  }

  @Test
  void writerSetsRsv1OnlyOnFirstFrame() {
    try (MessageCompressor c = new MessageCompressor(6, false)) {
      FrameWriter w = new FrameWriter(Role.SERVER, c, 3);
      assertThat(hex(Wire.concat(w.text("Hello")))).isEqualTo("4103f248cd0003c9c90780" + "0100");
      // Control frames are never compressed.
      assertThat(hex(Wire.concat(w.ping(new byte[] {1})))).isEqualTo("890101");
    }
  }

  // ---- decompression limits and errors ----

  @Test
  void decompressedSizeOverLimitIs1009() throws Exception {
    byte[] zeros = new byte[2 << 20]; // 2 MiB of zeros compress to a few KiB
    byte[] wire;
    try (MessageCompressor c = new MessageCompressor(6, false)) {
      wire = Wire.concat(new FrameWriter(Role.CLIENT, c, 0).binary(zeros));
    }
    assertThat(wire.length).isLessThan(10_000);
    Setup limited = Setup.of(Role.SERVER).max(1 << 20).deflate(false);
    WebSocketProtocolException e = Recorder.failure(limited, wire);
    assertThat(e.closeCode()).isEqualTo(1009);
    assertThat(e.getMessage()).isEqualTo("message too big after decompression");
    // Exactly at the limit is fine.
    Recorder r = Recorder.parse(Setup.of(Role.SERVER).max(2 << 20).deflate(false), wire);
    assertThat(((byte[]) r.messages.get(0)).length).isEqualTo(2 << 20);
    // One byte less is not, even when the excess shows up only with the final tail.
    assertThat(
            Recorder.failure(Setup.of(Role.SERVER).max((2 << 20) - 1).deflate(false), wire)
                .closeCode())
        .isEqualTo(1009);
  }

  @Test
  void declaredCompressedSizeOverLimitIs1009() {
    byte[] wire = concat(hex("c2 7e 01 00"), new byte[256]);
    assertThat(Recorder.failure(Setup.of(Role.CLIENT).max(255).deflate(false), wire, 4).closeCode())
        .isEqualTo(1009);
  }

  @Test
  void invalidDeflateDataIs1007() {
    byte[] wire = hex("c1 03 ff ff ff");
    assertThat(Recorder.failEverySplit(CLIENT_DEFLATE, wire).closeCode()).isEqualTo(1007);
  }

  @Test
  void invalidUtf8InsideCompressedTextIs1007() throws Exception {
    byte[] bad = bytes('o', 'k', 0xC0, 0x80);
    byte[] wire;
    try (MessageCompressor c = new MessageCompressor(6, false)) {
      ByteBuffer compressed = c.compress(bad, 0, bad.length);
      wire = Wire.frame(0xC1, Wire.concat(compressed), false);
    }
    assertThat(Recorder.failEverySplit(CLIENT_DEFLATE, wire).closeCode()).isEqualTo(1007);
  }

  // ---- negotiation: server ----

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "permessage-deflate | permessage-deflate",
        "PerMessage-Deflate | permessage-deflate",
        "permessage-deflate; client_max_window_bits | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
        "permessage-deflate; client_max_window_bits=\"8\" | permessage-deflate",
        "permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=10 | NONE",
        "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate",
        "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
        "permessage-deflate ;client_no_context_takeover ; server_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "x-webkit-deflate-frame, permessage-deflate | permessage-deflate",
        "foo; bar=\"a,b\", permessage-deflate; client_max_window_bits | permessage-deflate",
        ", ,permessage-deflate, | permessage-deflate",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | NONE",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10 | NONE",
        "permessage-deflate; unknown_param | NONE",
        "permessage-deflate; server_no_context_takeover=1 | NONE",
        "permessage-deflate; client_no_context_takeover=\"\" | NONE",
        "permessage-deflate; server_max_window_bits | NONE",
        "permessage-deflate; server_max_window_bits=08 | NONE",
        "permessage-deflate; server_max_window_bits=16 | NONE",
        "permessage-deflate; client_max_window_bits=7 | NONE",
        "permessage-deflate; client_max_window_bits=abc | NONE",
        "permessage-deflate; x=\"unterminated | NONE",
        "x-webkit-deflate-frame | NONE",
        "'' | NONE",
      })
  void serverNegotiation(String offer, String expected) {
    DeflateAgreement a = PerMessageDeflate.negotiateAsServer(offer, DEFAULTS);
    assertThat(a == null ? null : a.toHeaderValue()).isEqualTo(expected);
  }

  @Test
  void serverNegotiationOptions() {
    assertThat(PerMessageDeflate.negotiateAsServer("permessage-deflate", null)).isNull();
    assertThat(PerMessageDeflate.negotiateAsServer(null, DEFAULTS)).isNull();
    CompressionOptions both =
        DEFAULTS.withServerNoContextTakeover(true).withClientNoContextTakeover(true);
    DeflateAgreement a = PerMessageDeflate.negotiateAsServer("permessage-deflate", both);
    assertThat(a.toHeaderValue())
        .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    try (MessageCompressor c = a.newCompressor(Role.SERVER, 6);
        MessageDecompressor d = a.newDecompressor(Role.SERVER)) {
      assertThat(c.noContextTakeover()).isTrue();
      assertThat(d.noContextTakeover()).isTrue();
    }
    DeflateAgreement onlyServer =
        PerMessageDeflate.negotiateAsServer(
            "permessage-deflate; server_no_context_takeover", DEFAULTS);
    try (MessageCompressor c = onlyServer.newCompressor(Role.SERVER, 6);
        MessageDecompressor d = onlyServer.newDecompressor(Role.SERVER);
        MessageCompressor cc = onlyServer.newCompressor(Role.CLIENT, 6);
        MessageDecompressor cd = onlyServer.newDecompressor(Role.CLIENT)) {
      assertThat(c.noContextTakeover()).isTrue();
      assertThat(d.noContextTakeover()).isFalse();
      assertThat(cc.noContextTakeover()).isFalse();
      assertThat(cd.noContextTakeover()).isTrue();
    }
  }

  // ---- negotiation: client ----

  @Test
  void clientOffer() {
    assertThat(PerMessageDeflate.clientOffer(DEFAULTS)).isEqualTo("permessage-deflate");
    assertThat(
            PerMessageDeflate.clientOffer(
                DEFAULTS.withServerNoContextTakeover(true).withClientNoContextTakeover(true)))
        .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
  }

  @Test
  void clientAcceptsValidResponses() throws Exception {
    assertThat(PerMessageDeflate.acceptAsClient(null, DEFAULTS)).isNull();
    assertThat(PerMessageDeflate.acceptAsClient("", DEFAULTS)).isNull();
    assertThat(PerMessageDeflate.acceptAsClient(null, null)).isNull();
    assertThat(PerMessageDeflate.acceptAsClient("permessage-deflate", DEFAULTS))
        .isEqualTo(new DeflateAgreement(false, false, 0, 0));
    // The server may limit its own window: a 15-bit inflater reads it.
    assertThat(
            PerMessageDeflate.acceptAsClient(
                "permessage-deflate; server_max_window_bits=9; server_no_context_takeover",
                DEFAULTS))
        .isEqualTo(new DeflateAgreement(true, false, 9, 0));
    assertThat(
            PerMessageDeflate.acceptAsClient(
                "permessage-deflate; client_max_window_bits=15", DEFAULTS))
        .isEqualTo(new DeflateAgreement(false, false, 0, 15));
    // Our own client_no_context_takeover holds whatever the server says.
    assertThat(
            PerMessageDeflate.acceptAsClient(
                "permessage-deflate", DEFAULTS.withClientNoContextTakeover(true)))
        .isEqualTo(new DeflateAgreement(false, true, 0, 0));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "permessage-deflate; client_max_window_bits=10 | 15-bit",
        "permessage-deflate; client_max_window_bits | invalid client_max_window_bits",
        "permessage-deflate; server_max_window_bits=7 | invalid server_max_window_bits",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | duplicate",
        "permessage-deflate; client_no_context_takeover=x | must not have a value",
        "permessage-deflate; foo | unknown",
        "permessage-deflate, permessage-deflate | twice",
        "x-other | not offered",
        "permessage-deflate; = | malformed",
      })
  void clientRejectsInvalidResponses(String response, String message) {
    assertThatThrownBy(() -> PerMessageDeflate.acceptAsClient(response, DEFAULTS))
        .isInstanceOf(WebSocketHandshakeException.class)
        .hasMessageContaining(message);
  }

  @Test
  void clientRejectsExtensionsWhenItOfferedNone() {
    assertThatThrownBy(() -> PerMessageDeflate.acceptAsClient("permessage-deflate", null))
        .isInstanceOf(WebSocketHandshakeException.class);
  }
}
