package io.squall.httpclient;

import io.squall.httpclient.internal.ConnectionPool;
import io.squall.httpclient.internal.PlainConnector;
import io.squall.httpclient.internal.StreamConnector;
import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStreamOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking HTTP/1.1 client on an {@link IOLoop} (Tornado's {@code AsyncHTTPClient} with the
 * {@code simple_httpclient} implementation).
 *
 * <pre>{@code
 * AsyncHttpClient client = AsyncHttpClient.create();
 * client.fetch(HttpRequest.builder("http://localhost:8888/api").method("POST").body(json).build())
 *     .thenAccept(r -> System.out.println(r.code() + " " + r.text()))
 *     .exceptionally(e -> { System.err.println(e); return null; });
 * }</pre>
 *
 * <h2>Threading</h2>
 *
 * A client belongs to one loop, {@link IOLoop#current()} when created unless another is given.
 * {@link #fetch} may be called from any thread (off the loop it is handed over with {@link
 * IOLoop#addCallback}); the returned future always completes on the loop, so callbacks chained to
 * it run there and must not block. Streaming, header and body-producer callbacks run on the loop
 * too.
 *
 * <h2>Connections</h2>
 *
 * Connections are kept alive and reused per host (scheme, host, port), up to {@link
 * HttpClientOptions#maxConnectionsPerHost()} per host and {@link
 * HttpClientOptions#maxConnections()} in all (Tornado's {@code max_clients}); requests beyond that
 * wait in a queue, for at most the queue timeout (then {@link HttpTimeoutError} "Timeout in request
 * queue"). A connection goes back to the pool only when the server allowed keep-alive, the whole
 * response was read (bodies delimited by the connection's close are not) and nothing more arrived;
 * a request that finds a pooled connection closed by the server before any response byte is sent
 * again on a fresh one if it is idempotent and has no streamed body.
 *
 * <h2>Results</h2>
 *
 * The future completes with the {@link HttpResponse}, or fails with {@link HttpClientError} for a
 * non-2xx status (unless {@code raiseError(false)}), {@link HttpTimeoutError}, {@link
 * HttpStreamClosedError}, {@link MalformedResponseError}, {@link ResponseTooLargeError}, the {@link
 * java.io.IOException} of a failed connect (e.g. {@link java.net.ConnectException}), {@link
 * IllegalArgumentException} for a request that cannot be sent, or, for {@code https://}, the {@link
 * javax.net.ssl.SSLHandshakeException} of a certificate that is not trusted or does not name the
 * host (see {@link HttpRequest#validateCert()} and {@link HttpRequest#caFile()}).
 */
public final class AsyncHttpClient implements AutoCloseable {
  private final IOLoop loop;
  private final HttpClientOptions options;
  private final IOStreamOptions streamOptions;
  private final ConnectionPool pool;
  private final StreamConnector connector;
  private final Set<Fetch> active = new LinkedHashSet<>();
  private volatile boolean closed;

  private AsyncHttpClient(IOLoop loop, HttpClientOptions options, StreamConnector connector) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.options = Objects.requireNonNull(options, "options");
    this.connector = connector;
    this.streamOptions =
        IOStreamOptions.builder()
            .maxBufferSize(Math.max(options.maxBufferSize(), options.maxHeaderSize() + 1024))
            .build();
    this.pool =
        new ConnectionPool(
            loop, options.maxConnections(), options.maxConnectionsPerHost(), options.idleTimeout());
  }

  /** A client with default options on the calling thread's {@linkplain IOLoop#current() loop}. */
  public static AsyncHttpClient create() {
    return create(IOLoop.current(), HttpClientOptions.defaults());
  }

  /** A client with {@code options} on the calling thread's loop. */
  public static AsyncHttpClient create(HttpClientOptions options) {
    return create(IOLoop.current(), options);
  }

  /** A client with {@code options} on {@code loop}. */
  public static AsyncHttpClient create(IOLoop loop, HttpClientOptions options) {
    return new AsyncHttpClient(loop, options, PlainConnector.INSTANCE);
  }

  /** The loop the client runs on. */
  public IOLoop ioLoop() {
    return loop;
  }

  /** The client's options. */
  public HttpClientOptions options() {
    return options;
  }

  /** GETs {@code url} with the request defaults. */
  public CompletableFuture<HttpResponse> fetch(String url) {
    HttpRequest request;
    try {
      request = HttpRequest.of(url);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fetch(request);
  }

  /**
   * Sends {@code request}; see the class comment for what the future completes with.
   *
   * @throws IllegalStateException if the client is closed
   */
  public CompletableFuture<HttpResponse> fetch(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException("fetch() on a closed AsyncHttpClient");
    }
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    if (loop.inLoopThread() || (!loop.isRunning() && IOLoop.currentOrNull() == loop)) {
      start(request, result);
    } else {
      loop.addCallback(() -> start(request, result));
    }
    return result;
  }

  private void start(HttpRequest request, CompletableFuture<HttpResponse> result) {
    if (closed) {
      result.completeExceptionally(new HttpClientError(599, "the client was closed"));
      return;
    }
    Fetch fetch;
    try {
      fetch = new Fetch(this, request, result);
    } catch (IllegalArgumentException e) {
      result.completeExceptionally(e);
      return;
    }
    fetch.begin();
  }

  /**
   * Closes the client: idle connections close, queued and running requests fail with {@link
   * HttpClientError} ("the client was closed"), and later fetches are refused. Safe from any
   * thread; off the loop the work is handed to it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loop.inLoopThread() || !loop.isRunning()) {
      shutdown();
    } else {
      loop.addCallback(this::shutdown);
    }
  }

  private void shutdown() {
    pool.close(w -> ((Fetch) w).fail(new HttpClientError(599, "the client was closed")));
    List<Fetch> running = new ArrayList<>(active);
    for (Fetch f : running) {
      f.fail(new HttpClientError(599, "the client was closed"));
    }
  }

  /** Connections idle in the pool. Call on the loop thread. */
  public int idleConnections() {
    return pool.idle();
  }

  /** Requests holding a connection slot. Call on the loop thread. */
  public int activeRequests() {
    return pool.active();
  }

  /** Requests waiting in the queue. Call on the loop thread. */
  public int queuedRequests() {
    return pool.queued();
  }

  ConnectionPool pool() {
    return pool;
  }

  StreamConnector connector() {
    return connector;
  }

  IOStreamOptions streamOptions() {
    return streamOptions;
  }

  void started(Fetch f) {
    active.add(f);
  }

  void finished(Fetch f) {
    active.remove(f);
  }
}
