/**
 * The HTTP/1.1 server and connection, headers, requests and body parsing (Tornado's {@code
 * httpserver}, {@code http1connection}, {@code httputil}).
 *
 * <p>Layer 5: may use {@code io.squall.tcp}, {@code io.squall.iostream}, {@code io.squall.ioloop},
 * {@code io.squall.escape} and the JDK; never the HTTP client, the web framework, WebSockets or
 * templates. The protocol machinery is in {@code io.squall.http.internal}.
 */
package io.squall.http;
