package io.squall.ioloop;

import static io.squall.ioloop.LoopTesting.await;
import static io.squall.ioloop.LoopTesting.onLoop;
import static io.squall.ioloop.LoopTesting.runOnLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeriodicCallbackTest {
  private static final Duration PERIOD = Duration.ofMillis(20);
  private static final long PERIOD_NANOS = PERIOD.toNanos();

  private IOLoop loop;

  @BeforeEach
  void startLoop() {
    loop = IOLoop.startOnNewThread("periodic-loop");
  }

  @AfterEach
  void stopLoop() {
    loop.shutdown();
  }

  @Test
  void runsEveryPeriodOnTheLoopThatIsCurrentAtStart() throws Exception {
    CountDownLatch fiveRuns = new CountDownLatch(5);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    List<Long> times = new CopyOnWriteArrayList<>();
    AtomicReference<PeriodicCallback> pc = new AtomicReference<>();
    long started =
        onLoop(
            loop,
            () -> {
              PeriodicCallback p =
                  new PeriodicCallback(
                      () -> {
                        threads.add(Thread.currentThread());
                        times.add(System.nanoTime());
                        fiveRuns.countDown();
                      },
                      PERIOD);
              pc.set(p);
              long now = System.nanoTime();
              p.start();
              assertThat(p.isRunning()).isTrue();
              return now;
            });
    await(fiveRuns);
    runOnLoop(loop, () -> pc.get().stop());
    assertThat(pc.get().isRunning()).isFalse();
    assertThat(threads).hasSizeGreaterThanOrEqualTo(5).allMatch(t -> t == loop.thread());
    // The first run comes one period after start; five runs take at least five periods.
    assertThat(times.get(0) - started).isGreaterThanOrEqualTo(PERIOD_NANOS);
    assertThat(times.get(4) - started).isGreaterThanOrEqualTo(5 * PERIOD_NANOS);
  }

  @Test
  void noRunAfterStop() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch twoRuns = new CountDownLatch(2);
    PeriodicCallback pc =
        new PeriodicCallback(
            loop,
            () -> {
              runs.incrementAndGet();
              twoRuns.countDown();
            },
            PERIOD);
    runOnLoop(loop, pc::start);
    await(twoRuns);
    pc.stop(); // from another thread
    int atStop = runs.get();
    // Several periods later, nothing more has run.
    CountDownLatch later = new CountDownLatch(1);
    loop.callLater(PERIOD.multipliedBy(4), later::countDown);
    await(later);
    assertThat(runs.get()).isEqualTo(atStop);
    assertThat(pc.isRunning()).isFalse();
  }

  @Test
  void aCallbackMayStopItself() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<PeriodicCallback> self = new AtomicReference<>();
    PeriodicCallback pc =
        new PeriodicCallback(
            loop,
            () -> {
              if (runs.incrementAndGet() == 3) {
                self.get().stop();
              }
            },
            PERIOD);
    self.set(pc);
    runOnLoop(
        loop,
        () -> {
          pc.start();
          pc.start(); // already running: no second schedule
        });
    CountDownLatch later = new CountDownLatch(1);
    loop.callLater(PERIOD.multipliedBy(8), later::countDown);
    await(later);
    assertThat(runs.get()).isEqualTo(3);
    assertThat(pc.isRunning()).isFalse();
  }

  @Test
  void canBeRestarted() throws Exception {
    AtomicReference<CountDownLatch> latch = new AtomicReference<>(new CountDownLatch(2));
    PeriodicCallback pc = new PeriodicCallback(loop, () -> latch.get().countDown(), PERIOD);
    runOnLoop(loop, pc::start);
    await(latch.get());
    runOnLoop(loop, pc::stop);
    latch.set(new CountDownLatch(2));
    runOnLoop(loop, pc::start);
    await(latch.get());
    runOnLoop(loop, pc::stop);
  }

  @Test
  void aThrowingCallbackIsLoggedAndTheScheduleGoesOn() throws Exception {
    try (LogCapture logs = new LogCapture(PeriodicCallback.class)) {
      CountDownLatch runs = new CountDownLatch(3);
      PeriodicCallback pc =
          new PeriodicCallback(
              loop,
              () -> {
                runs.countDown();
                throw new IllegalStateException("periodic boom");
              },
              PERIOD);
      runOnLoop(loop, pc::start);
      await(runs);
      var errors = logs.awaitCount(Level.ERROR, 3, Duration.ofSeconds(LoopTesting.WAIT_SECONDS));
      runOnLoop(loop, pc::stop);
      assertThat(errors).allMatch(e -> "periodic boom".equals(e.getThrowableProxy().getMessage()));
    }
  }

  @Test
  void anOverrunSkipsMissedTicksInsteadOfBunching() throws Exception {
    Duration period = Duration.ofMillis(40);
    List<long[]> runs = new CopyOnWriteArrayList<>(); // {start, end}
    CountDownLatch fourRuns = new CountDownLatch(4);
    PeriodicCallback pc =
        new PeriodicCallback(
            loop,
            () -> {
              long start = System.nanoTime();
              if (runs.size() == 1) {
                overrun(Duration.ofMillis(150)); // misses about three ticks
              }
              runs.add(new long[] {start, System.nanoTime()});
              fourRuns.countDown();
            },
            period);
    runOnLoop(loop, pc::start);
    await(fourRuns);
    runOnLoop(loop, pc::stop);
    long overrunEnd = runs.get(1)[1];
    long third = runs.get(2)[0];
    long fourth = runs.get(3)[0];
    // Catching up would run the missed ticks back to back right after the overrun.
    assertThat(third).isGreaterThanOrEqualTo(overrunEnd);
    assertThat(fourth - third)
        .as("gap between the runs after the overrun")
        .isGreaterThanOrEqualTo(period.toNanos() / 2);
  }

  private static void overrun(Duration d) {
    try {
      Thread.sleep(d.toMillis()); // the slow callback under test, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void nextDeadlineFollowsTheGridAndSkipsMissedTicks() {
    // On time (or early): one interval later.
    assertThat(PeriodicCallback.nextDeadline(100, 100, 20)).isEqualTo(120);
    assertThat(PeriodicCallback.nextDeadline(100, 90, 20)).isEqualTo(120);
    // Late but within the interval: the next grid point.
    assertThat(PeriodicCallback.nextDeadline(100, 119, 20)).isEqualTo(120);
    // Missed ticks are skipped: the next grid point after now.
    assertThat(PeriodicCallback.nextDeadline(100, 120, 20)).isEqualTo(140);
    assertThat(PeriodicCallback.nextDeadline(100, 175, 20)).isEqualTo(180);
    // Works across nanoTime wrap-around.
    long prev = Long.MAX_VALUE - 10;
    assertThat(PeriodicCallback.nextDeadline(prev, prev + 45, 20)).isEqualTo(prev + 60);
  }

  @Test
  void jitterScalesTheIntervalWithinHalfTheJitterEitherWay() {
    long p = 1_000_000;
    assertThat(PeriodicCallback.jitteredInterval(p, 0.2, 0.0)).isEqualTo(900_000);
    assertThat(PeriodicCallback.jitteredInterval(p, 0.2, 0.5)).isEqualTo(p);
    assertThat(PeriodicCallback.jitteredInterval(p, 0.2, 0.999_999))
        .isBetween(1_099_990L, p * 11 / 10);
    assertThat(PeriodicCallback.jitteredInterval(p, 1.0, 0.0)).isEqualTo(p / 2);
  }

  @Test
  void jitteredScheduleStillRuns() throws Exception {
    CountDownLatch runs = new CountDownLatch(4);
    PeriodicCallback pc = new PeriodicCallback(loop, runs::countDown, PERIOD).withJitter(0.5);
    assertThat(pc.jitter()).isEqualTo(0.5);
    long start = System.nanoTime();
    runOnLoop(loop, pc::start);
    await(runs);
    runOnLoop(loop, pc::stop);
    // Every interval is at least 3/4 of the period.
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(4 * PERIOD_NANOS * 3 / 4);
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> new PeriodicCallback(() -> {}, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PeriodicCallback(() -> {}, Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class);
    PeriodicCallback pc = new PeriodicCallback(() -> {}, PERIOD);
    assertThatThrownBy(() -> pc.withJitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pc.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pc.withJitter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pc.period()).isEqualTo(PERIOD);
    assertThat(pc.isRunning()).isFalse();
    pc.stop(); // not running: nothing happens
  }

  @Test
  void manyPeriodicCallbacksOnOneLoop() throws Exception {
    int n = 50;
    CountDownLatch eachTwice = new CountDownLatch(n * 2);
    List<PeriodicCallback> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new PeriodicCallback(loop, eachTwice::countDown, PERIOD).withJitter(0.2));
    }
    runOnLoop(loop, () -> all.forEach(PeriodicCallback::start));
    assertThat(eachTwice.await(LoopTesting.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    runOnLoop(loop, () -> all.forEach(PeriodicCallback::stop));
  }
}
