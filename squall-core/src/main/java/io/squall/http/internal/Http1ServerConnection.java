package io.squall.http.internal;

import io.squall.http.DateHeaderCache;
import io.squall.http.HttpConnection;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpInputException;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerOptions;
import io.squall.http.HttpServerRequest;
import io.squall.http.ResponseStartLine;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.Timeout;
import io.squall.iostream.IOStream;
import io.squall.iostream.StreamClosedError;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * buffer. This class drives the delegate through each request; {@link RequestReader} reads and
 * parses the bytes, {@link BodyIntake} keeps the body within its limit and decodes it, {@link
 * ResponseFramer} frames the responses and decides keep-alive, {@link OutputBatcher} gathers their
 * bytes per processing pass or loop iteration into one gathering write (so the answers to several
 * pipelined requests leave together), and {@link ConnectionDeadlines} enforces the idle, head and
 * body timeouts.
 *
 * <p>Lingering close: a connection that answered before it read the whole request body (413, 400, a
 * handler that finished early) does not close at once, which would make the kernel reset the
 * connection over the unread bytes and the client often lose the answer. Once the answer is out it
 * shuts its sending side (the client sees the end of the response), then reads and drops what the
 * client still sends until the client closes or {@link HttpServerOptions#lingerTimeout()} passes.
 * The bytes are dropped as they come, so lingering holds no memory beyond one read chunk.
 */
public final class Http1ServerConnection implements HttpConnection {
  private static final HttpAccess.Requests REQUESTS = HttpAccess.requests();
  private static final Logger log = LoggerFactory.getLogger("io.squall.http.connection");

  private final IOStream stream;
  private final IOLoop loop;
  private final HttpServerOptions options;
  private final HttpServerConnectionDelegate serverDelegate;
  private final InetSocketAddress remote;
  private final Consumer<Http1ServerConnection> onClosed;
  private final RequestReader reader;
  private final OutputBatcher out;
  private final ResponseFramer framer;
  private final ConnectionDeadlines deadlines;

  // connection state
  private boolean nextRequestPending;
  private boolean closed;
  private boolean detached;
  private boolean draining;
  private boolean lingering;
  private Timeout lingerTimer;
  private Runnable closeCallback;

  // current request
  private HttpMessageDelegate delegate;
  private HttpServerRequest request;
  private boolean paused;
  private boolean messageComplete;
  private boolean requestKeepAlive;
  private final BodyIntake body;
  private final Consumer<ByteBuffer> bodySink = this::deliverBody;

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
    this.onClosed = onClosed;
    this.out = new OutputBatcher(stream);
    this.framer = new ResponseFramer(stream, out, dates);
    this.deadlines = new ConnectionDeadlines(loop, options, this::deadlinePassed);
    this.body = new BodyIntake(options);
    this.reader = new RequestReader(stream, options, listener, this::process);
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
    return framer.headersWritten();
  }

  @Override
  public void setCloseCallback(Runnable callback) {
    this.closeCallback = callback;
  }

  @Override
  public void setMaxBodySize(long bytes) {
    body.setMaxSize(bytes);
  }

  /** Bytes of output queued on the connection's stream, not yet taken by the client. */
  public long writeBufferSize() {
    return stream.writeBufferSize();
  }

  /** Whether the connection waits for a new request, with no byte of it received yet. */
  public boolean isIdle() {
    return delegate == null
        && deadlines.kind() != ConnectionDeadlines.HEAD
        && !closed
        && (reader.reading() || reader.drained());
  }

  /**
   * Graceful shutdown: an idle connection closes now; a busy one closes after its current response.
   */
  public void drain() {
    draining = true;
    if (isIdle()) {
      closeAfterOutput();
    }
  }

  /**
   * Closes once the output already queued has gone to the socket: a connection that looks idle may
   * still be sending the end of its last response, which closing now would cut off.
   */
  private void closeAfterOutput() {
    out.pending().whenComplete((v, e) -> stream.close());
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
    body.reset();
    requestKeepAlive = false;
    framer.reset();
    reader.reset();
    if (draining && reader.drained()) {
      closeAfterOutput();
      return;
    }
    if (reader.nothingReceived()) {
      deadlines.set(ConnectionDeadlines.IDLE);
    }
  }

  /** Feeds buffered bytes to the parser until it needs more, pauses, or a message completes. */
  private void process() {
    out.enterPass();
    try {
      processLoop();
    } finally {
      out.exitPass(); // what the requests handled in this pass wrote leaves in one write
    }
  }

  private void processLoop() {
    try {
      while (!closed && !detached && !paused && !lingering) {
        if (messageComplete) {
          if (!nextRequestPending) {
            return; // the response is still being written
          }
          nextRequestPending = false;
          resetForNextRequest();
          continue;
        }
        if (reader.needsBytes() && !reader.readMore()) {
          return; // process() runs again when the bytes arrive
        }
        if (request == null && deadlines.kind() != ConnectionDeadlines.HEAD) {
          deadlines.set(ConnectionDeadlines.HEAD);
        }
        reader.feed();
      }
    } catch (HttpParseException e) {
      badRequest(e.status(), e.getMessage());
    } catch (HttpInputException e) {
      badRequest(e.status(), e.getMessage());
    }
  }

  private void handleHead(RequestHead head) {
    deadlines.clear();
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
    if ("HEAD".equals(request.method())) {
      framer.answerHeadRequest();
    }
    requestKeepAlive = head.keepAlive();
    body.start(head);
    delegate = serverDelegate.startRequest(this);
    CompletionStage<?> stage;
    try {
      stage = delegate.headersReceived(request);
    } catch (HttpInputException e) {
      badRequest(e.status(), e.getMessage()); // a body the delegate cannot take (too large)
      return;
    } catch (RuntimeException e) {
      log.error("Uncaught exception in headersReceived for {}", request, e);
      badRequest(500, "Internal Server Error");
      return;
    }
    if (body.expected() && deadlines.hasBodyDeadline()) {
      deadlines.set(ConnectionDeadlines.BODY);
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
    if (body.expected() && framer.finished()) {
      // answered before reading the body: don't read it; close after the response.
      framer.closeAfterResponse();
      return;
    }
    // checked once the delegate has seen the headers: it may raise or lower the limit there
    // (a streaming upload handler does in prepare), as in Tornado
    String refused = body.declaredOverLimit();
    if (refused != null) {
      badRequest(413, refused);
      return;
    }
    if (body.expectContinue() && !framer.headersWritten()) {
      out.queue(ByteBuffer.wrap(ResponseWriter.CONTINUE_100));
    }
  }

  private void handleBody(ByteBuffer chunk) {
    String refused = body.receive(chunk);
    if (refused != null) {
      badRequest(413, refused);
      return;
    }
    if (framer.finished()) {
      return; // answered early; the body is being skipped
    }
    body.deliver(chunk, bodySink);
  }

  private void deliverBody(ByteBuffer chunk) {
    if (closed || framer.finished()) {
      return;
    }
    CompletionStage<?> stage;
    try {
      stage = delegate.dataReceived(chunk);
    } catch (HttpInputException e) {
      badRequest(e.status(), e.getMessage()); // a body the delegate cannot take (too large)
      return;
    } catch (RuntimeException e) {
      log.error("Uncaught exception in dataReceived for {}", request, e);
      badRequest(500, "Internal Server Error");
      return;
    }
    pauseFor(stage, null);
  }

  private void handleMessageComplete() {
    deadlines.clear();
    messageComplete = true;
    if (!framer.finished()) {
      try {
        body.finish();
        delegate.finish();
      } catch (HttpInputException e) {
        badRequest(e.status(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.error("Uncaught exception in finish for {}", request, e);
        badRequest(500, "Internal Server Error");
        return;
      }
    }
    if (framer.finished()) {
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
    boolean http11 = request == null || "HTTP/1.1".equals(request.version());
    return framer.writeHead(startLine, headers, http11, mayKeepAlive(), chunk);
  }

  /** The connection's stream (an {@code SslIOStream} when the server speaks TLS). */
  public IOStream stream() {
    return stream;
  }

  /**
   * Whether the request side allows keeping the connection open after this response: the parser
   * found that the client allows it ({@link RequestHead#keepAlive()}), keep-alive is not turned
   * off, the server is not draining, and the whole body was read (answering before it came means
   * the rest is not read, so the connection must close). {@link ResponseFramer} adds the response's
   * conditions.
   */
  private boolean mayKeepAlive() {
    return requestKeepAlive
        && request != null
        && !options.noKeepAlive()
        && !draining
        && !(body.expected() && !messageComplete);
  }

  @Override
  public CompletableFuture<Void> write(byte[] chunk) {
    if (closed || detached) {
      return CompletableFuture.failedFuture(new StreamClosedError());
    }
    return framer.write(chunk);
  }

  @Override
  public CompletableFuture<Void> writeFile(FileChannel file, long position, long count) {
    if (closed || detached) {
      return CompletableFuture.failedFuture(new StreamClosedError());
    }
    return framer.writeFile(file, position, count);
  }

  @Override
  public void finish() {
    if (closed || detached) {
      return;
    }
    if (!framer.finish(request)) {
      return;
    }
    if (request != null) {
      REQUESTS.markFinished(request);
    }
    if (body.expected() && !messageComplete) {
      lingerAfter(out.pending()); // answered before the body was read
      return;
    }
    if (!framer.keepAlive()) {
      closeAfterOutput();
      return;
    }
    if (messageComplete) {
      afterResponse();
    }
  }

  private void afterResponse() {
    if (!framer.keepAlive() || draining) {
      closeAfterOutput();
      return;
    }
    // Never restart the parser from inside its own callback: mark it and let process() go on.
    nextRequestPending = true;
    if (!reader.inFeed()) {
      process();
    }
  }

  @Override
  public IOStream detach() {
    detached = true;
    out.flush();
    deadlines.cancel();
    stream.setCloseCallback(null);
    onClosed.accept(this);
    return stream;
  }

  // ---------------------------------------------------------------- errors and timeouts

  /** Answers a request that cannot be served with {@code status} and closes the connection. */
  private void badRequest(int status, String message) {
    if (closed) {
      return;
    }
    log.info("{} from {}: {}", status, remote, message);
    deadlines.cancel();
    messageComplete = true;
    paused = true; // stop reading: the connection can no longer be trusted
    boolean answered = !framer.headersWritten();
    CompletableFuture<Void> written = framer.writeError(status, message);
    if (answered) {
      lingerAfter(written);
    } else {
      written.whenComplete((v, e) -> stream.close()); // a response cut short: nothing to linger for
    }
  }

  /** Once {@code written} completed, closes the connection the lingering way (see the class). */
  private void lingerAfter(CompletableFuture<Void> written) {
    written.whenComplete(
        (v, e) -> {
          if (e != null) {
            stream.close();
          } else {
            linger();
          }
        });
  }

  private void linger() {
    if (closed || lingering) {
      return;
    }
    if (options.lingerTimeout().isZero()) {
      stream.close();
      return;
    }
    lingering = true;
    deadlines.cancel();
    stream.shutdownOutput();
    if (stream.closed()) {
      return;
    }
    lingerTimer = loop.callLater(options.lingerTimeout(), stream::close);
    reader.discardInput();
  }

  private void deadlinePassed(int kind) {
    switch (kind) {
      case ConnectionDeadlines.IDLE -> {
        log.debug("closing idle connection from {}", remote);
        close();
      }
      case ConnectionDeadlines.HEAD ->
          badRequest(
              408,
              "the request head did not arrive in " + options.headerTimeout().toMillis() + " ms");
      default ->
          badRequest(
              408,
              "the request body did not arrive in " + options.bodyTimeout().toMillis() + " ms");
    }
  }

  private void onStreamClosed() {
    if (closed) {
      return;
    }
    closed = true;
    deadlines.cancel();
    if (lingerTimer != null) {
      lingerTimer.cancel();
      lingerTimer = null;
    }
    body.close();
    out.discard();
    if (delegate != null && !(messageComplete && framer.finished())) {
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
