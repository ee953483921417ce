package io.squall.http.internal;

import io.squall.http.DateHeaderCache;
import io.squall.http.HttpConnection;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerOptions;
import io.squall.http.HttpServerRequest;
import io.squall.http.HttpStatus;
import io.squall.http.ResponseStartLine;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.iostream.IOStream;
import io.squall.iostream.StreamClosedError;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 server connection: reads requests with {@link Http1RequestParser}, hands them to
 * delegates one at a time, and writes their responses in order (Tornado's {@code HTTP1Connection}
 * and {@code HTTP1ServerConnection}).
 *
 * <p>Reading is paused while a request is being answered; pipelined requests wait in the read
 * buffer. Response bytes are gathered per loop iteration and written with one gathering write, so
 * the answers to several pipelined requests leave together.
 */
public final class Http1ServerConnection implements HttpConnection {
  private static final Logger log = LoggerFactory.getLogger("io.squall.http.connection");

  private final IOStream stream;
  private final IOLoop loop;
  private final HttpServerOptions options;
  private final HttpServerConnectionDelegate serverDelegate;
  private final InetSocketAddress remote;
  private final Consumer<Http1ServerConnection> onClosed;
  private final Http1RequestParser parser;
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** Bytes read but not parsed yet; a fresh array per read, so an idle connection holds none. */
  private ByteBuffer readBuf = EMPTY;

  private final ResponseWriter headWriter = new ResponseWriter();
  private final DateHeaderCache dates;

  // output gathering
  private final List<ByteBuffer> out = new ArrayList<>();
  private CompletableFuture<Void> batchFuture;
  private boolean flushScheduled;
  private boolean flushWanted;
  private int processDepth;

  // connection state
  private boolean reading;
  private boolean inFeed;
  private boolean nextRequestPending;
  private boolean closed;
  private boolean detached;
  private boolean draining;
  private Runnable closeCallback;
  // One deadline at a time (idle, head or body) and one timer for it. Moving the deadline only
  // writes two fields; the timer, armed at most `timerPeriod` ahead, re-arms itself when it finds
  // the deadline moved. So a request costs no timer-heap work, instead of four adds and cancels.
  private static final int NO_DEADLINE = 0;
  private static final int IDLE = 1;
  private static final int HEAD = 2;
  private static final int BODY = 3;
  private final long timerPeriod;
  private int deadlineKind = NO_DEADLINE;
  private long deadline;
  private Timeout timer;

  // current request
  private HttpMessageDelegate delegate;
  private HttpServerRequest request;
  private boolean paused;
  private boolean messageComplete;
  private boolean bodyExpected;
  private boolean expectContinue;
  private long maxBodySize;
  private long declaredLength = -1;
  private long bodyReceived;
  private GzipBodyDecoder gzip;

  // current response
  private boolean headersWritten;
  private boolean responseFinished;
  private boolean keepAlive;
  private boolean chunkedOutput;
  private boolean headResponse;
  private long expectedLength = -1;
  private long writtenLength;

  /** Makes a connection; call {@link #start()} on the stream's loop. */
  public Http1ServerConnection(
      IOStream stream,
      InetSocketAddress remote,
      HttpServerOptions options,
      HttpServerConnectionDelegate serverDelegate,
      DateHeaderCache dates,
      Consumer<Http1ServerConnection> onClosed) {
    this.stream = stream;
    this.loop = stream.ioLoop();
    this.remote = remote;
    this.options = options;
    this.serverDelegate = serverDelegate;
    this.dates = dates;
    this.onClosed = onClosed;
    long period =
        Math.min(options.idleConnectionTimeout().toNanos(), options.headerTimeout().toNanos());
    if (options.bodyTimeout() != null) {
      period = Math.min(period, options.bodyTimeout().toNanos());
    }
    this.timerPeriod = Math.max(period, 1_000_000);
    this.parser =
        new Http1RequestParser(
            ParserLimits.DEFAULT
                .withMaxHeaderSize(options.maxHeaderSize())
                .withMaxRequestLineLength(options.maxUriLength() + 64));
  }

  /** Starts serving: waits for the first request. */
  public void start() {
    stream.setCloseCallback(this::onStreamClosed);
    resetForNextRequest();
    process();
  }

  @Override
  public IOLoop loop() {
    return loop;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean headersWritten() {
    return headersWritten;
  }

  @Override
  public void setCloseCallback(Runnable callback) {
    this.closeCallback = callback;
  }

  @Override
  public void setMaxBodySize(long bytes) {
    this.maxBodySize = bytes;
  }

  /** Whether the connection waits for a new request, with no byte of it received yet. */
  public boolean isIdle() {
    return delegate == null
        && deadlineKind != HEAD
        && !closed
        && (reading || readBuf.remaining() == 0);
  }

  /**
   * Graceful shutdown: an idle connection closes now; a busy one closes after its current response.
   */
  public void drain() {
    draining = true;
    if (isIdle()) {
      close();
    }
  }

  @Override
  public void abort() {
    close();
  }

  /**
   * Shutdown for a connection accepted as the server began to drain: it may still carry a request,
   * so it is not closed while idle; it closes after its next response (or at the grace period).
   */
  public void serveOneThenClose() {
    draining = true;
  }

  /** Closes the connection now. */
  public void close() {
    stream.close();
  }

  // ---------------------------------------------------------------- reading

  /** Clears the state of the finished request; the caller then calls {@link #process()}. */
  private void resetForNextRequest() {
    delegate = null;
    request = null;
    paused = false;
    messageComplete = false;
    bodyExpected = false;
    expectContinue = false;
    bodyReceived = 0;
    declaredLength = -1;
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
    maxBodySize = options.maxBodySize();
    headersWritten = false;
    responseFinished = false;
    keepAlive = false;
    chunkedOutput = false;
    headResponse = false;
    expectedLength = -1;
    writtenLength = 0;
    parser.reset();
    if (draining && readBuf.remaining() == 0) {
      close();
      return;
    }
    if (readBuf.remaining() == 0 && stream.readBufferSize() == 0) {
      setDeadline(IDLE, options.idleConnectionTimeout().toNanos());
    }
  }

  /** Feeds buffered bytes to the parser until it needs more, pauses, or a message completes. */
  private void process() {
    processDepth++;
    try {
      processLoop();
    } finally {
      if (--processDepth == 0 && flushWanted) {
        flushNow(); // what the requests handled in this pass wrote leaves in one write
      }
    }
  }

  private void processLoop() {
    try {
      while (!closed && !detached && !paused) {
        if (messageComplete) {
          if (!nextRequestPending) {
            return; // the response is still being written
          }
          nextRequestPending = false;
          resetForNextRequest();
          continue;
        }
        if (readBuf.remaining() == 0 && parser.state() != Http1RequestParser.State.HEAD_COMPLETE) {
          readMore();
          return;
        }
        if (request == null && deadlineKind != HEAD) {
          setDeadline(HEAD, options.headerTimeout().toNanos());
        }
        inFeed = true;
        try {
          parser.feed(readBuf, listener);
        } finally {
          inFeed = false;
        }
      }
    } catch (HttpParseException e) {
      badRequest(e.status(), e.getMessage());
    } catch (io.squall.http.HttpInputException e) {
      badRequest(e.status(), e.getMessage());
    }
  }

  private void readMore() {
    if (reading || closed) {
      return;
    }
    reading = true;
    readBuf = EMPTY;
    stream
        .readBytes(options.chunkSize(), true)
        .whenComplete(
            (bytes, error) -> {
              reading = false;
              if (error != null) {
                return; // the close callback handles the rest
              }
              readBuf = ByteBuffer.wrap(bytes);
              process();
            });
  }

  private final Http1RequestParser.Listener listener =
      new Http1RequestParser.Listener() {
        @Override
        public void onHead(RequestHead head) {
          handleHead(head);
        }

        @Override
        public void onBodyChunk(ByteBuffer chunk) {
          handleBody(chunk);
        }

        @Override
        public void onMessageComplete(HttpHeaders trailers) {
          handleMessageComplete();
        }
      };

  private void handleHead(RequestHead head) {
    clearDeadline();
    HttpHeaders headers = head.headers();
    String version = head.version().text();
    request =
        new HttpServerRequest(
            head.startLine().method(),
            head.startLine().target(),
            version,
            headers,
            this,
            remote,
            ProxyHeaders.remoteIp(options, headers, remote),
            ProxyHeaders.protocol(options, headers));
    headResponse = "HEAD".equals(request.method());
    long length = head.contentLength();
    declaredLength = length;
    bodyExpected = head.framing() == BodyFraming.CHUNKED || length > 0;
    expectContinue = bodyExpected && "HTTP/1.1".equals(version) && head.expectContinue();
    if (options.decompressRequest() && bodyExpected) {
      String ce = headers.get("Content-Encoding");
      if (ce != null && ce.trim().equalsIgnoreCase("gzip")) {
        headers.remove("Content-Encoding");
        headers.set("X-Consumed-Content-Encoding", "gzip");
        gzip = new GzipBodyDecoder(options.chunkSize());
      }
    }
    delegate = serverDelegate.startRequest(this);
    CompletionStage<?> stage;
    try {
      stage = delegate.headersReceived(request);
    } catch (RuntimeException e) {
      log.error("Uncaught exception in headersReceived for {}", request, e);
      badRequest(500, "Internal Server Error");
      return;
    }
    if (bodyExpected && options.bodyTimeout() != null) {
      setDeadline(BODY, options.bodyTimeout().toNanos());
    }
    pauseFor(stage, this::afterHeaders);
    if (!paused) {
      afterHeaders();
    }
  }

  private void afterHeaders() {
    if (closed) {
      return;
    }
    if (bodyExpected && responseFinished) {
      // answered before reading the body: don't read it; close after the response.
      keepAlive = false;
      return;
    }
    // checked once the delegate has seen the headers: it may raise or lower the limit there
    // (a streaming upload handler does in prepare), as in Tornado
    if (declaredLength > maxBodySize) {
      badRequest(
          413,
          "Content-Length " + declaredLength + " is over the limit of " + maxBodySize + " bytes");
      return;
    }
    if (expectContinue && !headersWritten) {
      queue(ByteBuffer.wrap(ResponseWriter.CONTINUE_100));
    }
  }

  private void handleBody(ByteBuffer chunk) {
    bodyReceived += chunk.remaining();
    if (bodyReceived > maxBodySize) {
      badRequest(413, "request body is over the limit of " + maxBodySize + " bytes");
      return;
    }
    if (responseFinished) {
      return; // answered early; the body is being skipped
    }
    if (gzip != null) {
      gzip.feed(chunk, maxBodySize, this::deliverBody);
      return;
    }
    deliverBody(chunk);
  }

  private void deliverBody(ByteBuffer chunk) {
    if (closed || responseFinished) {
      return;
    }
    CompletionStage<?> stage;
    try {
      stage = delegate.dataReceived(chunk);
    } catch (RuntimeException e) {
      log.error("Uncaught exception in dataReceived for {}", request, e);
      badRequest(500, "Internal Server Error");
      return;
    }
    pauseFor(stage, null);
  }

  private void handleMessageComplete() {
    clearDeadline();
    messageComplete = true;
    if (!responseFinished) {
      try {
        if (gzip != null) {
          gzip.finish();
        }
        delegate.finish();
      } catch (io.squall.http.HttpInputException e) {
        badRequest(e.status(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.error("Uncaught exception in finish for {}", request, e);
        badRequest(500, "Internal Server Error");
        return;
      }
    }
    if (responseFinished) {
      afterResponse();
    }
  }

  /** Pauses reading until {@code stage} completes, then runs {@code then} and resumes. */
  private void pauseFor(CompletionStage<?> stage, Runnable then) {
    if (stage == null) {
      return;
    }
    CompletableFuture<?> f = stage.toCompletableFuture();
    if (f.isDone()) {
      return;
    }
    paused = true;
    f.whenComplete(
        (v, e) ->
            loop.addCallback(
                () -> {
                  paused = false;
                  if (then != null) {
                    then.run();
                  }
                  process();
                }));
  }

  // ---------------------------------------------------------------- writing

  @Override
  public CompletableFuture<Void> writeHeaders(
      ResponseStartLine startLine, HttpHeaders headers, byte[] chunk) {
    if (closed || detached) {
      return CompletableFuture.failedFuture(new StreamClosedError());
    }
    if (headersWritten) {
      throw new IllegalStateException("response headers were already written");
    }
    headersWritten = true;
    String reqVersion = request == null ? "HTTP/1.1" : request.version();
    int status = startLine.status();
    boolean http11 = "HTTP/1.1".equals(reqVersion);
    boolean bodyless = headResponse || status == 204 || status == 304 || status < 200;
    String contentLength = headers.get("Content-Length");
    expectedLength = contentLength == null ? -1 : parseLength(contentLength);
    chunkedOutput =
        http11 && !bodyless && contentLength == null && !headers.contains("Transfer-Encoding");
    keepAlive = computeKeepAlive(http11, headers, bodyless, contentLength != null);
    headWriter.reset();
    headWriter.statusLine(http11 ? "HTTP/1.1" : "HTTP/1.0", status, startLine.reason());
    for (var h : headers) {
      headWriter.header(h.getKey(), h.getValue());
    }
    if (!headers.contains("Date")) {
      headWriter.header("Date", dates.value());
    }
    if (chunkedOutput) {
      headWriter.header("Transfer-Encoding", "chunked");
    }
    if (http11
        && !keepAlive
        && status != 101
        && !"close".equalsIgnoreCase(headers.get("Connection"))) {
      headWriter.header("Connection", "close");
    } else if (!http11 && keepAlive && !headers.contains("Connection")) {
      headWriter.header("Connection", "keep-alive");
    }
    headWriter.endHead();
    CompletableFuture<Void> f = queue(ByteBuffer.wrap(headWriter.toBytes()));
    if (chunk != null && chunk.length > 0) {
      f = write(chunk);
    }
    return f;
  }

  private boolean computeKeepAlive(
      boolean http11, HttpHeaders respHeaders, boolean bodyless, boolean hasLength) {
    if (options.noKeepAlive() || draining || request == null) {
      return false;
    }
    if (bodyExpected && !messageComplete) {
      // answering before the whole body came: the connection closes after the response (the rest
      // of the body is not read), so say so
      return false;
    }
    String reqConn = request.headers().get("Connection");
    String respConn = respHeaders.get("Connection");
    if (respConn != null && respConn.equalsIgnoreCase("close")) {
      return false;
    }
    if (http11) {
      return reqConn == null || !HeaderTokens.contains(reqConn, "close");
    }
    // HTTP/1.0: only when asked, and only when the client can find the end of the body.
    return reqConn != null
        && HeaderTokens.contains(reqConn, "keep-alive")
        && (bodyless || hasLength);
  }

  private static long parseLength(String v) {
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new IllegalArgumentException("negative Content-Length: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Content-Length is not a number: " + v, e);
    }
  }

  @Override
  public CompletableFuture<Void> write(byte[] chunk) {
    if (closed || detached) {
      return CompletableFuture.failedFuture(new StreamClosedError());
    }
    if (!headersWritten) {
      throw new IllegalStateException("write before writeHeaders");
    }
    if (responseFinished) {
      throw new IllegalStateException("write after finish");
    }
    if (chunk.length == 0 || headResponse) {
      return flushFuture();
    }
    writtenLength += chunk.length;
    if (expectedLength >= 0 && writtenLength > expectedLength) {
      IllegalStateException e =
          new IllegalStateException(
              "tried to write more data than Content-Length (" + expectedLength + ")");
      stream.close(e);
      throw e;
    }
    if (chunkedOutput) {
      queue(ByteBuffer.wrap(ResponseWriter.chunkHeader(chunk.length)));
      queue(ByteBuffer.wrap(chunk));
      return queue(ByteBuffer.wrap(ResponseWriter.CRLF));
    }
    return queue(ByteBuffer.wrap(chunk));
  }

  @Override
  public CompletableFuture<Void> writeFile(
      java.nio.channels.FileChannel file, long position, long count) {
    if (closed || detached) {
      return CompletableFuture.failedFuture(new StreamClosedError());
    }
    if (!headersWritten || chunkedOutput) {
      throw new IllegalStateException(
          "writeFile needs headers with a Content-Length written first");
    }
    if (headResponse || count == 0) {
      return flushFuture();
    }
    writtenLength += count;
    if (expectedLength >= 0 && writtenLength > expectedLength) {
      throw new IllegalStateException(
          "tried to write more data than Content-Length (" + expectedLength + ")");
    }
    flushNow(); // what is queued goes first
    return stream.transferFrom(file, position, count);
  }

  @Override
  public void finish() {
    if (closed || detached) {
      return;
    }
    if (!headersWritten) {
      throw new IllegalStateException("finish before writeHeaders");
    }
    if (responseFinished) {
      return;
    }
    if (expectedLength >= 0 && writtenLength != expectedLength && !headResponse) {
      IllegalStateException e =
          new IllegalStateException(
              "response had Content-Length "
                  + expectedLength
                  + " but "
                  + writtenLength
                  + " bytes were written");
      log.error("{} for {}", e.getMessage(), request);
      stream.close(e);
      return;
    }
    if (chunkedOutput) {
      queue(ByteBuffer.wrap(ResponseWriter.LAST_CHUNK));
    }
    responseFinished = true;
    if (request != null) {
      request.markFinished();
    }
    if (!keepAlive || (bodyExpected && !messageComplete)) {
      flushFuture().whenComplete((v, e) -> stream.close());
      return;
    }
    if (messageComplete) {
      afterResponse();
    }
  }

  private void afterResponse() {
    if (!keepAlive || draining) {
      flushFuture().whenComplete((v, e) -> stream.close());
      return;
    }
    // Never restart the parser from inside its own callback: mark it and let process() go on.
    nextRequestPending = true;
    if (!inFeed) {
      process();
    }
  }

  @Override
  public IOStream detach() {
    detached = true;
    flushNow();
    cancelAllTimers();
    stream.setCloseCallback(null);
    onClosed.accept(this);
    return stream;
  }

  private CompletableFuture<Void> queue(ByteBuffer b) {
    out.add(b);
    CompletableFuture<Void> f = flushFuture();
    if (processDepth > 0) {
      flushWanted = true; // process() flushes when it returns
    } else if (!flushScheduled) {
      flushScheduled = true; // written from a callback or timer: flush at the end of this pass
      loop.addCallback(this::flushNow);
    }
    return f;
  }

  private CompletableFuture<Void> flushFuture() {
    if (out.isEmpty() && batchFuture == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (batchFuture == null) {
      batchFuture = new CompletableFuture<>();
    }
    return batchFuture;
  }

  private void flushNow() {
    flushScheduled = false;
    flushWanted = false;
    if (out.isEmpty()) {
      return;
    }
    CompletableFuture<Void> f = batchFuture;
    batchFuture = null;
    ByteBuffer[] bufs = out.toArray(new ByteBuffer[0]);
    out.clear();
    if (stream.closed()) {
      f.completeExceptionally(new StreamClosedError());
      return;
    }
    stream
        .write(bufs)
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                f.completeExceptionally(e);
              } else {
                f.complete(null);
              }
            });
  }

  // ---------------------------------------------------------------- errors and timeouts

  /** Answers a request that cannot be served with {@code status} and closes the connection. */
  private void badRequest(int status, String message) {
    if (closed) {
      return;
    }
    log.info("{} from {}: {}", status, remote, message);
    cancelAllTimers();
    messageComplete = true;
    paused = true; // stop reading: the connection can no longer be trusted
    if (!headersWritten) {
      byte[] body =
          (status + " " + HttpStatus.reason(status) + ": " + message + "\n")
              .getBytes(StandardCharsets.UTF_8);
      headWriter.reset();
      headWriter.statusLine("HTTP/1.1", status, HttpStatus.reason(status));
      headWriter.header("Content-Type", "text/plain; charset=utf-8");
      headWriter.header("Content-Length", Integer.toString(body.length));
      headWriter.header("Date", dates.value());
      headWriter.header("Connection", "close");
      headWriter.endHead();
      headersWritten = true;
      responseFinished = true;
      queue(ByteBuffer.wrap(headWriter.toBytes()));
      queue(ByteBuffer.wrap(body)).whenComplete((v, e) -> stream.close());
    } else {
      flushFuture().whenComplete((v, e) -> stream.close());
    }
  }

  private void setDeadline(int kind, long nanos) {
    deadlineKind = kind;
    deadline = loop.time() + nanos;
    if (timer == null) {
      armTimer();
    }
  }

  private void clearDeadline() {
    deadlineKind = NO_DEADLINE;
  }

  private void armTimer() {
    long now = loop.time();
    long at = deadline - now < timerPeriod ? deadline : now + timerPeriod;
    timer = loop.callAt(at, this::onTimer);
  }

  private void onTimer() {
    timer = null;
    if (closed || detached || deadlineKind == NO_DEADLINE) {
      return; // the next setDeadline arms a new timer
    }
    if (loop.time() - deadline < 0) {
      armTimer(); // the deadline moved since this timer was set
      return;
    }
    int kind = deadlineKind;
    deadlineKind = NO_DEADLINE;
    switch (kind) {
      case IDLE -> {
        log.debug("closing idle connection from {}", remote);
        close();
      }
      case HEAD ->
          badRequest(
              408,
              "the request head did not arrive in " + options.headerTimeout().toMillis() + " ms");
      default ->
          badRequest(
              408,
              "the request body did not arrive in " + options.bodyTimeout().toMillis() + " ms");
    }
  }

  private void cancelAllTimers() {
    deadlineKind = NO_DEADLINE;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void onStreamClosed() {
    if (closed) {
      return;
    }
    closed = true;
    cancelAllTimers();
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
    if (batchFuture != null) {
      batchFuture.completeExceptionally(new StreamClosedError());
      batchFuture = null;
    }
    out.clear();
    if (delegate != null && !(messageComplete && responseFinished)) {
      try {
        delegate.onConnectionClose();
      } catch (RuntimeException e) {
        log.error("Uncaught exception in onConnectionClose for {}", request, e);
      }
    }
    Runnable cb = closeCallback;
    closeCallback = null;
    if (cb != null) {
      try {
        cb.run();
      } catch (RuntimeException e) {
        log.error("Uncaught exception in close callback for {}", request, e);
      }
    }
    onClosed.accept(this);
  }
}
