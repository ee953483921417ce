/**
 * Internals of the event loop: the timer heap, the blocking watchdog and the accessor it reads the
 * loop through ({@code LoopAccess}), waiter lists of the async primitives, signal handling, and the
 * future helpers every layer shares ({@code Futures}: unwrapping, running on a loop and waiting).
 * Not exported; not API.
 *
 * <p>Layer 2: may use {@code io.squall.ioloop}, {@code io.squall.escape} and the JDK.
 */
package io.squall.ioloop.internal;
