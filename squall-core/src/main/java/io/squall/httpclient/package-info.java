/**
 * An asynchronous HTTP/1.1 client on the event loop (Tornado's {@code tornado.httpclient} and
 * {@code simple_httpclient}).
 *
 * <pre>{@code
 * AsyncHttpClient client = AsyncHttpClient.create(); // bound to IOLoop.current()
 * client.fetch("http://localhost:8888/hello")
 *     .thenAccept(response -> System.out.println(response.text()));
 * }</pre>
 *
 * <p>{@link io.squall.httpclient.AsyncHttpClient} sends {@link io.squall.httpclient.HttpRequest}s
 * over a per-host pool of keep-alive connections and completes each future with an {@link
 * io.squall.httpclient.HttpResponse} on its loop. {@link io.squall.httpclient.HttpClient} is the
 * blocking wrapper for scripts and tests. Failures are {@link
 * io.squall.httpclient.HttpClientError}s: a non-2xx status (with the response), {@link
 * io.squall.httpclient.HttpTimeoutError}, {@link io.squall.httpclient.HttpStreamClosedError},
 * {@link io.squall.httpclient.MalformedResponseError}, {@link
 * io.squall.httpclient.ResponseTooLargeError}; or the {@link java.io.IOException} of a failed
 * connect. {@code https://} runs over TLS (ALPN {@code http/1.1}, SNI); certificates and host names
 * are checked unless {@code validateCert(false)}, a CA file replaces the JDK's CAs.
 */
package io.squall.httpclient;
