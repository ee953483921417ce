/**
 * The event loop and its async primitives (Tornado's {@code ioloop}, {@code locks} and {@code
 * queues}).
 *
 * <p>An {@link io.squall.ioloop.IOLoop} owns one thread and one selector. Everything that touches a
 * connection runs on that thread; {@link io.squall.ioloop.IOLoop#addCallback(Runnable)} is the one
 * method that is safe to call from any thread.
 */
package io.squall.ioloop;
