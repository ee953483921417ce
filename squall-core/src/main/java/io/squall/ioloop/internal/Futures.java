package io.squall.ioloop.internal;

import io.squall.ioloop.IOLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Future helpers every layer above the loop shares (one copy each): the cause behind a {@link
 * CompletionException}, and running an action on a loop from another thread.
 */
public final class Futures {
  private Futures() {}

  /**
   * The exception behind the wrappers {@link CompletionException} and {@link ExecutionException}
   * (however deeply nested); {@code e} itself when it is no such wrapper or has no cause.
   */
  public static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * Runs {@code action} on {@code loop} (through {@link IOLoop#addCallback}) and returns a future
   * that completes as the stage the action returns does, its exception unwrapped; an exception
   * thrown by the action itself fails the future as it is. Does not wait. If the loop closes first
   * (or has closed), the future fails with {@link io.squall.ioloop.LoopClosedException}, so a
   * thread waiting on it is never left hanging.
   */
  public static <T> CompletableFuture<T> onLoop(
      IOLoop loop, Supplier<? extends CompletionStage<T>> action) {
    CompletableFuture<T> result = loop.failOnClose(new CompletableFuture<>());
    if (result.isDone()) {
      return result;
    }
    loop.addCallback(
        () -> {
          try {
            action
                .get()
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        result.completeExceptionally(unwrap(e));
                      } else {
                        result.complete(v);
                      }
                    });
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /**
   * As {@link #onLoop}, then waits for the result: for a thread that is not the loop's (a {@link
   * Thread#ofVirtual() virtual thread} running blocking handler code). A failure whose cause is a
   * {@link RuntimeException} throws that exception; any other throws the {@link
   * CompletionException}.
   *
   * @return the completed future
   */
  public static <T> CompletableFuture<T> onLoopAndWait(
      IOLoop loop, Supplier<? extends CompletionStage<T>> action) {
    CompletableFuture<T> done = onLoop(loop, action);
    try {
      done.join();
    } catch (CompletionException e) {
      if (unwrap(e) instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
    return done;
  }
}
