package io.squall.ioloop;

import io.squall.ioloop.internal.BlockingWatchdog;
import io.squall.ioloop.internal.Futures;
import io.squall.ioloop.internal.LoopAccess;
import io.squall.ioloop.internal.TimerHeap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event loop: one thread, one {@link Selector}, a queue of callbacks and a heap of timers
 * (Tornado's {@code IOLoop}).
 *
 * <p>Everything that touches a connection runs on the loop's thread, so loop code needs no locks.
 * {@link #addCallback(Runnable)} (and {@link #execute(Runnable)}, its {@link Executor} form) is the
 * hand-off that is safe from any thread; use it to hand work to the loop from executors, other
 * loops or signal handlers. {@link #callLater}, {@link #callAt}, {@link #stop()} and {@link
 * Timeout#cancel()} are safe from any thread too. Blocking work never runs on the loop: use {@link
 * #runInExecutor}.
 *
 * <p>A callback that throws is logged with its stack trace and the loop goes on. When a {@linkplain
 * #setBlockingLogThreshold blocking log threshold} is set, a callback that holds the loop longer is
 * logged together with the stack of the loop thread at that moment.
 *
 * <pre>{@code
 * IOLoop loop = IOLoop.current();
 * loop.callLater(Duration.ofSeconds(1), () -> System.out.println("a second later"));
 * loop.start();
 * }</pre>
 */
public final class IOLoop implements Executor, AutoCloseable {
  static {
    LoopAccess.install(
        new LoopAccess.Busy() {
          @Override
          public long busySinceNanos(IOLoop loop) {
            return loop.busySince;
          }

          @Override
          public long busySequence(IOLoop loop) {
            return loop.busySeq;
          }
        });
  }

  private static final Logger log = LoggerFactory.getLogger(IOLoop.class);
  private static final ThreadLocal<IOLoop> CURRENT = new ThreadLocal<>();
  private static final ExecutorService DEFAULT_EXECUTOR =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("squall-executor-", 0).factory());

  private final String name;
  private final Selector selector;
  private final ConcurrentLinkedQueue<Runnable> callbacks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final TimerHeap timers = new TimerHeap();
  private final Set<CompletableFuture<?>> closeWaiters = ConcurrentHashMap.newKeySet();
  private volatile Thread thread;
  private volatile boolean running;
  private volatile boolean stopping;
  private volatile boolean closed;
  private volatile long blockingThresholdNanos;
  private volatile Executor executor = DEFAULT_EXECUTOR;

  /** Loop-clock time the current callback started (never 0), or 0 while the loop is idle. */
  private volatile long busySince;

  /** Keys selected in one iteration, copied out of the selector's set before any handler runs. */
  private SelectionKey[] readyKeys = new SelectionKey[64];

  /** Changes with every callback, so the watchdog reports each blocking callback once. */
  private volatile long busySeq;

  /** Creates a loop that is not started, named for its thread and log lines. */
  public IOLoop(String name) {
    this.name = Objects.requireNonNull(name, "name");
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for loop " + name, e);
    }
  }

  /** Creates a loop named {@code squall-loop}. */
  public IOLoop() {
    this("squall-loop");
  }

  /**
   * Returns the loop of the calling thread: the one running on it, or the one made current on it.
   *
   * <p>When the thread has none, a loop is created and made current only on the JVM's {@code main}
   * thread, as Tornado does for the main thread, so that {@code app.listen(8888);
   * IOLoop.current().start();} works in a {@code main} method. Any other thread without a loop (a
   * virtual thread running a {@code @Blocking} handler, an executor thread) gets an {@link
   * IllegalStateException}: a loop created there would never run, so timers and connections set up
   * on it would silently never fire. Pass such code the loop explicitly (for example {@code
   * RequestHandler.ioLoop()}) and hand it work with {@link #addCallback}.
   *
   * @throws IllegalStateException on a thread other than {@code main} that has no loop
   */
  public static IOLoop current() {
    IOLoop loop = CURRENT.get();
    if (loop == null || loop.closed) {
      Thread t = Thread.currentThread();
      if (t.isVirtual() || !"main".equals(t.getName())) {
        throw new IllegalStateException(
            "no IOLoop is current on thread '"
                + t.getName()
                + "'"
                + (t.isVirtual() ? " (a virtual thread, e.g. a @Blocking handler's)" : "")
                + ": a loop created here would never run; use the loop the work belongs to"
                + " (e.g. RequestHandler.ioLoop()), hand it work with addCallback, or start one"
                + " with IOLoop.startOnNewThread");
      }
      loop = new IOLoop();
      CURRENT.set(loop);
    }
    return loop;
  }

  /** Returns the loop of the calling thread, or null when it has none. Never creates one. */
  public static IOLoop currentOrNull() {
    IOLoop loop = CURRENT.get();
    return loop == null || loop.closed ? null : loop;
  }

  /** Makes this loop the {@link #current()} loop of the calling thread. */
  public void makeCurrent() {
    CURRENT.set(this);
  }

  /**
   * Creates a loop, starts it on a new platform thread of that name, and returns once it runs. Stop
   * it with {@link #stop()} and {@link #close()}.
   */
  public static IOLoop startOnNewThread(String name) {
    IOLoop loop = new IOLoop(name);
    CountDownLatch started = new CountDownLatch(1);
    loop.addCallback(started::countDown);
    Thread t = Thread.ofPlatform().name(name).unstarted(loop::start);
    t.start();
    try {
      started.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting loop " + name, e);
    }
    return loop;
  }

  /** The loop's name. */
  public String name() {
    return name;
  }

  /** The loop's clock in nanoseconds ({@link System#nanoTime()}); deadlines use it. */
  public long time() {
    return System.nanoTime();
  }

  /** Whether the calling thread is this loop's thread while it runs. */
  public boolean inLoopThread() {
    return Thread.currentThread() == thread;
  }

  /** Whether {@link #start()} is running. */
  public boolean isRunning() {
    return running;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The default executor for {@link #runInExecutor(Callable)}: one virtual thread per task. */
  public static Executor defaultExecutor() {
    return DEFAULT_EXECUTOR;
  }

  /**
   * Logs a callback that holds the loop for longer than {@code threshold}, with the loop thread's
   * stack at that moment. {@link Duration#ZERO} turns the check off (the default).
   */
  public void setBlockingLogThreshold(Duration threshold) {
    long nanos = threshold.toNanos();
    if (nanos < 0) {
      throw new IllegalArgumentException(
          "blocking log threshold must not be negative: " + threshold);
    }
    blockingThresholdNanos = nanos;
    if (nanos > 0) {
      BlockingWatchdog.watch(this);
    } else {
      BlockingWatchdog.unwatch(this);
    }
  }

  /** The current blocking log threshold in nanoseconds, 0 when off. */
  public long blockingLogThresholdNanos() {
    return blockingThresholdNanos;
  }

  /** The loop's thread while it runs, else null. */
  public Thread thread() {
    return thread;
  }

  /**
   * Runs {@code callback} on the loop thread at the next iteration. Safe from any thread, including
   * the loop's own; callbacks from one thread run in the order they were added. Wake-ups of the
   * selector are coalesced, so a storm of callbacks costs one wake-up per loop iteration.
   *
   * @throws LoopClosedException if the loop is closed (the callback would never run)
   */
  public void addCallback(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (closed) {
      // Unlike Tornado, which drops it silently: whoever hands work to a closed loop must know
      // that it will never run (a thread waiting for it would otherwise wait for ever).
      throw new LoopClosedException(this);
    }
    callbacks.add(callback);
    if (!inLoopThread() && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /**
   * Tornado's {@code spawn_callback}: runs {@code callback} at the next iteration, as {@link
   * #addCallback}: Java has no implicit context for the callback to leave behind, so the two are
   * the same.
   */
  public void spawnCallback(Runnable callback) {
    addCallback(callback);
  }

  /** Same as {@link #addCallback(Runnable)}: lets the loop serve as an {@link Executor}. */
  @Override
  public void execute(Runnable command) {
    addCallback(command);
  }

  /**
   * Runs {@code callback} on the loop after {@code delay}. Safe from any thread: from the loop
   * thread the timer is scheduled at once, from any other thread (or before the loop starts) it is
   * handed to the loop with {@link #addCallback}. Timers with equal deadlines run in the order they
   * were created. The returned {@link Timeout} may be cancelled from any thread.
   */
  public Timeout callLater(Duration delay, Runnable callback) {
    return callAt(time() + delay.toNanos(), callback);
  }

  /**
   * Runs {@code callback} on the loop at {@code deadlineNanos} on the loop clock ({@link #time()}).
   * Thread rules as for {@link #callLater}.
   */
  public Timeout callAt(long deadlineNanos, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    TimerHeap.Entry entry = timers.newEntry(deadlineNanos, callback);
    if (inLoopThread()) {
      // The heap is touched by the loop thread only; everyone else goes through the queue.
      timers.add(entry);
    } else {
      addCallback(() -> timers.add(entry));
    }
    return entry;
  }

  /**
   * Tornado's {@code add_timeout} with a deadline on the loop clock ({@link #time()}, nanoseconds):
   * as {@link #callAt}.
   */
  public Timeout addTimeout(long deadlineNanos, Runnable callback) {
    return callAt(deadlineNanos, callback);
  }

  /** Tornado's {@code add_timeout} with a relative deadline: as {@link #callLater}. */
  public Timeout addTimeout(Duration delay, Runnable callback) {
    return callLater(delay, callback);
  }

  /**
   * Cancels a timeout (Tornado's {@code remove_timeout}); nothing happens when it already ran or
   * was cancelled. Safe from any thread.
   */
  public void removeTimeout(Timeout timeout) {
    timeout.cancel();
  }

  /**
   * Registers {@code channel} with this loop's selector; {@code handler} then runs on the loop when
   * the channel is ready for any of {@code ops}. The channel is switched to non-blocking mode. Call
   * from the loop thread, or before the loop starts.
   */
  public SelectionKey addHandler(SelectableChannel channel, int ops, ChannelHandler handler) {
    checkThread("addHandler");
    Objects.requireNonNull(handler, "handler");
    try {
      channel.configureBlocking(false);
      try {
        return channel.register(selector, ops, handler);
      } catch (CancelledKeyException e) {
        // The channel was removed earlier in this iteration: its cancelled key stays with the
        // selector until the next select. Flush it and register afresh.
        selector.selectNow();
        return channel.register(selector, ops, handler);
      }
    } catch (ClosedChannelException e) {
      throw new IllegalStateException("cannot register a closed channel", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register channel with loop " + name, e);
    }
  }

  /** Changes the interest set of a channel registered with {@link #addHandler}. */
  public void updateHandler(SelectableChannel channel, int ops) {
    checkThread("updateHandler");
    SelectionKey key = channel.keyFor(selector);
    if (key == null || !key.isValid()) {
      throw new IllegalStateException("channel is not registered with loop " + name);
    }
    key.interestOps(ops);
  }

  /** Stops watching {@code channel}; does nothing if it is not registered. Does not close it. */
  public void removeHandler(SelectableChannel channel) {
    checkThread("removeHandler");
    SelectionKey key = channel.keyFor(selector);
    if (key != null) {
      key.cancel();
    }
  }

  /** Number of channels registered with this loop (for leak checks); 0 once closed. */
  public int handlerCount() {
    if (closed) {
      return 0;
    }
    int n = 0;
    for (SelectionKey k : selector.keys()) {
      if (k.isValid()) {
        n++;
      }
    }
    return n;
  }

  /** Timer entries in the heap, cancelled ones not yet dropped included. Loop thread; for tests. */
  int timerEntryCount() {
    return timers.size();
  }

  /**
   * Runs {@code task} on {@code executor} and completes the returned future on this loop's thread
   * with its result or exception, so continuations attached with non-async methods run on the loop.
   * If the loop has closed by the time the task ends, the future fails with {@link
   * LoopClosedException} on the executor's thread instead.
   */
  public <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            T value;
            try {
              value = task.call();
            } catch (Throwable e) {
              deliver(result, () -> result.completeExceptionally(e));
              return;
            }
            deliver(result, () -> result.complete(value));
          });
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
    return result;
  }

  /** Completes {@code result} on the loop, or at once with the reason if the loop has closed. */
  private void deliver(CompletableFuture<?> result, Runnable completion) {
    try {
      addCallback(completion);
    } catch (LoopClosedException closedNow) {
      result.completeExceptionally(closedNow);
    }
  }

  /**
   * Makes {@code future} fail with {@link LoopClosedException} if this loop closes before it
   * completes, so that nothing waits for ever on work the loop will never do. The async primitives
   * ({@link Queue}, {@link Lock}, {@link Semaphore}, {@link Event}, {@link Condition}) register
   * their waiters this way. Safe from any thread; a future registered after the loop closed fails
   * at once. The registration is dropped when the future completes.
   *
   * @param future the future to fail on close
   * @return {@code future}
   */
  public <F extends CompletableFuture<?>> F failOnClose(F future) {
    if (future.isDone()) {
      return future;
    }
    if (closed) {
      future.completeExceptionally(new LoopClosedException(this));
      return future;
    }
    closeWaiters.add(future);
    future.whenComplete((v, e) -> closeWaiters.remove(future));
    if (closed) { // closed while registering: close() may have missed it
      future.completeExceptionally(new LoopClosedException(this));
    }
    return future;
  }

  /**
   * {@link #runInExecutor(Executor, Callable)} on this loop's executor: the one given to {@link
   * #setDefaultExecutor}, else {@link #defaultExecutor()}.
   */
  public <T> CompletableFuture<T> runInExecutor(Callable<T> task) {
    return runInExecutor(executor, task);
  }

  /**
   * Sets the executor {@link #runInExecutor(Callable)} uses on this loop (Tornado's {@code
   * set_default_executor}); the loop does not shut it down. Safe from any thread.
   */
  public void setDefaultExecutor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code callback} on this loop when {@code future} completes, whatever thread completes it.
   * The callback gets the value, or the exception (unwrapped from {@code CompletionException}).
   */
  public <T> void addFuture(
      CompletionStage<T> future, BiConsumer<? super T, ? super Throwable> callback) {
    future.whenComplete(
        (value, error) ->
            addCallback(
                () -> callback.accept(value, error == null ? null : Futures.unwrap(error))));
  }

  /**
   * Starts the loop on the calling thread, runs {@code function}, and stops when the future it
   * returns completes; returns its value. For main methods and tests (Tornado's {@code run_sync}).
   *
   * @throws TimeoutException if the future does not complete within {@code timeout}
   * @throws ExecutionException if the future fails or {@code function} throws
   */
  public <T> T runSync(Supplier<? extends CompletionStage<T>> function, Duration timeout)
      throws TimeoutException, ExecutionException {
    if (running) {
      throw new IllegalStateException("loop " + name + " is already running");
    }
    CompletableFuture<T> result = Futures.onLoop(this, function);
    Timeout timer =
        callLater(
            timeout,
            () ->
                result.completeExceptionally(
                    new TimeoutException("operation timed out after " + timeout)));
    result.whenComplete((v, e) -> addCallback(this::stop));
    start();
    timer.cancel();
    if (!result.isDone()) {
      throw new IllegalStateException("loop " + name + " was stopped before runSync finished");
    }
    try {
      return result.getNow(null);
    } catch (CancellationException e) {
      throw new ExecutionException(e);
    } catch (CompletionException e) {
      Throwable cause = Futures.unwrap(e);
      if (cause instanceof TimeoutException te) {
        throw te;
      }
      throw new ExecutionException(cause);
    }
  }

  /**
   * Runs the loop on the calling thread until {@link #stop()}. The loop becomes the thread's
   * {@linkplain #current() current} loop.
   */
  public void start() {
    if (closed) {
      throw new IllegalStateException("loop " + name + " is closed");
    }
    synchronized (this) {
      if (running) {
        throw new IllegalStateException("loop " + name + " is already running");
      }
      running = true;
      stopping = false;
      thread = Thread.currentThread();
    }
    IOLoop previous = CURRENT.get();
    CURRENT.set(this);
    try {
      run();
    } finally {
      CURRENT.set(previous);
      synchronized (this) {
        thread = null;
        running = false;
      }
      busySince = 0;
    }
  }

  /**
   * Asks the loop to stop after the current iteration. Safe from any thread. Callbacks already
   * queued stay queued and run if the loop is started again.
   */
  public void stop() {
    stopping = true;
    selector.wakeup();
  }

  /**
   * Closes the selector; pending timers and callbacks are dropped, and every future registered with
   * {@link #failOnClose} fails with {@link LoopClosedException}. Later {@link #addCallback} calls
   * throw. Registered channels are left open; pass {@code true} to {@link #close(boolean)} to close
   * them too. Stop the loop first.
   */
  @Override
  public void close() {
    close(false);
  }

  /** Closes the loop and, if {@code closeChannels}, every channel still registered with it. */
  public void close(boolean closeChannels) {
    if (inLoopThread()) {
      stop(); // closing from a callback: the loop leaves start() after this iteration
    } else if (running) {
      stop();
      Thread t = thread;
      if (t != null) {
        try {
          t.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (closed) {
      return;
    }
    closed = true;
    BlockingWatchdog.unwatch(this);
    if (closeChannels) {
      for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
        try {
          key.channel().close();
        } catch (IOException e) {
          log.debug("error closing channel on loop {}", name, e);
        }
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("error closing selector of loop {}", name, e);
    }
    int dropped = callbacks.size();
    callbacks.clear();
    timers.clear();
    if (dropped > 0) {
      log.debug("loop {} closed with {} callbacks not run", name, dropped);
    }
    for (CompletableFuture<?> waiter : closeWaiters.toArray(new CompletableFuture<?>[0])) {
      waiter.completeExceptionally(new LoopClosedException(this));
    }
    closeWaiters.clear();
    if (CURRENT.get() == this) {
      CURRENT.remove();
    }
  }

  /** Stops the loop (if running elsewhere, waits for it) and closes it and its channels. */
  public void shutdown() {
    stop();
    close(true);
  }

  private void run() {
    while (!stopping && !closed) {
      long timeoutMillis;
      wakeupPending.set(false);
      // every pass, busy or not, so cancelled timers are dropped even when callbacks keep coming
      long next = timers.nextDeadline();
      if (!callbacks.isEmpty()) {
        timeoutMillis = -1; // select now
      } else {
        if (next == Long.MAX_VALUE) {
          timeoutMillis = 0; // wait for I/O or a wake-up
        } else {
          long waitNanos = next - time();
          timeoutMillis = waitNanos <= 0 ? -1 : Math.max(1, (waitNanos + 999_999) / 1_000_000);
        }
      }
      try {
        if (timeoutMillis < 0) {
          selector.selectNow();
        } else {
          selector.select(timeoutMillis);
        }
      } catch (ClosedSelectorException e) {
        break; // closed from another thread
      } catch (IOException e) {
        log.error("select failed on loop {}", name, e);
      }
      if (stopping || closed) {
        break;
      }
      wakeupPending.set(true); // we are awake: producers need not wake us
      processSelectedKeys();
      runDueTimers();
      runCallbacks();
    }
  }

  private void processSelectedKeys() {
    // Copy the keys out and clear the set first: a handler may cause a selectNow (see addHandler),
    // which would otherwise modify the set under our iterator.
    var selected = selector.selectedKeys();
    int count = selected.size();
    if (count == 0) {
      return;
    }
    if (readyKeys.length < count) {
      readyKeys = new SelectionKey[Math.max(count, readyKeys.length * 2)];
    }
    SelectionKey[] keys = readyKeys;
    int n = 0;
    for (Iterator<SelectionKey> it = selected.iterator(); it.hasNext(); ) {
      keys[n++] = it.next();
    }
    selected.clear();
    for (int i = 0; i < n; i++) {
      SelectionKey key = keys[i];
      keys[i] = null;
      if (!key.isValid()) {
        continue;
      }
      int ready;
      try {
        ready = key.readyOps();
      } catch (CancelledKeyException e) {
        continue;
      }
      ChannelHandler handler = (ChannelHandler) key.attachment();
      enter();
      try {
        handler.handleEvents(key.channel(), ready);
      } catch (CancelledKeyException e) {
        // the handler closed its channel while handling it
      } catch (Throwable e) {
        log.error("Exception in I/O handler for {} on loop {}", key.channel(), name, e);
      } finally {
        leave();
      }
    }
  }

  private void runDueTimers() {
    timers.purgeIfNeeded(); // also when busy: nextDeadline() is only consulted when idle
    long now = time();
    long seqLimit = timers.nextSequence();
    Runnable due;
    while ((due = timers.pollDue(now, seqLimit)) != null) {
      runOne(due);
    }
  }

  private void runCallbacks() {
    // Run what was queued when this iteration began; callbacks they add wait for the next one, so
    // a callback that re-adds itself cannot starve I/O.
    int n = callbacks.size();
    for (int i = 0; i < n; i++) {
      Runnable cb = callbacks.poll();
      if (cb == null) {
        break;
      }
      runOne(cb);
    }
  }

  private void runOne(Runnable cb) {
    enter();
    try {
      cb.run();
    } catch (Throwable e) {
      log.error("Exception in callback {} on loop {}", cb, name, e);
    } finally {
      leave();
    }
  }

  private void enter() {
    busySeq++;
    long t = time();
    busySince = t == 0 ? 1 : t;
  }

  private void leave() {
    busySince = 0;
  }

  private void checkThread(String what) {
    if (running && !inLoopThread()) {
      throw new IllegalStateException(
          what + " must be called on the loop thread of " + name + "; use addCallback");
    }
  }

  @Override
  public String toString() {
    return "IOLoop[" + name + (running ? ", running" : "") + (closed ? ", closed" : "") + "]";
  }
}
