package io.squall.http.internal;

import io.squall.http.HttpServerOptions;
import io.squall.iostream.IOStream;
import java.nio.ByteBuffer;

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

  private boolean reading;
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

  /** Starts reading one chunk from the stream, unless a read is under way. */
  void readMore() {
    if (reading) {
      return;
    }
    reading = true;
    readBuf = EMPTY;
    stream
        .readBytes(chunkSize, true)
        .whenComplete(
            (bytes, error) -> {
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
            });
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
