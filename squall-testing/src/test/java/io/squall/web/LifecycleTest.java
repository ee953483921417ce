package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The order a handler's methods run in: prepare, the verb, onFinish; futures from prepare and the
 * verb; @Blocking on a virtual thread; runInExecutor; onConnectionClose.
 */
@SquallTest
class LifecycleTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CountDownLatch connectionClosed = new CountDownLatch(1);
  private final CountDownLatch lateWritesDone = new CountDownLatch(1);
  private final CompletableFuture<Void> writeLate = new CompletableFuture<>();

  /** Records its lifecycle. */
  public class Ordered extends RequestHandler {
    @Override
    protected void initialize() {
      events.add("initialize");
    }

    public void prepare() {
      events.add("prepare");
    }

    public void get() {
      events.add("get");
      write("ok");
    }

    @Override
    public void onFinish() {
      events.add("onFinish");
      finished.countDown();
    }
  }

  /** Path arguments are decoded before prepare() runs. */
  public static class PathArgsInPrepare extends RequestHandler {
    private String seen;

    public void prepare() {
      seen = String.valueOf(pathArgs());
    }

    public void get(String a) {
      write(seen + " " + a);
    }
  }

  /** prepare() finishes the request: the verb must not run. */
  public class PrepareFinishes extends RequestHandler {
    public void prepare() {
      events.add("prepare");
      finish("from prepare");
    }

    public void get() {
      events.add("get");
    }
  }

  /** prepare() fails with an HTTP error. */
  public class PrepareRaises extends RequestHandler {
    public void prepare() {
      throw new HttpError(418);
    }

    public void get() {
      events.add("get");
    }
  }

  /** prepare() returns a future completed later on another thread. */
  public class AsyncPrepare extends RequestHandler {
    public CompletableFuture<Void> prepare() {
      events.add("prepare start");
      return CompletableFuture.runAsync(
          () -> events.add("prepare done"),
          CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    public void get() {
      events.add("get on loop " + loop().inLoopThread());
      write("after async prepare");
    }
  }

  /** The verb returns a future; the response is sent when it completes. */
  public class AsyncGet extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      return loop()
          .runInExecutor(() -> "from executor " + !loop().inLoopThread())
          .thenAccept(
              s -> {
                // runInExecutor completes on the loop
                write(s + ", continued on loop " + loop().inLoopThread());
              });
    }
  }

  /** The verb's future fails. */
  public class AsyncFails extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      return CompletableFuture.failedFuture(new HttpError(409));
    }
  }

  /** A blocking verb on a virtual thread; its writes hop to the loop. */
  public class BlockingGet extends RequestHandler {
    @Blocking
    public void get() throws InterruptedException {
      Thread t = Thread.currentThread();
      Thread.sleep(1); // allowed here: this is not the loop
      write("virtual=" + t.isVirtual() + " loop=" + loop().inLoopThread() + ";");
      flush();
      write("second;");
      finish();
    }
  }

  /** A blocking verb that throws. */
  public class BlockingFails extends RequestHandler {
    @Blocking
    public void get() {
      throw new HttpError(422);
    }
  }

  /** A whole class marked @Blocking: prepare and get both leave the loop. */
  @Blocking
  public class BlockingClass extends RequestHandler {
    private boolean prepareOnLoop = true;

    public void prepare() {
      prepareOnLoop = loop().inLoopThread();
    }

    public void get() {
      write("prepare on loop " + prepareOnLoop + ", get on loop " + loop().inLoopThread());
    }
  }

  /** Disables auto finish and finishes from a timer. */
  public class ManualFinish extends RequestHandler {
    public void get() {
      disableAutoFinish();
      write("later");
      loop().callLater(Duration.ofMillis(20), this::finish);
    }
  }

  /** Sends headers, then waits for a finish that never comes before the client leaves. */
  public class Hangs extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      write("partial");
      flush();
      return writeLate.thenRun(
          () -> {
            // the client is gone: these are dropped quietly
            try {
              for (int i = 0; i < 100; i++) {
                write("more " + i);
                flush();
              }
              finish();
            } finally {
              lateWritesDone.countDown();
            }
          });
    }

    @Override
    public void onConnectionClose() {
      events.add("onConnectionClose closed=" + isConnectionClosed());
      connectionClosed.countDown();
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/ordered", Ordered::new)
        .route("/prepare-finishes", PrepareFinishes::new)
        .route("/prepare-raises", PrepareRaises::new)
        .route("/async-prepare", AsyncPrepare::new)
        .route("/async-get", AsyncGet::new)
        .route("/async-fails", AsyncFails::new)
        .route("/blocking", BlockingGet::new)
        .route("/blocking-fails", BlockingFails::new)
        .route("/blocking-class", BlockingClass::new)
        .route("/manual", ManualFinish::new)
        .route("/hangs", Hangs::new)
        .route("/args-in-prepare/(.*)", PathArgsInPrepare::new)
        .build();
  }

  @Test
  void prepareThenVerbThenOnFinish(SquallClient client) throws InterruptedException {
    assertThat(client.fetch("/ordered").text()).isEqualTo("ok");
    assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(events).containsExactly("initialize", "prepare", "get", "onFinish");
  }

  @Test
  void pathArgsAreReadyInPrepare(SquallClient client) {
    assertThat(client.fetch("/args-in-prepare/a%20b").text()).isEqualTo("[a b] a b");
  }

  @Test
  void prepareThatFinishesSkipsTheVerb(SquallClient client) {
    assertThat(client.fetch("/prepare-finishes").text()).isEqualTo("from prepare");
    assertThat(events).containsExactly("prepare");
  }

  @Test
  void prepareThatRaisesSkipsTheVerb(SquallClient client) {
    assertThat(client.fetch("/prepare-raises").status()).isEqualTo(418);
    assertThat(events).isEmpty();
  }

  @Test
  void prepareReturningFutureDelaysTheVerb(SquallClient client) {
    FetchResponse r = client.fetch("/async-prepare");
    assertThat(r.text()).isEqualTo("after async prepare");
    assertThat(events).containsExactly("prepare start", "prepare done", "get on loop true");
  }

  @Test
  void verbReturningFuture(SquallClient client) {
    assertThat(client.fetch("/async-get").text())
        .isEqualTo("from executor true, continued on loop true");
  }

  @Test
  void failedFutureBecomesErrorResponse(SquallClient client) {
    assertThat(client.fetch("/async-fails").status()).isEqualTo(409);
  }

  @Test
  void blockingRunsOnVirtualThreadAndWritesReachTheClient(SquallClient client) {
    FetchResponse r = client.fetch("/blocking");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("virtual=true loop=false;second;");
  }

  @Test
  void blockingErrorBecomesErrorResponse(SquallClient client) {
    assertThat(client.fetch("/blocking-fails").status()).isEqualTo(422);
  }

  @Test
  void blockingClassRunsPrepareOffTheLoopToo(SquallClient client) {
    assertThat(client.fetch("/blocking-class").text())
        .isEqualTo("prepare on loop false, get on loop false");
  }

  @Test
  void disableAutoFinish(SquallClient client) {
    assertThat(client.fetch("/manual").text()).isEqualTo("later");
  }

  @Test
  void onConnectionCloseRunsWhenClientLeavesAndLaterWritesAreDropped(SquallClient client)
      throws InterruptedException {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", ".*", org.slf4j.event.Level.ERROR);
        ExpectLog warnings = ExpectLog.forbid("io.squall", ".*", org.slf4j.event.Level.WARN)) {
      try (RawConnection raw = client.raw()) {
        raw.send("GET /hangs HTTP/1.1\r\nHost: x\r\n\r\n");
        // read the chunked head and first piece, then leave mid-response
        raw.timeout(2000);
        String head = readUntil(raw, "partial");
        assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Transfer-Encoding: chunked");
      }
      assertThat(connectionClosed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(events).containsExactly("onConnectionClose closed=true");
      writeLate.complete(null);
      assertThat(lateWritesDone.await(5, TimeUnit.SECONDS)).isTrue();
      // a round trip through the loop so anything it logs after the writes is seen
      assertThat(client.fetch("/ordered").status()).isEqualTo(200);
    }
  }

  private static String readUntil(RawConnection raw, String marker) {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().contains(marker)) {
      byte[] b = raw.readSome();
      if (b.length == 0) {
        break;
      }
      sb.append(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return sb.toString();
  }
}
