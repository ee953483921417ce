package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServerOptions;
import io.squall.testing.ExpectLog;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.testing.TestServerOptions;
import io.squall.web.Application;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket peer that stops reading: the server's queued output stays under the connection's cap,
 * and past it the connection is closed with 1008 instead of growing the heap.
 */
@SquallTest
class WebSocketSlowPeerTest {
  private static final long CAP = 1024 * 1024;
  private static final int MESSAGE = 16 * 1024;
  private static final int MOST = 100_000; // 1.6 GB: far more than any socket buffer holds
  private static final int AFTER_REFUSAL = 50;

  final Sockets.Events events = new Sockets.Events();
  final CompletableFuture<Integer> accepted = new CompletableFuture<>();

  /** On open, sends messages without waiting until one is refused. */
  public static class Flood extends Sockets.Echo {
    private final CompletableFuture<Integer> accepted;

    Flood(Sockets.Events events, CompletableFuture<Integer> accepted) {
      super(events);
      this.accepted = accepted;
    }

    @Override
    Duration closeTimeout() {
      return Duration.ofSeconds(30); // time for the test to read what was queued before the Close
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      String message = "x".repeat(MESSAGE);
      for (int i = 0; i < MOST; i++) {
        CompletableFuture<Void> f = writeMessage(message);
        if (f.isCompletedExceptionally()) {
          // a handler that ignores the refusal and keeps writing: each later write fails too,
          // and the connection is not logged again
          for (int more = 0; more < AFTER_REFUSAL; more++) {
            if (!writeMessage(message).isCompletedExceptionally()) {
              throw new AssertionError("a write after the refusal was queued");
            }
          }
          accepted.complete(i);
          return null;
        }
      }
      accepted.complete(MOST);
      return null;
    }
  }

  @TestApplication
  Application app() {
    return Application.builder().route("/flood", () -> new Flood(events, accepted)).build();
  }

  @TestServerOptions
  HttpServerOptions options() {
    return HttpServerOptions.builder().maxWriteBufferSize(CAP).build();
  }

  /** Everything until the server closes, read in bulk (a MiB or more is queued). */
  private static String readToClose(RawConnection raw) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] got;
    while ((got = raw.readSome()).length > 0) {
      all.write(got, 0, got.length);
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aPeerThatStopsReadingIsClosedWith1008AtTheCap(SquallClient client) throws Exception {
    try (RawConnection raw = client.raw();
        ExpectLog warned =
            ExpectLog.capture(
                "io.squall.websocket", "the peer is not reading", org.slf4j.event.Level.WARN)) {
      assertThat(raw.send(RawFrames.upgrade(client.port(), "/flood")).readResponse().status())
          .isEqualTo(101);
      // nothing read yet: the server refuses a message once the cap is reached
      int sent = accepted.get(30, TimeUnit.SECONDS);
      assertThat(sent).isLessThan(MOST);
      // refused once, then every later write: one warning for the connection, not one per write
      assertThat(warned.count()).isEqualTo(1);
      assertThat(warned.lines().get(0)).contains("1008");
      // what was queued then arrives, and after it the Close frame with 1008
      List<RawFrames.Frame> frames = RawFrames.parse(readToClose(raw));
      RawFrames.Frame last = frames.get(frames.size() - 1);
      assertThat(last.opcode()).isEqualTo(RawFrames.CLOSE);
      assertThat(last.closeCode()).isEqualTo(CloseCode.POLICY_VIOLATION);
      assertThat(frames.size() - 1).isEqualTo(sent);
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
  }
}
