/**
 * The event loop and its async primitives (Tornado's {@code ioloop}, {@code locks} and {@code
 * queues}).
 *
 * <p>An {@link io.squall.ioloop.IOLoop} owns one thread and one selector. Everything that touches a
 * connection runs on that thread. The methods safe to call from any thread are {@link
 * io.squall.ioloop.IOLoop#addCallback(Runnable)} (the hand-off, also as {@code execute}), {@code
 * callLater}, {@code callAt}, {@code stop} and {@link io.squall.ioloop.Timeout#cancel()}; each says
 * so in its Javadoc. {@link io.squall.ioloop.PeriodicCallback} runs work on a loop at a fixed rate.
 *
 * <p>{@link io.squall.ioloop.Lock}, {@link io.squall.ioloop.Semaphore}, {@link
 * io.squall.ioloop.BoundedSemaphore}, {@link io.squall.ioloop.Event}, {@link
 * io.squall.ioloop.Condition} and {@link io.squall.ioloop.Queue} coordinate code on one loop with
 * {@link java.util.concurrent.CompletableFuture}s. They are loop-affine: not thread-safe, used from
 * the thread of the loop they serve.
 *
 * <p>{@link io.squall.ioloop.ShutdownSignals} turns SIGTERM and SIGINT into a graceful shutdown.
 *
 * <p>Layer 2: may use {@code io.squall.escape} and the JDK; never a layer above (streams, TCP,
 * HTTP, web). Internals are in {@code io.squall.ioloop.internal}.
 */
package io.squall.ioloop;
