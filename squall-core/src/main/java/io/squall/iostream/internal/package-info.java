/**
 * Byte containers of the streams: the read buffer with its searches, the write queue, a per-thread
 * scratch buffer and a Latin-1 view for regular expressions. Not exported; not API.
 *
 * <p>Layer 3: uses only the JDK (and may use the layers below {@code io.squall.iostream}).
 */
package io.squall.iostream.internal;
