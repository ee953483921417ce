package io.squall.httpclient;

import io.squall.ioloop.IOLoop;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A blocking HTTP client for scripts and tests (Tornado's {@code HTTPClient}): an {@link
 * AsyncHttpClient} on a loop thread of its own, with {@link #fetch} waiting for the result.
 *
 * <pre>{@code
 * try (HttpClient client = new HttpClient()) {
 *   System.out.println(client.fetch("http://localhost:8888/").text());
 * }
 * }</pre>
 *
 * <p>Do not call {@code fetch} from a loop thread, where waiting would block the loop; use {@link
 * AsyncHttpClient} there. Streaming and header callbacks run on the client's own loop thread.
 * Thread-safe.
 */
public final class HttpClient implements AutoCloseable {
  private final IOLoop loop;
  private final AsyncHttpClient client;

  /** A client with the default options. */
  public HttpClient() {
    this(HttpClientOptions.defaults());
  }

  /** A client with {@code options}. */
  public HttpClient(HttpClientOptions options) {
    this.loop = IOLoop.startOnNewThread("squall-http-client");
    this.client = AsyncHttpClient.create(loop, options);
  }

  /** GETs {@code url}. See {@link #fetch(HttpRequest)}. */
  public HttpResponse fetch(String url) throws IOException {
    return fetch(HttpRequest.of(url));
  }

  /**
   * Sends {@code request} and waits for the response.
   *
   * @throws HttpClientError for a non-2xx status (unless {@code raiseError(false)}), a timeout, a
   *     closed connection, a malformed or too large response
   * @throws IOException when connecting failed
   * @throws InterruptedIOException if the thread was interrupted while waiting
   * @throws IllegalArgumentException if the request cannot be sent as it is
   */
  public HttpResponse fetch(HttpRequest request) throws IOException {
    IOLoop current = IOLoop.currentOrNull();
    if (current != null && current.inLoopThread()) {
      throw new IllegalStateException("blocking fetch on a loop thread; use AsyncHttpClient");
    }
    CompletableFuture<HttpResponse> f = client.fetch(request);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("interrupted waiting for " + request);
      ie.initCause(e);
      throw ie;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  /** The asynchronous client underneath (its loop is this client's own thread). */
  public AsyncHttpClient async() {
    return client;
  }

  /** Closes the client and stops its loop thread. */
  @Override
  public void close() {
    client.close();
    loop.shutdown();
  }
}
