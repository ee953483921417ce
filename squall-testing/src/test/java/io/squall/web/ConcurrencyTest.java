package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow work off the loop (a @Blocking method, an executor task, a pending future) must not hold up
 * other requests served by the same loop.
 */
@SquallTest
class ConcurrencyTest {
  /** Slow handlers wait on this (at most 2 s) instead of sleeping. */
  private final CountDownLatch release = new CountDownLatch(1);

  /** Counted down when a slow handler has started. */
  private final CountDownLatch started = new CountDownLatch(1);

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopExecutor() {
    release.countDown();
    executor.shutdownNow();
  }

  private void waitSlowly() throws InterruptedException {
    started.countDown();
    release.await(2, TimeUnit.SECONDS);
  }

  /** Blocks its virtual thread. */
  public class SlowBlocking extends RequestHandler {
    @Blocking
    public void get() throws InterruptedException {
      waitSlowly();
      write("slow blocking");
    }
  }

  /** Waits in an executor. */
  public class SlowExecutor extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      return loop()
          .runInExecutor(
              executor,
              () -> {
                waitSlowly();
                return "slow executor";
              })
          .thenAccept(this::write);
    }
  }

  /** Returns a future that completes later. */
  public class SlowFuture extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      started.countDown();
      CompletableFuture<Void> done = new CompletableFuture<>();
      executor.execute(
          () -> {
            try {
              release.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            done.complete(null);
          });
      return done.thenRun(() -> write("slow future"));
    }
  }

  /** Answers at once. */
  public static class Fast extends RequestHandler {
    public void get() {
      write("fast");
    }
  }

  /** Counts the requests in flight; proves many are served at the same time. */
  public class Gate extends RequestHandler {
    @Blocking
    public void get() throws InterruptedException {
      gate.countDown();
      boolean all = gate.await(5, TimeUnit.SECONDS);
      write("all arrived " + all);
    }
  }

  private final CountDownLatch gate = new CountDownLatch(20);

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/slow/blocking", SlowBlocking::new)
        .route("/slow/executor", SlowExecutor::new)
        .route("/slow/future", SlowFuture::new)
        .route("/fast", Fast::new)
        .route("/gate", Gate::new)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/slow/blocking", "/slow/executor", "/slow/future"})
  void slowRequestDoesNotDelayFastOne(String slowPath, SquallClient client) throws Exception {
    CompletableFuture<FetchResponse> slow = client.fetchAsync(slowPath, FetchOptions.get());
    assertThat(started.await(5, TimeUnit.SECONDS)).as("slow handler started").isTrue();

    FetchResponse fast = client.fetch("/fast");
    assertThat(fast.text()).isEqualTo("fast");
    // the fast answer came while the slow handler was still waiting
    assertThat(slow).isNotDone();

    release.countDown();
    FetchResponse slowResponse = slow.get(5, TimeUnit.SECONDS);
    assertThat(slowResponse.status()).isEqualTo(200);
    assertThat(slowResponse.text()).startsWith("slow");
  }

  @Test
  void manyBlockingRequestsRunAtOnce(SquallClient client) throws Exception {
    List<CompletableFuture<FetchResponse>> all =
        IntStream.range(0, 20)
            .mapToObj(i -> client.fetchAsync("/gate", FetchOptions.get()))
            .toList();
    for (CompletableFuture<FetchResponse> f : all) {
      assertThat(f.get(10, TimeUnit.SECONDS).text()).isEqualTo("all arrived true");
    }
  }
}
