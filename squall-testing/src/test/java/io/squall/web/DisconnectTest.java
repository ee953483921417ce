package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Clients that leave mid-request: the handler hears of it (onConnectionClose), its later writes go
 * nowhere, and nothing is logged as an error.
 */
@SquallTest
class DisconnectTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private final CompletableFuture<Void> clientGone = new CompletableFuture<>();

  /** Streams until the client goes away. */
  public class Download extends RequestHandler {
    private final byte[] piece = new byte[256 * 1024];
    private int sent;

    public CompletableFuture<Void> get(String... pathArgs) {
      return next();
    }

    private CompletableFuture<Void> next() {
      if (sent++ > 4000) {
        return CompletableFuture.completedFuture(null); // 1 GB: the client never reads that much
      }
      write(piece);
      return flush().thenCompose(v -> next());
    }

    @Override
    public void onConnectionClose() {
      events.add("closed after flushes");
      closed.countDown();
    }

    @Override
    public void onFinish() {
      ended.countDown();
    }
  }

  /** Receives an upload that is cut short. */
  @StreamRequestBody
  public class Upload extends RequestHandler {
    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      started.countDown();
      return null;
    }

    public void put() {
      events.add("put ran");
    }

    @Override
    public void onConnectionClose() {
      events.add("upload closed");
      closed.countDown();
    }
  }

  /** A blocking handler that keeps writing after the client left. */
  public class BlockingWriter extends RequestHandler {
    @Blocking
    public void get() throws Exception {
      write("first");
      flush();
      started.countDown();
      clientGone.get(5, TimeUnit.SECONDS);
      try {
        for (int i = 0; i < 50; i++) {
          write(new byte[64 * 1024]);
          flush();
        }
        finish();
      } finally {
        ended.countDown();
      }
    }

    @Override
    public void onConnectionClose() {
      closed.countDown();
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/download", Download::new)
        .route("/upload", Upload::new)
        .route("/blocking", BlockingWriter::new)
        .build();
  }

  /** A request on the same server after the disconnect: its loop has run everything before. */
  private static void roundTrip(SquallClient client) {
    assertThat(client.fetch("/nowhere").status()).isEqualTo(404);
  }

  @Test
  void clientLeavesDuringDownload(SquallClient client) throws Exception {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", Level.ERROR)) {
      try (RawConnection raw = client.raw()) {
        raw.send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(raw.readSome()).isNotEmpty();
      }
      assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(ended.await(5, TimeUnit.SECONDS)).as("the handler ends").isTrue();
      roundTrip(client);
    }
  }

  @Test
  void clientLeavesDuringUpload(SquallClient client) throws Exception {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", Level.ERROR)) {
      try (RawConnection raw = client.raw()) {
        raw.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
        raw.send("x".repeat(1000));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
      roundTrip(client);
    }
    assertThat(events).containsExactly("upload closed");
  }

  @Test
  void blockingHandlerWritesAfterClientLeft(SquallClient client) throws Exception {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", Level.ERROR)) {
      try (RawConnection raw = client.raw()) {
        raw.send("GET /blocking HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
      clientGone.complete(null);
      assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
      roundTrip(client);
    }
  }
}
