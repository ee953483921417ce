/**
 * Internals of the TCP layer: binding listening sockets and connecting to a host's addresses. Not
 * exported; not API.
 *
 * <p>Layer 4: may use {@code io.squall.tcp} and the layers below it.
 */
package io.squall.tcp.internal;
