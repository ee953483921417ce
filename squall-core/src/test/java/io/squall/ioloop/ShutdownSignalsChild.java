package io.squall.ioloop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process for {@link ShutdownSignalsTest}: installs the real signal handlers with one hook, says
 * "ready", and waits for signals. Mode {@code drain}: the hook finishes 100 ms after it starts.
 * Mode {@code stuck}: it never finishes.
 */
public final class ShutdownSignalsChild {
  private ShutdownSignalsChild() {}

  public static void main(String[] args) throws InterruptedException {
    boolean stuck = args.length > 0 && args[0].equals("stuck");
    ShutdownSignals.onShutdown(
        () -> {
          System.out.println("draining");
          System.out.flush();
          CompletableFuture<Void> done = new CompletableFuture<>();
          if (!stuck) {
            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                .execute(
                    () -> {
                      System.out.println("drained");
                      System.out.flush();
                      done.complete(null);
                    });
          }
          return done;
        });
    System.out.println("ready");
    System.out.flush();
    new CountDownLatch(1).await(); // until a signal ends the process
  }
}
