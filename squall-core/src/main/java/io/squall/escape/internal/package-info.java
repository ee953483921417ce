/**
 * Internals of {@code io.squall.escape}: the HTML entity table, the URL codec and the linkifier.
 * Not exported; not API.
 *
 * <p>Layer 1: uses only the JDK and {@code io.squall.escape}.
 */
package io.squall.escape.internal;
