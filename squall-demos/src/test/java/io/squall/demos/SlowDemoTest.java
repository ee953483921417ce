package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.demos.slow.SlowDemo;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.ioloop.IOLoop;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code /slow/} demo in the hub: sleeping on the loop holds up a concurrent fast request; the
 * executor, the timer and the virtual thread do not.
 *
 * <p>Which request finished first is read from the access log, which the loop writes as each
 * response finishes: that order is the server's, not the scheduling of the client's threads. The
 * non-blocking handlers wait through a {@link SlowDemo.Pause} that ends when the test opens a gate,
 * not after a time, so "still pending" holds however slow the machine is.
 */
@SquallTest
class SlowDemoTest {
  private static final long WAIT = 10;

  /** Opened by a test to end the non-blocking handlers' waits (a time would race a slow CI). */
  private final CompletableFuture<Void> gate = new CompletableFuture<>();

  private final SlowDemo.Pause gated =
      new SlowDemo.Pause() {
        @Override
        public void sleep(Duration d) throws InterruptedException {
          if (!d.isZero()) {
            try {
              gate.get(WAIT, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
              throw new IllegalStateException("the test never opened the gate", e);
            }
          }
        }

        @Override
        public CompletableFuture<Void> after(IOLoop loop, Duration d) {
          CompletableFuture<Void> done = new CompletableFuture<>();
          if (d.isZero()) {
            done.complete(null);
          } else {
            gate.thenRun(() -> loop.addCallback(() -> done.complete(null)));
          }
          return done;
        }
      };

  private final RequestProbe probe =
      new RequestProbe(Application.builder().mount("/slow", SlowDemo.app(gated)).build());

  @TestApplication
  HttpServerConnectionDelegate app() {
    return probe;
  }

  @Test
  void blockingOnTheLoopHoldsUpTheFastPage(SquallClient client) throws Exception {
    try (ExpectLog log = ExpectLog.expect("squall.access", "GET /slow/(blocking|fast)")) {
      long start = System.nanoTime();
      CompletableFuture<FetchResponse> slow =
          client.fetchAsync("/slow/blocking?seconds=0.5", FetchOptions.get());
      probe.dispatched("/slow/blocking").get(WAIT, TimeUnit.SECONDS);
      // The loop is now asleep in the handler: this request waits until it wakes up.
      CompletableFuture<FetchResponse> fast = client.fetchAsync("/slow/fast", FetchOptions.get());

      assertThat(fast.get(WAIT, TimeUnit.SECONDS).text()).isEqualTo("fast\n");
      FetchResponse s = slow.get(WAIT, TimeUnit.SECONDS);
      assertThat(s.status()).isEqualTo(200);
      assertThat(s.text()).isEqualTo("slept 0.5s on the loop (every other request waited)\n");
      assertThat(System.nanoTime() - start)
          .as("it did sleep")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
      afterPendingLoopWork(client);
      assertThat(log.lines()).hasSize(2);
      assertThat(log.lines().get(0)).as("finished first").contains("GET /slow/blocking");
      assertThat(log.lines().get(1)).as("finished second").contains("GET /slow/fast");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "executor, slept 1.0s in an executor",
    "async,    waited 1.0s with callLater",
    "virtual,  slept 1.0s on a virtual thread"
  })
  void fastPageAnswersWhileTheSlowOneWaits(String kind, String answer, SquallClient client)
      throws Exception {
    try (ExpectLog log = ExpectLog.expect("squall.access", "GET /slow/")) {
      CompletableFuture<FetchResponse> slow =
          client.fetchAsync("/slow/" + kind + "?seconds=1", FetchOptions.get());
      probe.dispatched("/slow/" + kind).get(WAIT, TimeUnit.SECONDS);

      FetchResponse fast = client.fetch("/slow/fast");
      assertThat(fast.text()).isEqualTo("fast\n");
      assertThat(slow).as("the slow request is still pending").isNotDone();
      gate.complete(null); // now the slow one may end

      FetchResponse s = slow.get(WAIT, TimeUnit.SECONDS);
      assertThat(s.status()).isEqualTo(200);
      assertThat(s.text()).isEqualTo(answer + "\n");
      afterPendingLoopWork(client);
      assertThat(log.lines()).hasSize(2);
      assertThat(log.lines().get(0)).as("finished first").contains("GET /slow/fast");
      assertThat(log.lines().get(1)).as("finished second").contains("GET /slow/" + kind);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "blocking, slept 0.0s on the loop (every other request waited)",
    "executor, slept 0.0s in an executor",
    "async,    waited 0.0s with callLater",
    "virtual,  slept 0.0s on a virtual thread"
  })
  void zeroSecondsAnswersAtOnce(String kind, String answer, SquallClient client) {
    FetchResponse r = client.fetch("/slow/" + kind + "?seconds=0");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(answer + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"blocking", "executor", "async", "virtual"})
  void badSecondsIs400(String kind, SquallClient client) {
    try (ExpectLog access = ExpectLog.expect("squall.access", "400 GET /slow/" + kind);
        ExpectLog general = ExpectLog.expect("squall.general", "seconds must be")) {
      for (String bad : List.of("x", "-1", "31", "NaN", "")) {
        FetchResponse r = client.fetch("/slow/" + kind + "?seconds=" + bad);
        assertThat(r.status()).as("seconds=%s", bad).isEqualTo(400);
      }
      assertThat(access.count()).isEqualTo(5);
    }
  }

  @Test
  void fastPageAnswers(SquallClient client) {
    FetchResponse r = client.fetch("/slow/fast");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("fast\n");
  }

  @Test
  void explanationPageLinksEveryWayAndTheFastPage(SquallClient client) {
    FetchResponse r = client.fetch("/slow/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.text()).contains("<h1>Slow requests</h1>", "Only the first holds up");
    assertThat(DemoHubTest.hrefs(r.text()).stream().filter(h -> !h.startsWith("/")).toList())
        .containsExactlyInAnyOrder(
            "fast",
            "blocking?seconds=3",
            "executor?seconds=3",
            "async?seconds=3",
            "virtual?seconds=3");
    // The links are relative to /slow/: the one that answers at once really is there.
    assertThat(client.fetch(r.uri().resolve("fast").toString()).text()).isEqualTo("fast\n");
  }

  /** Returns once the loop has run everything queued so far (the access log line included). */
  private static void afterPendingLoopWork(SquallClient client) throws Exception {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    client.loop().addCallback(() -> ran.complete(null));
    ran.get(WAIT, TimeUnit.SECONDS);
  }
}
