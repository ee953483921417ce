package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.Settings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Periodic pings that close dead peers, and the wait for the peer's answer to a close. */
@SquallTest
class WebSocketTimeoutTest {
  final Sockets.Events events = new Sockets.Events();

  /** Closes at once and waits only 200 ms for the answer. */
  public static class QuickClose extends Sockets.Echo {
    QuickClose(Sockets.Events events) {
      super(events);
    }

    @Override
    Duration closeTimeout() {
      return Duration.ofMillis(200);
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      close(CloseCode.NORMAL_CLOSURE, "bye");
      return null;
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/quick-close", () -> new QuickClose(events))
        .settings(
            Settings.builder()
                .websocketPingInterval(Duration.ofMillis(100))
                .websocketPingTimeout(Duration.ofMillis(300))
                .build())
        .build();
  }

  @Test
  void peerThatNeverAnswersPingsIsClosed(SquallClient client) throws Exception {
    try (RawConnection raw = client.raw()) {
      assertThat(raw.send(RawFrames.upgrade(client.port(), "/echo")).readResponse().status())
          .isEqualTo(101);
      // Read, never answer: the server pings, waits 300 ms, then closes.
      List<RawFrames.Frame> frames = RawFrames.parse(raw.readAll());
      assertThat(frames).extracting(RawFrames.Frame::opcode).contains(RawFrames.PING);
      RawFrames.Frame last = frames.get(frames.size() - 1);
      assertThat(last.opcode()).isEqualTo(RawFrames.CLOSE);
      assertThat(last.closeReason()).isEqualTo("ping timed out");
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
  }

  @Test
  void peerThatAnswersPingsStaysOpen(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo"); // answers pings by itself
    assertThat(events.next()).isEqualTo("open ");
    for (int i = 0; i < 5; i++) { // five pongs: longer than the timeout several times over
      assertThat(events.next()).isEqualTo("pong");
    }
    conn.writeMessage("still open");
    assertThat(conn.readMessage().get(10, TimeUnit.SECONDS).asText()).isEqualTo("still open");
    conn.close();
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.NORMAL_CLOSURE);
  }

  @Test
  void unansweredCloseIsFollowedByTheTcpClose(SquallClient client) throws Exception {
    try (RawConnection raw = client.raw()) {
      assertThat(raw.send(RawFrames.upgrade(client.port(), "/quick-close")).readResponse().status())
          .isEqualTo(101);
      RawFrames.Frame close = RawFrames.readSmallFrame(raw);
      assertThat(close.closeCode()).isEqualTo(1000);
      assertThat(close.closeReason()).isEqualTo("bye");
      // No answer from us: the server gives up after its close timeout.
      assertThat(RawFrames.parse(raw.readAll())).isEmpty();
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
  }
}
