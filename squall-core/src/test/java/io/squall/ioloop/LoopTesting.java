package io.squall.ioloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Small helpers for tests that drive a loop running on its own thread. */
final class LoopTesting {
  static final long WAIT_SECONDS = 10;

  private LoopTesting() {}

  /** Runs {@code task} on the loop thread and returns its result (or rethrows its failure). */
  static <T> T onLoop(IOLoop loop, Callable<T> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            f.complete(task.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    try {
      return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Runs {@code task} on the loop thread and waits for it. */
  static void runOnLoop(IOLoop loop, Runnable task) throws Exception {
    onLoop(
        loop,
        () -> {
          task.run();
          return null;
        });
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch released").isTrue();
  }

  /** The value of a future that must complete soon. */
  static <T> T get(Future<T> f) throws ExecutionException, InterruptedException, TimeoutException {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Runs {@code body} on {@code loop} (started on the calling thread, which becomes its loop
   * thread) until its future completes; returns the value or rethrows the failure's cause.
   */
  static <T> T runSync(IOLoop loop, Supplier<? extends CompletionStage<T>> body) throws Exception {
    try {
      return loop.runSync(body, Duration.ofSeconds(WAIT_SECONDS));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** A future that completes after {@code d} on the current loop (Tornado's gen.sleep). */
  static CompletableFuture<Void> delay(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    IOLoop.current().callLater(d, () -> f.complete(null));
    return f;
  }

  /**
   * Lets the loop finish {@code n} more iterations (callbacks queued now run before it returns).
   */
  static void spin(IOLoop loop, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      onLoop(loop, () -> null);
    }
  }
}
