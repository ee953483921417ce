package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing rules, checked with hand-made frames over a raw socket. */
@SquallTest
class WebSocketProtocolTest {
  static final int MAX = 64 * 1024;
  final Sockets.Events events = new Sockets.Events();

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/throwing", () -> new Sockets.Throwing(events))
        .route("/text-only", () -> new Sockets.TextOnly(events))
        .route(
            "/small",
            () ->
                new Sockets.Echo(events) {
                  @Override
                  public int maxMessageSize() {
                    return 16; // this route's own limit, below the application's
                  }
                })
        .settings(Settings.builder().websocketMaxMessageSize(MAX).build())
        .build();
  }

  private static RawConnection open(SquallClient client, String path) {
    RawConnection raw = client.raw();
    assertThat(raw.send(RawFrames.upgrade(client.port(), path)).readResponse().status())
        .isEqualTo(101);
    return raw;
  }

  /** Sends {@code frames}, then reads everything until the server closes the connection. */
  private static List<RawFrames.Frame> exchange(RawConnection raw, byte[]... frames) {
    for (byte[] f : frames) {
      raw.send(f);
    }
    return RawFrames.parse(raw.readAll());
  }

  private static RawFrames.Frame last(List<RawFrames.Frame> frames) {
    assertThat(frames).isNotEmpty();
    return frames.get(frames.size() - 1);
  }

  @Test
  void closeIsEchoedWithItsCodeAndTheConnectionClosed(SquallClient client) throws Exception {
    try (RawConnection raw = open(client, "/echo")) {
      List<RawFrames.Frame> frames = exchange(raw, RawFrames.close(4000, "client bye"));
      assertThat(frames).hasSize(1);
      assertThat(frames.get(0).opcode()).isEqualTo(RawFrames.CLOSE);
      assertThat(frames.get(0).closeCode()).isEqualTo(4000);
      assertThat(frames.get(0).masked()).isFalse();
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(4000, "client bye"));
  }

  @Test
  void closeWithoutCodeIsEchoedWithoutCode(SquallClient client) throws Exception {
    try (RawConnection raw = open(client, "/echo")) {
      RawFrames.Frame f =
          last(exchange(raw, RawFrames.frame(true, RawFrames.CLOSE, new byte[0], true)));
      assertThat(f.opcode()).isEqualTo(RawFrames.CLOSE);
      assertThat(f.payload()).isEmpty();
    }
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(CloseCode.NO_STATUS_RECEIVED, ""));
  }

  @Test
  void fragmentsWithAnInterleavedPingMakeOneMessage(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      List<RawFrames.Frame> frames =
          exchange(
              raw,
              RawFrames.frame(false, RawFrames.TEXT, "frag".getBytes(StandardCharsets.UTF_8), true),
              RawFrames.frame(true, RawFrames.PING, "p".getBytes(StandardCharsets.UTF_8), true),
              RawFrames.frame(
                  false, RawFrames.CONTINUATION, "men".getBytes(StandardCharsets.UTF_8), true),
              RawFrames.frame(
                  true, RawFrames.CONTINUATION, "ted".getBytes(StandardCharsets.UTF_8), true),
              RawFrames.close(1000, ""));
      assertThat(frames)
          .extracting(RawFrames.Frame::opcode)
          .containsExactly(RawFrames.PONG, RawFrames.TEXT, RawFrames.CLOSE);
      assertThat(frames.get(0).text()).isEqualTo("p");
      assertThat(frames.get(1).text()).isEqualTo("fragmented");
      assertThat(frames.get(1).fin()).isTrue();
    }
  }

  @Test
  void unmaskedClientFrameIs1002(SquallClient client) throws Exception {
    try (RawConnection raw = open(client, "/echo")) {
      RawFrames.Frame f =
          last(exchange(raw, RawFrames.frame(true, RawFrames.TEXT, new byte[] {'x'}, false)));
      assertThat(f.opcode()).isEqualTo(RawFrames.CLOSE);
      assertThat(f.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
  }

  @Test
  void invalidUtf8Is1007(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      byte[] bad = {'o', 'k', (byte) 0xC3, (byte) 0x28};
      RawFrames.Frame f = last(exchange(raw, RawFrames.frame(true, RawFrames.TEXT, bad, true)));
      assertThat(f.closeCode()).isEqualTo(CloseCode.INVALID_PAYLOAD);
    }
  }

  @Test
  void messageOverTheLimitIs1009(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      RawFrames.Frame f =
          last(exchange(raw, RawFrames.frame(true, RawFrames.BINARY, new byte[MAX + 1], true)));
      assertThat(f.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void aHandlerCanSetItsOwnMessageSizeLimit(SquallClient client) {
    try (RawConnection raw = open(client, "/small")) {
      raw.send(RawFrames.frame(true, RawFrames.BINARY, new byte[16], true));
      RawFrames.Frame echoed =
          RawFrames.parse(new String(raw.readBytes(2 + 16), StandardCharsets.ISO_8859_1)).get(0);
      assertThat(echoed.payload()).hasSize(16);
      RawFrames.Frame f =
          last(exchange(raw, RawFrames.frame(true, RawFrames.BINARY, new byte[17], true)));
      assertThat(f.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void fragmentsAddingUpOverTheLimitAre1009(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      RawFrames.Frame f =
          last(
              exchange(
                  raw,
                  RawFrames.frame(false, RawFrames.BINARY, new byte[MAX / 2], true),
                  RawFrames.frame(false, RawFrames.CONTINUATION, new byte[MAX / 2], true),
                  RawFrames.frame(true, RawFrames.CONTINUATION, new byte[1], true)));
      assertThat(f.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void messageAtTheLimitIsAccepted(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      List<RawFrames.Frame> frames =
          exchange(
              raw,
              RawFrames.frame(true, RawFrames.BINARY, new byte[MAX], true),
              RawFrames.close(1000, ""));
      assertThat(frames.get(0).opcode()).isEqualTo(RawFrames.BINARY);
      assertThat(frames.get(0).payload()).hasSize(MAX);
      assertThat(last(frames).closeCode()).isEqualTo(1000);
    }
  }

  @Test
  void controlFrameRulesAre1002(SquallClient client) {
    byte[][] bad = {
      RawFrames.frame(false, RawFrames.PING, new byte[1], true), // fragmented control frame
      RawFrames.frame(true, RawFrames.PING, new byte[126], true), // control payload over 125
      RawFrames.frame(true, 3, new byte[1], true), // reserved opcode
      RawFrames.frame(true, RawFrames.CONTINUATION, new byte[1], true), // nothing to continue
      RawFrames.frame(true, RawFrames.CLOSE, new byte[] {0x03, (byte) 0xED}, true), // 1005 sent
      RawFrames.frame(true, RawFrames.CLOSE, new byte[] {0x03}, true), // one-byte close payload
    };
    for (byte[] frame : bad) {
      try (RawConnection raw = open(client, "/echo")) {
        assertThat(last(exchange(raw, frame)).closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
      }
    }
  }

  @Test
  void newMessageInsideAFragmentedOneIs1002(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      RawFrames.Frame f =
          last(
              exchange(
                  raw,
                  RawFrames.frame(false, RawFrames.TEXT, new byte[] {'a'}, true),
                  RawFrames.frame(true, RawFrames.TEXT, new byte[] {'b'}, true)));
      assertThat(f.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }
  }

  @Test
  void rsv1WithoutCompressionIs1002(SquallClient client) {
    try (RawConnection raw = open(client, "/echo")) {
      byte[] frame = RawFrames.frame(true, RawFrames.TEXT, new byte[] {'a'}, true);
      frame[0] |= 0x40;
      assertThat(last(exchange(raw, frame)).closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }
  }

  @Test
  void throwingOnMessageIsLoggedAndClosesWith1011(SquallClient client) throws Exception {
    try (ExpectLog log = ExpectLog.expect("io.squall", "Uncaught exception GET /throwing");
        RawConnection raw = open(client, "/throwing")) {
      raw.send(RawFrames.text("boom"));
      assertThat(RawFrames.readSmallFrame(raw).closeCode()).isEqualTo(CloseCode.INTERNAL_ERROR);
      assertThat(exchange(raw, RawFrames.close(CloseCode.INTERNAL_ERROR, ""))).isEmpty();
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.INTERNAL_ERROR);
    // The loop lives on: another connection works.
    try (RawConnection raw = open(client, "/echo")) {
      List<RawFrames.Frame> frames =
          exchange(raw, RawFrames.text("still here"), RawFrames.close(1000, ""));
      assertThat(frames.get(0).text()).isEqualTo("still here");
    }
  }

  @Test
  void binaryToATextOnlyHandlerIs1003(SquallClient client) throws Exception {
    try (RawConnection raw = open(client, "/text-only")) {
      raw.send(RawFrames.frame(true, RawFrames.BINARY, new byte[] {1}, true));
      RawFrames.Frame f = RawFrames.readSmallFrame(raw);
      assertThat(f.closeCode()).isEqualTo(CloseCode.UNSUPPORTED_DATA);
      // Our answer completes the closing handshake: the server closes the connection.
      assertThat(exchange(raw, RawFrames.close(CloseCode.UNSUPPORTED_DATA, ""))).isEmpty();
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.UNSUPPORTED_DATA);
  }
}
