package io.squall.httpclient;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpInputException;
import io.squall.http.internal.GzipBodyDecoder;
import io.squall.httpclient.internal.ConnectionPool;
import io.squall.httpclient.internal.HostKey;
import io.squall.httpclient.internal.Http1ResponseParser;
import io.squall.httpclient.internal.PooledConnection;
import io.squall.httpclient.internal.RequestHead;
import io.squall.httpclient.internal.ResponseFraming;
import io.squall.httpclient.internal.ResponseHead;
import io.squall.httpclient.internal.ResponseReader;
import io.squall.httpclient.internal.StreamConnector;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.BaseIOStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * One hop of a fetch, on the client's loop: waits for a pool slot, connects or reuses a connection,
 * sends the request, reads the response, then releases the slot and either completes the caller's
 * future or starts the next hop of a redirect (Tornado's {@code _HTTPConnection}).
 */
final class Fetch implements ConnectionPool.Waiter, ResponseReader.Handler {
  static final int CHUNK = 64 * 1024;
  private static final int MAX_RETRIES = 3;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};

  private final AsyncHttpClient client;
  private final HttpRequest request;
  private final CompletableFuture<HttpResponse> result;
  private final IOLoop loop;
  private final HostKey key;
  private final RequestHead requestHead;
  private final long maxBodySize;
  private final int maxHeaderSize;
  private int retries;

  // per attempt
  private ConnectionPool.Ticket ticket;
  private boolean holdsSlot;
  private PooledConnection conn;
  private ResponseReader reader;
  private Timeout timer;
  private long startNanos;
  private boolean done;

  // request body
  private boolean bodyStarted;
  private boolean bodyDone;
  private long uploaded;

  // response
  private ResponseHead head;
  private boolean redirecting;
  private GzipBodyDecoder gzip;
  private long received;
  private ByteArrayOutputStream body;
  private CompletionStage<?> lastStage;

  Fetch(AsyncHttpClient client, HttpRequest request, CompletableFuture<HttpResponse> result) {
    this.client = client;
    this.request = request;
    this.result = result;
    this.loop = client.ioLoop();
    this.key = HostKey.of(request.uri()).withTls(request.validateCert(), request.caFile());
    HttpClientOptions o = client.options();
    long max = request.maxBodySize() >= 0 ? request.maxBodySize() : o.maxBodySize();
    // as in Tornado: without a streaming callback the body must also fit the buffer size
    this.maxBodySize = request.streamingCallback() == null ? Math.min(max, o.maxBufferSize()) : max;
    this.maxHeaderSize = request.maxHeaderSize() > 0 ? request.maxHeaderSize() : o.maxHeaderSize();
    this.requestHead = RequestHead.of(request, o.userAgent(), client.pool().reuses());
  }

  /** Joins the queue for a slot. */
  void begin() {
    client.started(this);
    ticket = client.pool().acquire(key, this, queueTimeout());
  }

  private Duration queueTimeout() {
    Duration q = client.options().queueTimeout();
    return q != null ? q : minNonZero(request.connectTimeout(), request.requestTimeout());
  }

  private static Duration minNonZero(Duration a, Duration b) {
    if (a.isZero()) {
      return b;
    }
    if (b.isZero()) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  // ---------------------------------------------------------------- slot and connection

  @Override
  public void queueTimedOut() {
    fail(new HttpTimeoutError("Timeout in request queue"));
  }

  @Override
  public void granted(PooledConnection connection) {
    holdsSlot = true;
    if (done) {
      releaseSlot(connection);
      return;
    }
    startNanos = loop.time();
    if (connection != null) {
      use(connection);
    } else {
      connect();
    }
  }

  private void connect() {
    Duration t = minNonZero(request.connectTimeout(), request.requestTimeout());
    if (t.isZero()) {
      t = Duration.ofDays(1); // no timeout asked for; TcpClient wants one
    }
    CompletableFuture<BaseIOStream> f;
    try {
      f =
          client
              .connector()
              .connect(
                  key,
                  t,
                  client.streamOptions(),
                  new StreamConnector.TlsSettings(request.validateCert(), request.caFile()));
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    f.whenComplete(
        (stream, e) -> {
          if (done) {
            if (stream != null) {
              stream.close();
            }
            return;
          }
          if (e != null) {
            Throwable cause = unwrap(e);
            fail(
                cause instanceof TimeoutException
                    ? new HttpTimeoutError("Timeout while connecting")
                    : cause);
          } else {
            use(new PooledConnection(key, stream));
          }
        });
  }

  private void use(PooledConnection c) {
    conn = c;
    c.startRequest();
    if (!request.requestTimeout().isZero()) {
      timer =
          loop.callAt(
              startNanos + request.requestTimeout().toNanos(),
              () -> fail(new HttpTimeoutError("Timeout during request")));
    }
    BaseIOStream stream = c.stream();
    stream.setNoDelay(true);
    reader = new ResponseReader(stream, new Http1ResponseParser(maxHeaderSize), this, CHUNK);
    byte[] fixed = request.body();
    boolean waitForContinue = request.expect100Continue();
    if (fixed != null && !waitForContinue) {
      stream.write(ByteBuffer.wrap(requestHead.bytes()), ByteBuffer.wrap(fixed));
      bodyStarted = true;
      bodyDone = true;
    } else {
      stream.write(requestHead.bytes());
      if (fixed == null && request.bodyProducer() == null) {
        bodyStarted = true;
        bodyDone = true;
      }
    }
    reader.start(request.method());
    if (conn != c) {
      return; // the response (or a failure, or a retry) ended this attempt already
    }
    if (!done && !bodyStarted && !waitForContinue) {
      sendBody();
    }
  }

  // ---------------------------------------------------------------- request body

  private void sendBody() {
    if (bodyStarted || done) {
      return;
    }
    bodyStarted = true;
    BaseIOStream stream = conn.stream();
    if (request.body() != null) {
      stream.write(request.body());
      bodyDone = true;
      return;
    }
    CompletionStage<?> produced;
    try {
      produced = request.bodyProducer().produce(this::writeBodyChunk);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (produced == null) {
      produced = CompletableFuture.completedFuture(null);
    }
    produced.whenComplete((v, e) -> onLoop(() -> bodyProduced(unwrapOrNull(e))));
  }

  private CompletableFuture<Void> writeBodyChunk(byte[] chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (!loop.inLoopThread()) {
      CompletableFuture<Void> hop = new CompletableFuture<>();
      loop.addCallback(
          () ->
              writeBodyChunk(chunk)
                  .whenComplete(
                      (v, e) -> {
                        if (e != null) {
                          hop.completeExceptionally(unwrap(e));
                        } else {
                          hop.complete(null);
                        }
                      }));
      return hop;
    }
    if (done || bodyDone) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(done ? "the request has ended" : "the body is complete"));
    }
    long declared = requestHead.contentLength();
    uploaded += chunk.length;
    if (declared >= 0 && uploaded > declared) {
      IllegalStateException e =
          new IllegalStateException(
              "body producer wrote more than the Content-Length of " + declared + " bytes");
      fail(e);
      return CompletableFuture.failedFuture(e);
    }
    BaseIOStream stream = conn.stream();
    if (chunk.length > 0) {
      if (requestHead.chunked()) {
        byte[] size =
            (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        stream.write(ByteBuffer.wrap(size), ByteBuffer.wrap(chunk), ByteBuffer.wrap(CRLF));
      } else {
        stream.write(chunk);
      }
    }
    return stream.writable();
  }

  private void bodyProduced(Throwable e) {
    if (done) {
      return;
    }
    if (e != null) {
      fail(e);
      return;
    }
    long declared = requestHead.contentLength();
    if (declared >= 0 && uploaded != declared) {
      fail(
          new IllegalStateException(
              "body producer wrote " + uploaded + " bytes, Content-Length says " + declared));
      return;
    }
    if (requestHead.chunked()) {
      conn.stream().write(LAST_CHUNK);
    }
    bodyDone = true;
  }

  // ---------------------------------------------------------------- response

  @Override
  public void interim(ResponseHead h) {
    if (h.status() == 100 && request.expect100Continue()) {
      sendBody();
    }
  }

  @Override
  public boolean head(ResponseHead h) throws HttpClientError {
    if (h.status() == 101) {
      throw new MalformedResponseError("unexpected 101 Switching Protocols to a plain request");
    }
    head = h;
    if (h.contentLength() > maxBodySize) {
      throw new ResponseTooLargeError(
          "Content-Length " + h.contentLength() + " is over the limit of " + limitText());
    }
    redirecting =
        request.followRedirects()
            && REDIRECTS.contains(h.status())
            && request.maxRedirects() > 0
            && h.headers().get("Location") != null;
    if (redirecting) {
      return true;
    }
    if (request.expect100Continue() && !bodyStarted) {
      bodyStarted = true; // final answer without 100: the body is never sent
    }
    if (request.headerCallback() != null) {
      request
          .headerCallback()
          .accept(h.versionText() + " " + h.status() + " " + h.reason() + "\r\n");
      h.headers().forEachField((n, v) -> request.headerCallback().accept(n + ": " + v + "\r\n"));
      request.headerCallback().accept("\r\n");
    }
    if (request.decompressResponse()
        && h.framing() != ResponseFraming.NONE
        && h.headers().containsToken("Content-Encoding", "gzip")) {
      gzip = new GzipBodyDecoder(CHUNK, "response body");
      String ce = h.headers().get("Content-Encoding");
      h.headers().remove("Content-Encoding");
      h.headers().add("X-Consumed-Content-Encoding", ce);
    }
    if (request.streamingCallback() == null) {
      int initial =
          h.contentLength() > 0 && h.contentLength() <= CHUNK ? (int) h.contentLength() : 256;
      body = new ByteArrayOutputStream(initial);
    }
    return true;
  }

  @Override
  public CompletionStage<?> body(byte[] chunk) throws HttpClientError {
    received += chunk.length;
    if (received > maxBodySize) {
      throw new ResponseTooLargeError("response body is over the limit of " + limitText());
    }
    if (redirecting) {
      return null;
    }
    lastStage = null;
    if (gzip != null) {
      try {
        gzip.feed(ByteBuffer.wrap(chunk), maxBodySize, this::deliverInflated);
      } catch (HttpInputException e) {
        throw gzipError(e);
      }
    } else {
      deliver(chunk);
    }
    return lastStage;
  }

  private String limitText() {
    return maxBodySize
        + " bytes (maxBodySize"
        + (request.streamingCallback() == null ? ", or maxBufferSize without streaming)" : ")");
  }

  private void deliverInflated(ByteBuffer piece) {
    byte[] copy = new byte[piece.remaining()];
    piece.get(copy);
    deliver(copy);
  }

  private void deliver(byte[] data) {
    if (body != null) {
      body.write(data, 0, data.length);
    } else {
      CompletionStage<?> s = request.streamingCallback().apply(data);
      if (s != null) {
        lastStage = s;
      }
    }
  }

  private HttpClientError gzipError(HttpInputException e) {
    return e.status() == 413
        ? new ResponseTooLargeError("inflated response body is over the limit of " + limitText())
        : new MalformedResponseError(e.getMessage());
  }

  @Override
  public void complete(HttpHeaders trailers) throws HttpClientError {
    if (gzip != null) {
      try {
        gzip.finish();
      } catch (HttpInputException e) {
        throw gzipError(e);
      } finally {
        gzip.close();
        gzip = null;
      }
    }
    BaseIOStream stream = conn.stream();
    if (head.keepAlive() && stream.readBufferSize() > 0) {
      throw new MalformedResponseError(
          head.framing() == ResponseFraming.CONTENT_LENGTH
              ? "response body is longer than its Content-Length (" + head.contentLength() + ")"
              : "unexpected bytes after the end of the response");
    }
    boolean reusable =
        head.keepAlive()
            && bodyDone
            && !requestHead.closeConnection()
            && !stream.writing()
            && !stream.closed();
    done = true;
    cancelTimer();
    releaseSlot(reusable ? conn : null);
    Duration took = Duration.ofNanos(loop.time() - startNanos);
    if (redirecting) {
      HttpRequest next;
      try {
        next = redirectRequest(head.headers().get("Location"), head.status());
      } catch (MalformedResponseError e) {
        finishExceptionally(e);
        return;
      }
      client.finished(this);
      new Fetch(client, next, result).begin();
      return;
    }
    HttpResponse response =
        new HttpResponse(
            request.originalRequest(),
            head.status(),
            head.reason(),
            head.headers(),
            body == null ? new byte[0] : body.toByteArray(),
            request.url(),
            took,
            trailers);
    client.finished(this);
    if (request.raiseError() && (head.status() < 200 || head.status() >= 300)) {
      result.completeExceptionally(new HttpClientError(response));
    } else {
      result.complete(response);
    }
  }

  private HttpRequest redirectRequest(String location, int code) throws MalformedResponseError {
    URI base = request.uri();
    URI next;
    try {
      if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
        base = new URI(base.getScheme(), base.getRawAuthority(), "/", null, null);
      }
      next = base.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new MalformedResponseError("redirect to an invalid Location: " + location, e);
    }
    HttpRequest.Builder b = request.toBuilder();
    boolean crossOrigin =
        !base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
            || !Objects.equals(base.getRawAuthority(), next.getRawAuthority());
    String url = next.toString();
    if (crossOrigin) {
      b.clearBasicAuth().removeHeader("Authorization").removeHeader("Cookie");
      if (next.getRawUserInfo() != null) {
        try {
          url =
              new URI(
                      next.getScheme(),
                      null,
                      next.getHost(),
                      next.getPort(),
                      next.getPath(),
                      next.getQuery(),
                      next.getFragment())
                  .toString();
        } catch (URISyntaxException e) {
          throw new MalformedResponseError("redirect to an invalid Location: " + location, e);
        }
      }
    }
    try {
      b.url(url);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseError("cannot follow redirect: " + e.getMessage(), e);
    }
    b.maxRedirects(request.maxRedirects() - 1).removeHeader("Host");
    b.originalRequest(request.originalRequest());
    if ((code == 303 && !request.method().equals("HEAD"))
        || ((code == 301 || code == 302) && request.method().equals("POST"))) {
      b.method("GET").body((byte[]) null).bodyProducer(null).expect100Continue(false);
      for (String h :
          new String[] {
            "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding"
          }) {
        b.removeHeader(h);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- failure

  @Override
  public void failed(Throwable error) {
    fail(error);
  }

  /** Ends the fetch with {@code e} (from any state), closing its connection. */
  void fail(Throwable e) {
    if (done) {
      return;
    }
    if (shouldRetry(e)) {
      retry();
      return;
    }
    done = true;
    if (ticket != null) {
      ticket.cancel();
    }
    cancelTimer();
    if (reader != null) {
      reader.stop();
    }
    if (conn != null) {
      conn.stream().close();
    }
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
    if (holdsSlot) {
      releaseSlot(null);
    }
    finishExceptionally(e);
  }

  private void finishExceptionally(Throwable e) {
    client.finished(this);
    result.completeExceptionally(e);
  }

  /**
   * A reused keep-alive connection the server closed just as we sent on it: nothing of a response
   * came back, and the request can be sent again as it was (idempotent, no streamed body).
   */
  private boolean shouldRetry(Throwable e) {
    return e instanceof HttpStreamClosedError
        && conn != null
        && conn.reused()
        && reader != null
        && reader.received() == 0
        && retries < MAX_RETRIES
        && request.bodyProducer() == null
        && Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE").contains(request.method());
  }

  private void retry() {
    retries++;
    cancelTimer();
    reader.stop();
    conn.stream().close();
    conn = null;
    reader = null;
    bodyStarted = false;
    bodyDone = false;
    uploaded = 0;
    releaseSlot(null);
    ticket = client.pool().acquire(key, this, queueTimeout());
  }

  private void releaseSlot(PooledConnection reusable) {
    if (holdsSlot) {
      holdsSlot = false;
      client.pool().release(key, reusable);
    } else if (reusable != null) {
      reusable.stream().close();
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void onLoop(Runnable r) {
    if (loop.inLoopThread()) {
      r.run();
    } else {
      loop.addCallback(r);
    }
  }

  private static Throwable unwrap(Throwable e) {
    return Futures.unwrap(e);
  }

  private static Throwable unwrapOrNull(Throwable e) {
    return e == null ? null : unwrap(e);
  }
}
