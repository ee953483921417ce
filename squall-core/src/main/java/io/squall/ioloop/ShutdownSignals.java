package io.squall.ioloop;

import io.squall.ioloop.internal.Futures;
import io.squall.ioloop.internal.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown on SIGTERM and SIGINT: on the first signal, run every registered hook, wait for
 * all of them (at most a grace period, 30 seconds by default), then exit with status 0. A second
 * signal while the hooks run exits at once with status 1.
 *
 * <p>Servers register a hook that stops accepting connections and drains the requests in flight, so
 * a rolling restart behind a load balancer loses nothing; Squall's HTTP server does this for you.
 * Your own code registers hooks the same way:
 *
 * <pre>{@code
 * ShutdownSignals.onShutdown(() -> {
 *   CompletableFuture<Void> done = new CompletableFuture<>();
 *   loop.addCallback(() -> flushBuffers().whenComplete((v, e) -> done.complete(null)));
 *   return done;
 * });
 * }</pre>
 *
 * <p>Hooks run on the thread that received the signal, all started one after the other without
 * waiting, and then awaited together. A hook that needs a loop must hand its work to the loop with
 * {@link IOLoop#addCallback} (as above) and return a future that the loop completes. A hook that
 * throws or whose future fails is logged and counts as finished.
 *
 * <p>The static methods ({@link #onShutdown}, {@link #install()}, {@link #global()}) work on one
 * process-wide instance that handles the real signals (via {@code sun.misc.Signal}) and exits with
 * {@link System#exit}. For tests, or to wire signals some other way, create an instance with an
 * injected {@code exit} and call {@link #trigger(String)}.
 *
 * <p>Thread-safe.
 */
public final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  /** The grace period used unless another is set: 30 seconds. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private static final ShutdownSignals GLOBAL = new ShutdownSignals(System::exit, DEFAULT_GRACE);
  private static boolean installed;

  private final IntConsumer exit;
  private final CopyOnWriteArrayList<Hook> hooks = new CopyOnWriteArrayList<>();
  private volatile Duration grace;
  private boolean draining;

  /** A registered hook; {@link #remove()} unregisters it. */
  public interface Registration {
    /** Unregisters the hook. Returns false if it was already removed. */
    boolean remove();
  }

  private final class Hook implements Registration {
    final Supplier<? extends CompletionStage<?>> action;

    Hook(Supplier<? extends CompletionStage<?>> action) {
      this.action = action;
    }

    @Override
    public boolean remove() {
      return hooks.remove(this);
    }
  }

  /**
   * An instance that calls {@code exit} with the exit status instead of exiting the process, with
   * the {@linkplain #DEFAULT_GRACE default grace}. It handles no signal until you call {@link
   * #trigger(String)}.
   */
  public ShutdownSignals(IntConsumer exit) {
    this(exit, DEFAULT_GRACE);
  }

  /** Like {@link #ShutdownSignals(IntConsumer)} with the given grace period. */
  public ShutdownSignals(IntConsumer exit, Duration grace) {
    this.exit = Objects.requireNonNull(exit, "exit");
    setGrace(grace);
  }

  /** The process-wide instance that {@link #install()} connects to SIGTERM and SIGINT. */
  public static ShutdownSignals global() {
    return GLOBAL;
  }

  /**
   * Registers {@code hook} with the process-wide instance and makes sure the signal handlers are
   * {@linkplain #install() installed}. The hook runs once, on the first SIGTERM or SIGINT; the
   * process exits when the future it returns completes (or the grace period ends).
   */
  public static Registration onShutdown(Supplier<? extends CompletionStage<?>> hook) {
    install();
    return GLOBAL.addHook(hook);
  }

  /**
   * Installs the handlers for SIGTERM and SIGINT that run the {@linkplain #global() process-wide}
   * hooks. Idempotent. A signal the JVM does not let us handle (for example with {@code -Xrs}) is
   * logged and skipped.
   */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    for (String name : List.of("TERM", "INT")) {
      Signals.handle(name, GLOBAL::trigger);
    }
  }

  /** Sets the longest time to wait for the hooks before exiting anyway. */
  public void setGrace(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    this.grace = grace;
  }

  /** The grace period. */
  public Duration grace() {
    return grace;
  }

  /**
   * Registers a hook that returns a future which completes when the hook's work is done (it may
   * return null if it finished synchronously).
   */
  public Registration addHook(Supplier<? extends CompletionStage<?>> hook) {
    Hook h = new Hook(Objects.requireNonNull(hook, "hook"));
    hooks.add(h);
    return h;
  }

  /** Whether a signal was received and the hooks are running (or have run). */
  public synchronized boolean isDraining() {
    return draining;
  }

  /**
   * Handles a shutdown signal named {@code signal} (used in log lines, e.g. {@code "SIGTERM"}). The
   * first call runs the hooks and returns; {@code exit(0)} follows on a thread of its own when all
   * hooks finished or the grace period ended. Any later call calls {@code exit(1)} at once.
   */
  public void trigger(String signal) {
    List<Hook> toRun;
    synchronized (this) {
      if (draining) {
        log.warn("{} received while shutting down gracefully: exiting now with status 1", signal);
        exit.accept(1);
        return;
      }
      draining = true;
      toRun = List.copyOf(hooks);
    }
    Duration limit = grace;
    log.info(
        "{} received: running {} shutdown hook(s), waiting at most {} before exiting",
        signal,
        toRun.size(),
        limit);
    List<CompletableFuture<Void>> running = new ArrayList<>(toRun.size());
    for (Hook h : toRun) {
      running.add(start(h));
    }
    CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> true)
        .completeOnTimeout(false, limit.toNanos(), TimeUnit.NANOSECONDS)
        .thenAccept(
            allDone -> {
              if (allDone) {
                log.info("shutdown hooks finished: exiting");
              } else {
                long pending = running.stream().filter(f -> !f.isDone()).count();
                log.warn(
                    "shutdown grace of {} ended with {} hook(s) still running: exiting",
                    limit,
                    pending);
              }
              // Not on the thread that completed the last hook: that may be a loop thread, and
              // System.exit blocks its caller while JVM shutdown hooks run.
              Thread.ofPlatform().name("squall-shutdown-exit").start(() -> exit.accept(0));
            });
  }

  /** Starts one hook; the returned future completes (never fails) when it is finished. */
  private static CompletableFuture<Void> start(Hook h) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    CompletionStage<?> stage;
    try {
      stage = h.action.get();
    } catch (Throwable e) {
      log.error("shutdown hook {} failed", h.action, e);
      finished.complete(null);
      return finished;
    }
    if (stage == null) {
      finished.complete(null);
      return finished;
    }
    stage.whenComplete(
        (v, e) -> {
          if (e != null) {
            log.error("shutdown hook {} failed", h.action, Futures.unwrap(e));
          }
          finished.complete(null);
        });
    return finished;
  }
}
