package io.squall.http.internal;

import io.squall.http.HttpServerOptions;
import io.squall.iostream.IOStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a server connection's requests: takes bytes from the stream a chunk at a time and feeds
 * them to the {@link Http1RequestParser}, whose events go to the connection's listener. Bytes not
 * parsed yet (a pipelined request) wait here while the connection is paused. Loop thread only.
 */
final class RequestReader {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final IOStream stream;
  private final int chunkSize;
  private final Http1RequestParser parser;
  private final Http1RequestParser.Listener listener;
  private final Runnable onBytes;

  /** Bytes read but not parsed yet; a fresh array per read, so an idle connection holds none. */
  private ByteBuffer readBuf = EMPTY;

  /**
   * Reads in a row that completed at once, before the reader lets the loop run its other work (16
   * chunks: 1 MiB at the default chunk size).
   */
  static final int MAX_INLINE_READS = 16;

  private boolean reading;
  private int inlineReads;
  private boolean inFeed;
  private boolean discarding;

  /**
   * @param listener receives the parser's events
   * @param onBytes runs when a read brought new bytes
   */
  RequestReader(
      IOStream stream,
      HttpServerOptions options,
      Http1RequestParser.Listener listener,
      Runnable onBytes) {
    this.stream = stream;
    this.chunkSize = options.chunkSize();
    this.listener = listener;
    this.onBytes = onBytes;
    this.parser =
        new Http1RequestParser(
            ParserLimits.DEFAULT
                .withMaxHeaderSize(options.maxHeaderSize())
                .withMaxRequestLineLength(options.maxUriLength() + 64));
  }

  /** Gets the parser ready for the next request. */
  void reset() {
    parser.reset();
  }

  /** Whether no unparsed byte is held here. */
  boolean drained() {
    return readBuf.remaining() == 0;
  }

  /** Whether no byte of a next request has arrived: none here, none in the stream's buffer. */
  boolean nothingReceived() {
    return readBuf.remaining() == 0 && stream.readBufferSize() == 0;
  }

  /** Whether a read from the stream is under way. */
  boolean reading() {
    return reading;
  }

  /** Whether the parser is running (its listener is being called). */
  boolean inFeed() {
    return inFeed;
  }

  /** Whether the parser needs more bytes to go on. */
  boolean needsBytes() {
    return readBuf.remaining() == 0 && parser.state() != Http1RequestParser.State.HEAD_COMPLETE;
  }

  /**
   * Starts reading one chunk from the stream, unless a read is under way. Returns true when the
   * bytes were already there (the read completed at once): they are ready to {@link #feed} and the
   * caller goes on in its own loop. Otherwise {@code onBytes} runs once they arrive.
   *
   * <p>A read that completes at once must not call back into the caller: while a client sends
   * faster than the server parses, every read completes at once, and calling {@code onBytes} from
   * here nested one more parse per chunk until the stack overflowed, inside a future's callback
   * where the error vanished and left the connection reading nothing (a stalled upload).
   */
  boolean readMore() {
    while (!reading) {
      if (inlineReads >= MAX_INLINE_READS) {
        // the client keeps the socket full: let the loop serve its other work before going on
        inlineReads = 0;
        reading = true; // as good as under way: resume() starts it
        stream.ioLoop().addCallback(this::resume);
        return false;
      }
      reading = true;
      readBuf = EMPTY;
      CompletableFuture<byte[]> f = stream.readBytes(chunkSize, true);
      if (!f.isDone()) {
        inlineReads = 0;
        f.whenComplete(this::readCompleted);
        return false;
      }
      reading = false;
      inlineReads++;
      if (f.isCompletedExceptionally()) {
        return false; // the connection's close callback handles the rest
      }
      if (!discarding) {
        readBuf = ByteBuffer.wrap(f.join());
        return true;
      }
      // lingering: drop it and read on until the client closes
    }
    return false;
  }

  private void resume() {
    reading = false;
    if (!stream.closed() && readMore()) {
      onBytes.run();
    }
  }

  private void readCompleted(byte[] bytes, Throwable error) {
    reading = false;
    if (error != null) {
      return; // the connection's close callback handles the rest
    }
    if (discarding) {
      readMore(); // lingering: drop it, read on until the client closes
      return;
    }
    readBuf = ByteBuffer.wrap(bytes);
    onBytes.run();
  }

  /**
   * From now on reads only to drop what arrives (a lingering close): the unparsed bytes go, and
   * reading goes on until the stream closes; the parser sees nothing more.
   */
  void discardInput() {
    discarding = true;
    readBuf = EMPTY;
    readMore();
  }

  /** Feeds the unparsed bytes to the parser until it needs more, or a listener call paused it. */
  void feed() throws HttpParseException {
    inFeed = true;
    try {
      parser.feed(readBuf, listener);
    } finally {
      inFeed = false;
    }
  }
}
