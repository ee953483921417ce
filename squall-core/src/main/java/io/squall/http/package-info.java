/**
 * The HTTP/1.1 server and connection, headers, requests and body parsing (Tornado's {@code
 * httpserver}, {@code http1connection}, {@code httputil}).
 */
package io.squall.http;
