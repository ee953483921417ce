/**
 * Listening sockets, accepting and connecting, and servers on several loops (Tornado's {@code
 * tcpserver}, {@code tcpclient}, {@code netutil}).
 */
package io.squall.tcp;
