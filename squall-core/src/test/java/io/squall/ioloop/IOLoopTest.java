package io.squall.ioloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IOLoopTest {
  private static final long WAIT_SECONDS = 10;

  private IOLoop loop;

  @BeforeEach
  void startLoop() {
    loop = IOLoop.startOnNewThread("test-loop");
  }

  @AfterEach
  void stopLoop() {
    loop.shutdown();
  }

  /** Runs {@code task} on the loop thread and returns its result. */
  private <T> T onLoop(Callable<T> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            f.complete(task.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch released").isTrue();
  }

  // ---- callbacks ----

  @Test
  void callbacksFromManyThreadsAreNeitherLostNorReordered() throws Exception {
    int threads = 8;
    int perThread = 50_000;
    int[] lastSeen = new int[threads];
    Arrays.fill(lastSeen, -1);
    int[] total = {0};
    AtomicInteger outOfOrder = new AtomicInteger();
    AtomicInteger offLoop = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      producers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < perThread; i++) {
                      int seq = i;
                      loop.addCallback(
                          () -> {
                            // Loop thread only: plain fields need no synchronisation.
                            if (!loop.inLoopThread()) {
                              offLoop.incrementAndGet();
                            }
                            if (lastSeen[id] != seq - 1) {
                              outOfOrder.incrementAndGet();
                            }
                            lastSeen[id] = seq;
                            if (++total[0] == threads * perThread) {
                              all.countDown();
                            }
                          });
                    }
                  }));
    }
    go.countDown();
    for (Thread p : producers) {
      p.join();
    }
    assertThat(all.await(60, TimeUnit.SECONDS)).as("all callbacks ran").isTrue();
    assertThat(onLoop(() -> total[0])).isEqualTo(threads * perThread);
    assertThat(outOfOrder.get()).isZero();
    assertThat(offLoop.get()).isZero();
    int[] expected = new int[threads];
    Arrays.fill(expected, perThread - 1);
    assertThat(onLoop(() -> lastSeen.clone())).containsExactly(expected);
  }

  @Test
  void callbacksAddedOnTheLoopRunInOrderOnALaterIteration() throws Exception {
    List<Integer> order = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    List<Integer> seenWhenAdding =
        onLoop(
            () -> {
              for (int i = 0; i < 1000; i++) {
                int n = i;
                loop.addCallback(() -> order.add(n));
              }
              loop.addCallback(done::countDown);
              return List.copyOf(order); // nothing ran synchronously
            });
    await(done);
    assertThat(seenWhenAdding).isEmpty();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add(i);
    }
    assertThat(onLoop(() -> List.copyOf(order))).isEqualTo(expected);
  }

  @Test
  void aCallbackThatReaddsItselfStarvesNeitherTimersNorIo() throws Exception {
    AtomicBoolean spinning = new AtomicBoolean(true);
    AtomicInteger spins = new AtomicInteger();
    Runnable spinner =
        new Runnable() {
          @Override
          public void run() {
            spins.incrementAndGet();
            if (spinning.get()) {
              loop.addCallback(this);
            }
          }
        };
    Pipe pipe = Pipe.open();
    try {
      CountDownLatch timerRan = new CountDownLatch(1);
      CountDownLatch ioSeen = new CountDownLatch(1);
      onLoop(
          () -> {
            loop.addCallback(spinner);
            loop.callLater(Duration.ofMillis(20), timerRan::countDown);
            loop.addHandler(
                pipe.source(),
                SelectionKey.OP_READ,
                (ch, ops) -> {
                  ioSeen.countDown();
                  loop.removeHandler(ch);
                });
            return null;
          });
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      await(timerRan);
      await(ioSeen);
      assertThat(spins.get()).isGreaterThan(1);
    } finally {
      spinning.set(false);
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Test
  void callbacksAndTimersAddedBeforeStartRunWhenItStarts() throws Exception {
    IOLoop other = new IOLoop("not-started");
    try {
      List<String> seen = new ArrayList<>();
      other.addCallback(() -> seen.add("callback"));
      other.callLater(Duration.ZERO, () -> seen.add("timer"));
      List<String> result =
          other.runSync(
              () -> {
                CompletableFuture<List<String>> f = new CompletableFuture<>();
                other.callLater(Duration.ofMillis(5), () -> f.complete(List.copyOf(seen)));
                return f;
              },
              Duration.ofSeconds(5));
      assertThat(result).containsExactlyInAnyOrder("callback", "timer");
    } finally {
      other.close();
    }
  }

  @Test
  void aThrowingCallbackIsLoggedAndTheLoopGoesOn() throws Exception {
    try (LogCapture logs = new LogCapture(IOLoop.class)) {
      CountDownLatch after = new CountDownLatch(2);
      loop.addCallback(
          () -> {
            throw new IllegalStateException("boom in callback");
          });
      loop.addCallback(after::countDown);
      loop.callLater(
          Duration.ZERO,
          () -> {
            throw new IllegalStateException("boom in timer");
          });
      loop.callLater(Duration.ofMillis(1), after::countDown);
      await(after);
      List<String> messages =
          logs.events(Level.ERROR).stream().map(e -> e.getThrowableProxy().getMessage()).toList();
      assertThat(messages).contains("boom in callback", "boom in timer");
      assertThat(loop.isRunning()).isTrue();
    }
  }

  @Test
  void aThrowingChannelHandlerIsLoggedAndTheLoopGoesOn() throws Exception {
    Pipe pipe = Pipe.open();
    try (LogCapture logs = new LogCapture(IOLoop.class)) {
      onLoop(
          () ->
              loop.addHandler(
                  pipe.source(),
                  SelectionKey.OP_READ,
                  (ch, ops) -> {
                    loop.removeHandler(ch);
                    throw new IllegalStateException("boom in handler");
                  }));
      pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
      logs.await(
          e ->
              e.getThrowableProxy() != null
                  && "boom in handler".equals(e.getThrowableProxy().getMessage()),
          Duration.ofSeconds(WAIT_SECONDS));
      assertThat(onLoop(() -> "still running")).isEqualTo("still running");
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  // ---- timers ----

  @Test
  void thousandsOfTimersRunInDeadlineThenCreationOrderAndCancelledOnesNever() throws Exception {
    int count = 5000;
    Random random = new Random(42);
    List<Integer> ran = new ArrayList<>();
    CountDownLatch allLive = new CountDownLatch(1);
    long[] deadlines = new long[count];
    boolean[] cancelled = new boolean[count];
    int live =
        onLoop(
            () -> {
              long base = loop.time() + TimeUnit.MILLISECONDS.toNanos(30);
              List<Timeout> handles = new ArrayList<>();
              for (int i = 0; i < count; i++) {
                // 40 distinct deadlines, so many timers share each one.
                deadlines[i] = base + TimeUnit.MILLISECONDS.toNanos(random.nextInt(40));
                int id = i;
                handles.add(loop.callAt(deadlines[i], () -> ran.add(id)));
              }
              int liveCount = count;
              for (int i = 0; i < count; i++) {
                if (random.nextInt(3) == 0) {
                  assertThat(handles.get(i).cancel()).isTrue();
                  assertThat(handles.get(i).cancel()).isFalse();
                  assertThat(handles.get(i).isCancelled()).isTrue();
                  cancelled[i] = true;
                  liveCount--;
                }
              }
              // Runs after every timer above: deadline later than all of them.
              loop.callAt(base + TimeUnit.MILLISECONDS.toNanos(60), allLive::countDown);
              return liveCount;
            });
    await(allLive);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!cancelled[i]) {
        expected.add(i);
      }
    }
    expected.sort(
        (a, b) -> {
          int c = Long.compare(deadlines[a] - deadlines[b], 0);
          return c != 0 ? c : Integer.compare(a, b);
        });
    List<Integer> actual = onLoop(() -> List.copyOf(ran));
    assertThat(actual).hasSize(live);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void cancelledTimersArePurgedFromTheHeapEvenWhileTheLoopIsBusy() throws Exception {
    int count = 5000;
    AtomicBoolean spinning = new AtomicBoolean(true);
    Runnable spinner =
        new Runnable() {
          @Override
          public void run() {
            if (spinning.get()) {
              loop.addCallback(this); // the callback queue is never empty
            }
          }
        };
    try {
      int entries =
          onLoop(
              () -> {
                loop.addCallback(spinner);
                List<Timeout> handles = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                  handles.add(loop.callLater(Duration.ofHours(1), () -> {}));
                }
                for (int i = 0; i < count - 10; i++) {
                  handles.get(i).cancel();
                }
                return loop.timerEntryCount();
              });
      assertThat(entries).isEqualTo(count); // purging is lazy ...
      // ... and happens on the next iteration.
      assertThat(onLoop(loop::timerEntryCount)).isEqualTo(10);
    } finally {
      spinning.set(false);
    }
  }

  @Test
  void callLaterFromAnotherThreadRunsOnTheLoopNoEarlierThanAsked() throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    long start = System.nanoTime();
    loop.callLater(Duration.ofMillis(30), () -> ranOn.complete(Thread.currentThread()));
    Thread t = ranOn.get(WAIT_SECONDS, TimeUnit.SECONDS);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(t).isSameAs(loop.thread());
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(30);
  }

  @Test
  void aTimeoutCancelledFromAnotherThreadNeverRuns() throws Exception {
    AtomicBoolean cancelledRan = new AtomicBoolean();
    Timeout t = loop.callLater(Duration.ofMillis(20), () -> cancelledRan.set(true));
    assertThat(t.cancel()).isTrue();
    CountDownLatch later = new CountDownLatch(1);
    loop.callLater(Duration.ofMillis(40), later::countDown);
    await(later);
    assertThat(cancelledRan).isFalse();
    assertThat(t.isCancelled()).isTrue();
  }

  @Test
  void aTimeoutThatRanCannotBeCancelled() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Timeout t = loop.callLater(Duration.ZERO, ran::countDown);
    await(ran);
    assertThat(t.cancel()).isFalse();
    assertThat(t.isCancelled()).isFalse();
  }

  @Test
  void aTimerThatRearmsItselfInThePastDoesNotHoldTheLoop() throws Exception {
    AtomicBoolean rearm = new AtomicBoolean(true);
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch callbackRan = new CountDownLatch(1);
    Runnable rearming =
        new Runnable() {
          @Override
          public void run() {
            if (runs.incrementAndGet() == 1) {
              // Must get its turn although this timer is due again at once, forever.
              loop.addCallback(callbackRan::countDown);
            }
            if (rearm.get()) {
              loop.callAt(loop.time() - TimeUnit.HOURS.toNanos(1), this); // long overdue
            }
          }
        };
    try {
      loop.callLater(Duration.ZERO, rearming);
      await(callbackRan);
    } finally {
      rearm.set(false);
    }
  }

  // ---- executor and futures ----

  @Test
  void runInExecutorRunsOffTheLoopAndDeliversTheResultOnIt() throws Exception {
    AtomicReference<Thread> taskThread = new AtomicReference<>();
    CompletableFuture<Thread> continuationThread = new CompletableFuture<>();
    CompletableFuture<Integer> value = new CompletableFuture<>();
    loop.addCallback(
        () ->
            loop.runInExecutor(
                    () -> {
                      taskThread.set(Thread.currentThread());
                      return 42;
                    })
                .whenComplete(
                    (v, e) -> {
                      continuationThread.complete(Thread.currentThread());
                      value.complete(v);
                    }));
    assertThat(value.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(42);
    assertThat(continuationThread.get()).isSameAs(loop.thread());
    assertThat(taskThread.get()).isNotSameAs(loop.thread()).isNotNull();
  }

  @Test
  void runInExecutorDeliversTheTasksExceptionOnTheLoop() throws Exception {
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    CompletableFuture<Thread> on = new CompletableFuture<>();
    // Attach the continuation on the loop, so it cannot run on this thread if the task is fast.
    loop.addCallback(
        () ->
            loop.runInExecutor(
                    () -> {
                      throw new IOException("disk on fire");
                    })
                .whenComplete(
                    (v, e) -> {
                      on.complete(Thread.currentThread());
                      error.complete(e);
                    }));
    assertThat(error.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(IOException.class)
        .hasMessage("disk on fire");
    assertThat(on.get()).isSameAs(loop.thread());
  }

  @Test
  void runInExecutorFailsWhenTheExecutorRejects() {
    CompletableFuture<Object> f =
        loop.runInExecutor(
            r -> {
              throw new RejectedExecutionException("full");
            },
            () -> 1);
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void addFutureRunsTheCallbackOnTheLoopWithTheUnwrappedResult() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> got = new CompletableFuture<>();
    CompletableFuture<Thread> on = new CompletableFuture<>();
    loop.addFuture(
        source,
        (v, e) -> {
          on.complete(Thread.currentThread());
          got.complete(v);
        });
    Thread.ofPlatform().start(() -> source.complete("hi")).join();
    assertThat(got.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hi");
    assertThat(on.get()).isSameAs(loop.thread());

    CompletableFuture<Throwable> err = new CompletableFuture<>();
    CompletableFuture<String> failing = new CompletableFuture<>();
    loop.addFuture(
        failing.thenApply(s -> s + "!"), // a dependent stage wraps the cause in CompletionException
        (v, e) -> err.complete(e));
    failing.completeExceptionally(new IllegalArgumentException("bad"));
    assertThat(err.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad");
  }

  // ---- runSync ----

  @Test
  void runSyncReturnsTheValueAndRunsOnTheCallingThread() throws Exception {
    IOLoop own = new IOLoop("own");
    try {
      Thread caller = Thread.currentThread();
      String v =
          own.runSync(
              () -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(IOLoop.current()).isSameAs(own);
                CompletableFuture<String> f = new CompletableFuture<>();
                own.callLater(Duration.ofMillis(5), () -> f.complete("later"));
                return f;
              },
              Duration.ofSeconds(5));
      assertThat(v).isEqualTo("later");
      assertThat(own.isRunning()).isFalse();
    } finally {
      own.close();
    }
  }

  @Test
  void runSyncWrapsAFailureInExecutionException() {
    IOLoop own = new IOLoop("own");
    try {
      assertThatThrownBy(
              () ->
                  own.runSync(
                      () -> CompletableFuture.failedFuture(new IOException("nope")),
                      Duration.ofSeconds(5)))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessage("nope");
      assertThatThrownBy(
              () ->
                  own.runSync(
                      () -> {
                        throw new IllegalStateException("thrown by the function");
                      },
                      Duration.ofSeconds(5)))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .hasMessage("thrown by the function");
      assertThatThrownBy(
              () ->
                  own.runSync(
                      () -> {
                        CompletableFuture<String> f = new CompletableFuture<>();
                        f.cancel(false);
                        return f;
                      },
                      Duration.ofSeconds(5)))
          .isInstanceOf(ExecutionException.class);
    } finally {
      own.close();
    }
  }

  @Test
  void runSyncThrowsTimeoutExceptionWhenTheFutureNeverCompletes() {
    IOLoop own = new IOLoop("own");
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> own.runSync(CompletableFuture::new, Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class);
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
      assertThat(own.isRunning()).isFalse();
    } finally {
      own.close();
    }
  }

  @Test
  void runSyncOnARunningLoopIsRefused() {
    assertThatThrownBy(
            () -> loop.runSync(() -> CompletableFuture.completedFuture(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- blocking watchdog ----

  @Test
  void aBlockingCallbackIsReportedOnceWithItsStack() throws Exception {
    try (LogCapture logs = new LogCapture(IOLoop.class)) {
      loop.setBlockingLogThreshold(Duration.ofMillis(50));
      CountDownLatch blocked = new CountDownLatch(1);
      loop.addCallback(
          () -> {
            blockTheLoopFor300Millis();
            blocked.countDown();
          });
      ILoggingEvent warning =
          logs.await(e -> e.getLevel() == Level.WARN, Duration.ofSeconds(WAIT_SECONDS));
      await(blocked);
      // A quick callback afterwards is not reported.
      assertThat(onLoop(() -> 1)).isEqualTo(1);
      assertThat(logs.events(Level.WARN)).hasSize(1);
      assertThat(warning.getFormattedMessage()).contains("test-loop").contains("blocked");
      List<String> frames =
          Arrays.stream(warning.getThrowableProxy().getStackTraceElementProxyArray())
              .map(StackTraceElementProxy::getStackTraceElement)
              .map(f -> f.getClassName() + "." + f.getMethodName())
              .toList();
      assertThat(frames).anyMatch(f -> f.endsWith("IOLoopTest.blockTheLoopFor300Millis"));
    } finally {
      loop.setBlockingLogThreshold(Duration.ZERO);
    }
  }

  @Test
  void aNegativeBlockingThresholdIsRefused() {
    assertThatThrownBy(() -> loop.setBlockingLogThreshold(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void blockTheLoopFor300Millis() {
    try {
      Thread.sleep(300); // the blocking under test, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- channels ----

  @Test
  void addAndRemoveHandlerWithAPipe() throws Exception {
    Pipe pipe = Pipe.open();
    try {
      StringBuilder received = new StringBuilder();
      AtomicInteger calls = new AtomicInteger();
      CountDownLatch hello = new CountDownLatch(1);
      ChannelHandler reader =
          (ch, ops) -> {
            calls.incrementAndGet();
            assertThat(ops & SelectionKey.OP_READ).isNotZero();
            ByteBuffer buf = ByteBuffer.allocate(64);
            try {
              ((Pipe.SourceChannel) ch).read(buf);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            received.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            if (received.toString().equals("hello")) {
              hello.countDown();
            }
          };
      onLoop(() -> loop.addHandler(pipe.source(), SelectionKey.OP_READ, reader));
      assertThat(onLoop(loop::handlerCount)).isEqualTo(1);
      assertThat(pipe.source().isBlocking()).isFalse();
      pipe.sink().write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
      await(hello);

      onLoop(
          () -> {
            loop.removeHandler(pipe.source());
            return null;
          });
      assertThat(onLoop(loop::handlerCount)).isZero();
      int callsBefore = onLoop(calls::get);
      pipe.sink().write(ByteBuffer.wrap("ignored".getBytes(StandardCharsets.UTF_8)));
      // Give the loop a few iterations (and a timer's worth of select) with data pending.
      CountDownLatch quiet = new CountDownLatch(1);
      loop.callLater(Duration.ofMillis(30), quiet::countDown);
      await(quiet);
      assertThat(onLoop(calls::get)).isEqualTo(callsBefore);

      // A new handler for the same channel sees the data that arrived meanwhile.
      CompletableFuture<String> pending = new CompletableFuture<>();
      onLoop(
          () ->
              loop.addHandler(
                  pipe.source(),
                  SelectionKey.OP_READ,
                  (ch, ops) -> {
                    loop.removeHandler(ch);
                    ByteBuffer buf = ByteBuffer.allocate(64);
                    try {
                      ((Pipe.SourceChannel) ch).read(buf);
                    } catch (IOException e) {
                      pending.completeExceptionally(e);
                    }
                    pending.complete(
                        new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
                  }));
      assertThat(pending.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("ignored");
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Test
  void removeThenAddTheSameChannelInOneCallback() throws Exception {
    Pipe pipe = Pipe.open();
    try {
      CountDownLatch secondHandler = new CountDownLatch(1);
      onLoop(() -> loop.addHandler(pipe.source(), SelectionKey.OP_READ, (ch, ops) -> {}));
      onLoop(
          () -> {
            loop.removeHandler(pipe.source());
            return loop.addHandler(
                pipe.source(),
                SelectionKey.OP_READ,
                (ch, ops) -> {
                  loop.removeHandler(ch);
                  secondHandler.countDown();
                });
          });
      pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
      await(secondHandler);
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Test
  void updateHandlerChangesTheInterestSet() throws Exception {
    Pipe pipe = Pipe.open();
    try {
      AtomicInteger writable = new AtomicInteger();
      CountDownLatch first = new CountDownLatch(1);
      onLoop(
          () ->
              loop.addHandler(
                  pipe.sink(),
                  SelectionKey.OP_WRITE,
                  (ch, ops) -> {
                    writable.incrementAndGet();
                    loop.updateHandler(ch, 0); // stop asking
                    first.countDown();
                  }));
      await(first);
      CountDownLatch quiet = new CountDownLatch(1);
      loop.callLater(Duration.ofMillis(20), quiet::countDown);
      await(quiet);
      assertThat(onLoop(writable::get)).isEqualTo(1);
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Test
  void handlerMethodsAreRefusedOffTheLoopThread() throws Exception {
    Pipe pipe = Pipe.open();
    try {
      assertThatThrownBy(() -> loop.addHandler(pipe.source(), SelectionKey.OP_READ, (c, o) -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("loop thread");
      assertThatThrownBy(() -> loop.removeHandler(pipe.source()))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }

  @Test
  void closeLeavesNoSelectorKeysAndClosesChannelsOnlyWhenAsked() throws Exception {
    Pipe pipe = Pipe.open();
    Pipe other = Pipe.open();
    IOLoop own = IOLoop.startOnNewThread("own");
    try {
      CompletableFuture<Void> registered = new CompletableFuture<>();
      own.addCallback(
          () -> {
            own.addHandler(pipe.source(), SelectionKey.OP_READ, (c, o) -> {});
            own.addHandler(pipe.sink(), 0, (c, o) -> {});
            registered.complete(null);
          });
      registered.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(pipe.source().isRegistered()).isTrue();
      own.close(); // from another thread: stops the loop, then closes
      assertThat(own.isRunning()).isFalse();
      assertThat(own.isClosed()).isTrue();
      assertThat(own.handlerCount()).isZero();
      assertThat(pipe.source().isRegistered()).isFalse();
      assertThat(pipe.sink().isRegistered()).isFalse();
      assertThat(pipe.source().isOpen()).isTrue();

      IOLoop closing = new IOLoop("closing");
      closing.addHandler(other.source(), SelectionKey.OP_READ, (c, o) -> {});
      closing.close(true);
      assertThat(other.source().isOpen()).isFalse();
      assertThat(other.source().isRegistered()).isFalse();
    } finally {
      own.close();
      pipe.sink().close();
      pipe.source().close();
      other.sink().close();
      other.source().close();
    }
  }

  @Test
  void closeFromACallbackEndsStartAndRefusesLateCallbacks() throws Exception {
    IOLoop own = new IOLoop("own");
    Thread runner = Thread.ofPlatform().start(own::start);
    own.addCallback(own::close);
    runner.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(runner.isAlive()).isFalse();
    assertThat(own.isClosed()).isTrue();
    // refused visibly (issue 12: a silent drop let waiters hang at shutdown)
    assertThatThrownBy(() -> own.addCallback(() -> {})).isInstanceOf(LoopClosedException.class);
    own.stop(); // harmless
    assertThatThrownBy(own::start).isInstanceOf(IllegalStateException.class);
  }

  // ---- current loop ----

  @Test
  void currentIsTheRunningLoopOnItsThreadAndNullElsewhere() throws Exception {
    assertThat(onLoop(IOLoop::current)).isSameAs(loop);
    assertThat(onLoop(() -> loop.inLoopThread())).isTrue();
    assertThat(loop.inLoopThread()).isFalse();
    CompletableFuture<IOLoop> elsewhere = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> elsewhere.complete(IOLoop.currentOrNull())).join();
    assertThat(elsewhere.get()).isNull();
  }

  @Test
  void manyTimersFromManyThreadsAllRun() throws Exception {
    int threads = 4;
    int perThread = 2000;
    CountDownLatch all = new CountDownLatch(threads * perThread);
    List<Thread> producers = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      producers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      loop.callLater(Duration.ofMillis(i % 7), all::countDown);
                    }
                  }));
    }
    for (Thread p : producers) {
      p.join();
    }
    await(all);
  }
}
