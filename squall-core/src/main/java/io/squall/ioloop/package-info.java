/**
 * The event loop and its async primitives (Tornado's {@code ioloop}, {@code locks} and {@code
 * queues}).
 *
 * <p>An {@link io.squall.ioloop.IOLoop} owns one thread and one selector. Everything that touches a
 * connection runs on that thread; {@link io.squall.ioloop.IOLoop#addCallback(Runnable)} is the one
 * method that is safe to call from any thread. {@link io.squall.ioloop.PeriodicCallback} runs work
 * on a loop at a fixed rate.
 *
 * <p>{@link io.squall.ioloop.Lock}, {@link io.squall.ioloop.Semaphore}, {@link
 * io.squall.ioloop.BoundedSemaphore}, {@link io.squall.ioloop.Event}, {@link
 * io.squall.ioloop.Condition} and {@link io.squall.ioloop.Queue} coordinate code on one loop with
 * {@link java.util.concurrent.CompletableFuture}s. They are loop-affine: not thread-safe, used from
 * the thread of the loop they serve.
 *
 * <p>{@link io.squall.ioloop.ShutdownSignals} turns SIGTERM and SIGINT into a graceful shutdown.
 */
package io.squall.ioloop;
