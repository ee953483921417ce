package io.squall.httpclient.internal;

import io.squall.http.HttpHeaders;
import io.squall.httpclient.HttpClientError;
import io.squall.httpclient.HttpStreamClosedError;
import io.squall.httpclient.MalformedResponseError;
import io.squall.httpclient.ResponseTooLargeError;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.BaseIOStream;
import io.squall.iostream.StreamBufferFullError;
import io.squall.iostream.StreamClosedError;
import io.squall.iostream.UnsatisfiableReadError;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Reads one response from a stream into a {@link Handler}, feeding an {@link Http1ResponseParser}
 * with exactly the bytes it asks for (the head up to its empty line, then body pieces, chunk lines
 * and trailers), so the stream is never read past the end of the response: what follows stays in
 * the stream (for a 101 hand-over, or to be noticed as unexpected). Reads that the stream's buffer
 * already satisfies are processed in a loop, not by recursion. Loop thread only.
 */
public final class ResponseReader implements Http1ResponseParser.Listener {
  /** Receives the response. Every method runs on the loop; none is called after the last one. */
  public interface Handler {
    /** An interim 1xx head (for example {@code 100 Continue}). */
    void interim(ResponseHead head) throws HttpClientError;

    /**
     * The final head. Return false to stop reading here (a 101 that hands the stream over), with no
     * further call.
     */
    boolean head(ResponseHead head) throws HttpClientError;

    /** A body piece (a fresh array). Return a stage to hold back reading until it completes. */
    CompletionStage<?> body(byte[] chunk) throws HttpClientError;

    /** The response is complete; the stream sits right after it. */
    void complete(HttpHeaders trailers) throws HttpClientError;

    /** Reading failed; the reader stops. */
    void failed(Throwable error);
  }

  private static final Pattern HEAD_END = Pattern.compile("\r?\n\r?\n");
  private static final byte[] LF = {'\n'};
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final BaseIOStream stream;
  private final Http1ResponseParser parser;
  private final Handler handler;
  private final int chunkSize;
  private final IOLoop loop;
  private long received;
  private boolean stopped;
  private boolean headStop;
  private HttpHeaders trailers;
  private CompletionStage<?> hold;
  private HttpClientError handlerError;

  /** A reader of {@code stream} into {@code handler}, body pieces of at most {@code chunkSize}. */
  public ResponseReader(
      BaseIOStream stream, Http1ResponseParser parser, Handler handler, int chunkSize) {
    this.stream = stream;
    this.parser = parser;
    this.handler = handler;
    this.chunkSize = chunkSize;
    this.loop = stream.ioLoop();
  }

  /** Starts reading the response to a request with {@code method}. */
  public void start(String method) {
    parser.start(method);
    next();
  }

  /** Bytes of response received so far. */
  public long received() {
    return received;
  }

  /** Stops: no handler call after this (a read in flight is ignored when it completes). */
  public void stop() {
    stopped = true;
  }

  private void next() {
    while (!stopped) {
      CompletableFuture<byte[]> f;
      try {
        f = startRead();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (f == null) {
        return;
      }
      if (!f.isDone()) {
        f.whenComplete(
            (bytes, e) -> {
              if (handle(bytes, e)) {
                next();
              }
            });
        return;
      }
      byte[] bytes = null;
      Throwable error = null;
      try {
        bytes = f.getNow(null);
      } catch (CompletionException e) {
        error = e.getCause();
      }
      if (!handle(bytes, error)) {
        return;
      }
    }
  }

  private CompletableFuture<byte[]> startRead() {
    return switch (parser.state()) {
      case STATUS_LINE, HEADERS -> stream.readUntilRegex(HEAD_END, parser.lineBudget());
      case CHUNK_SIZE, TRAILERS -> stream.readUntil(LF, parser.lineBudget());
      case BODY, CHUNK_DATA ->
          stream.readBytes((int) Math.min(parser.remaining(), chunkSize), true);
      case UNTIL_CLOSE -> stream.readBytes(chunkSize, true);
      case CHUNK_DATA_END -> stream.readBytes(2);
      default -> null;
    };
  }

  /** Handles a completed read; returns whether to go on reading at once. */
  private boolean handle(byte[] bytes, Throwable error) {
    if (stopped) {
      return false;
    }
    try {
      if (error != null) {
        return readFailed(error);
      }
      received += bytes.length;
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      parser.feed(buf, this);
      if (checkHandler()) {
        return false;
      }
      if (parser.state() == Http1ResponseParser.State.HEAD_COMPLETE) {
        if (headStop) {
          stopped = true;
          return false;
        }
        parser.feed(EMPTY, this);
        if (checkHandler()) {
          return false;
        }
      }
      if (buf.hasRemaining()) {
        throw new MalformedResponseError("unexpected bytes after the end of the response");
      }
      if (parser.state() == Http1ResponseParser.State.MESSAGE_COMPLETE) {
        completed();
        return false;
      }
      CompletionStage<?> h = hold;
      hold = null;
      if (h != null) {
        CompletableFuture<?> cf = h.toCompletableFuture();
        if (!cf.isDone() || cf.isCompletedExceptionally()) {
          h.whenComplete(
              (v, e) -> {
                if (loop.inLoopThread()) {
                  resume(e);
                } else {
                  loop.addCallback(() -> resume(e));
                }
              });
          return false;
        }
      }
      return true;
    } catch (HttpClientError e) {
      fail(e);
      return false;
    } catch (RuntimeException e) {
      fail(e);
      return false;
    }
  }

  private void resume(Throwable e) {
    if (stopped) {
      return;
    }
    if (e != null) {
      fail(Futures.unwrap(e));
      return;
    }
    next();
  }

  private boolean checkHandler() {
    if (handlerError != null) {
      fail(handlerError);
      return true;
    }
    return stopped;
  }

  private boolean readFailed(Throwable error) throws HttpClientError {
    if (error instanceof UnsatisfiableReadError || error instanceof StreamBufferFullError) {
      throw switch (parser.state()) {
        case CHUNK_SIZE ->
            new MalformedResponseError(
                "chunk size line longer than " + Http1ResponseParser.MAX_CHUNK_LINE + " bytes");
        case TRAILERS -> new ResponseTooLargeError("response trailers are larger than allowed");
        default -> new ResponseTooLargeError("response head is larger than maxHeaderSize");
      };
    }
    if (error instanceof StreamClosedError closed) {
      Throwable cause = closed.getCause();
      if (cause == null || cause instanceof EOFException) {
        if (received == 0) {
          throw new HttpStreamClosedError("Connection closed before any response arrived", null);
        }
        parser.endOfInput(this);
        if (parser.state() == Http1ResponseParser.State.MESSAGE_COMPLETE) {
          completed();
        }
        return false;
      }
      throw new HttpStreamClosedError("Connection failed: " + cause, cause);
    }
    fail(error);
    return false;
  }

  private void completed() {
    stopped = true;
    try {
      handler.complete(trailers);
    } catch (HttpClientError | RuntimeException e) {
      handler.failed(e);
    }
  }

  private void fail(Throwable e) {
    if (!stopped) {
      stopped = true;
      handler.failed(e);
    }
  }

  // ---- parser listener ----

  @Override
  public void onInterim(ResponseHead head) {
    try {
      handler.interim(head);
    } catch (HttpClientError e) {
      handlerError = e;
    }
  }

  @Override
  public void onHead(ResponseHead head) {
    try {
      headStop = !handler.head(head);
    } catch (HttpClientError e) {
      handlerError = e;
    }
  }

  @Override
  public void onBodyChunk(ByteBuffer chunk) {
    if (handlerError != null) {
      return;
    }
    byte[] data;
    if (chunk.hasArray()
        && chunk.arrayOffset() + chunk.position() == 0
        && chunk.remaining() == chunk.array().length) {
      data = chunk.array();
    } else {
      data = new byte[chunk.remaining()];
      chunk.get(data);
    }
    if (data.length == 0) {
      return;
    }
    try {
      CompletionStage<?> s = handler.body(data);
      if (s != null) {
        hold = s;
      }
    } catch (HttpClientError e) {
      handlerError = e;
    }
  }

  @Override
  public void onMessageComplete(HttpHeaders trailers) {
    this.trailers = trailers;
  }
}
