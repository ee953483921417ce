/**
 * Listening sockets, accepting and connecting, and servers on several loops (Tornado's {@code
 * tcpserver}, {@code tcpclient}, {@code netutil}).
 *
 * <p>Layer 4: may use {@code io.squall.iostream}, {@code io.squall.ioloop}, {@code
 * io.squall.escape} and the JDK; never HTTP or the layers above.
 */
package io.squall.tcp;
