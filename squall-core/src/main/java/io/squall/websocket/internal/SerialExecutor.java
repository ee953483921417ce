package io.squall.websocket.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks one at a time, in the order they were submitted, on virtual threads: a burst of tasks
 * runs on one virtual thread, which ends when the queue is empty, so an idle connection holds no
 * thread. Safe to submit from any thread.
 */
public final class SerialExecutor {
  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>(2);
  private boolean running;

  /**
   * @param threadName the name of the virtual threads that run the tasks
   */
  public SerialExecutor(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Queues {@code task}.
   *
   * @return completes (on the virtual thread) when the task has run; fails with what it threw
   */
  public CompletableFuture<Void> submit(Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable wrapped =
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (Throwable e) {
            done.completeExceptionally(e);
          }
        };
    boolean start;
    lock.lock();
    try {
      queue.add(wrapped);
      start = !running;
      running = true;
    } finally {
      lock.unlock();
    }
    if (start) {
      Thread.ofVirtual().name(threadName).start(this::drain);
    }
    return done;
  }

  private void drain() {
    while (true) {
      Runnable next;
      lock.lock();
      try {
        next = queue.poll();
        if (next == null) {
          running = false;
          return;
        }
      } finally {
        lock.unlock();
      }
      next.run();
    }
  }
}
