package io.squall.httpclient.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpVersion;
import io.squall.http.internal.HttpChars;
import io.squall.httpclient.HttpClientError;
import io.squall.httpclient.HttpStreamClosedError;
import io.squall.httpclient.MalformedResponseError;
import io.squall.httpclient.ResponseTooLargeError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental (push) parser for HTTP/1.1 responses: feed it bytes as they arrive, in pieces of
 * any size, and it reports interim heads, the final head, body pieces and the end of the message to
 * a {@link Listener}. No I/O; one instance per connection, on one thread.
 *
 * <p>{@link #start(String)} prepares for the response to a request with the given method (a
 * response to HEAD has no body). {@link #feed} consumes bytes and stops right after the final head
 * ({@link State#HEAD_COMPLETE}; feed again, with an empty buffer if need be, to go on) and right
 * after the end of the message ({@link State#MESSAGE_COMPLETE}); bytes after that are left in the
 * buffer. {@link #endOfInput} tells it the server closed: that ends a body read until close, and is
 * an {@link HttpStreamClosedError} anywhere else. The hints {@link #remaining()} and {@link
 * #lineBudget()} let a caller read exactly what the parser needs, so a stream is never read past
 * the end of the message.
 *
 * <p>Rules (RFC 9112, lenient where Tornado's client is, strict where framing is at stake):
 *
 * <ul>
 *   <li>Status line {@code HTTP/1.d SP 3DIGIT [SP reason]}; another major version, a status outside
 *       100-999 or control characters in the reason are errors.
 *   <li>In the head a bare LF ends a line like CRLF; obs-fold continuation lines are joined to the
 *       previous value with a space (RFC 9112 5.2 for user agents). Field names must be tokens with
 *       no whitespace before the colon; values HTAB, SP, VCHAR or obs-text.
 *   <li>The head (status line, fields, empty line) may take at most {@code maxHeaderSize} bytes;
 *       the trailer section gets the same budget.
 *   <li>No body for HEAD, 1xx, 204 and 304; a 1xx or 204 that announces one (beyond {@code
 *       Content-Length: 0}) is an error. 1xx other than 101 are interim: reported, then the next
 *       head is read.
 *   <li>{@code Content-Length}: digits, repeated copies equal. {@code Transfer-Encoding}: only
 *       {@code chunked}, once; together with {@code Content-Length} it is an error. Neither: the
 *       body runs until the server closes.
 *   <li>Chunked: hex sizes without overflow, well-formed extensions ignored, CRLF required after
 *       size lines, data and trailers.
 * </ul>
 *
 * <p>Every error is a {@link MalformedResponseError} or, for a limit, {@link
 * ResponseTooLargeError}; the parser is then {@link State#FAILED}.
 */
public final class Http1ResponseParser {

  /** Where the parser is. */
  public enum State {
    /** Before the status line (also skipping empty lines). */
    STATUS_LINE,
    /** Reading header lines. */
    HEADERS,
    /** The final head was reported; the next feed starts the body. */
    HEAD_COMPLETE,
    /** Reading a Content-Length body. */
    BODY,
    /** Reading a body that ends when the connection closes. */
    UNTIL_CLOSE,
    /** Reading a chunk-size line. */
    CHUNK_SIZE,
    /** Reading chunk data. */
    CHUNK_DATA,
    /** Expecting the CRLF after chunk data. */
    CHUNK_DATA_END,
    /** Reading the trailer section. */
    TRAILERS,
    /** The message is complete. */
    MESSAGE_COMPLETE,
    /** An error was thrown. */
    FAILED
  }

  /** Receives the parts of a response from inside {@link #feed}. */
  public interface Listener {
    /** An interim (1xx other than 101) head. */
    default void onInterim(ResponseHead head) {}

    /** The final head; the parser stops right after this call. */
    void onHead(ResponseHead head);

    /** Body bytes: a view into the fed buffer, valid only during the call. */
    void onBodyChunk(ByteBuffer chunk);

    /** The end of the message, with the trailers of a chunked body (else an empty map). */
    void onMessageComplete(HttpHeaders trailers);
  }

  /** Longest chunk-size line accepted, terminator excluded. */
  public static final int MAX_CHUNK_LINE = 4096;

  private static final int MAX_FIELDS = 1000;
  private static final int MAX_EMPTY_LINES = 16;
  private static final int MAX_INTERIM = 32;

  private final int maxHeaderSize;
  private State state = State.STATUS_LINE;
  private boolean headRequest;

  private byte[] scratch = new byte[256];
  private int lineLen;
  private int sectionBytes;
  private int fieldCount;
  private int emptyLines;
  private int interimCount;

  private HttpVersion version;
  private String versionText;
  private int status;
  private String reason;
  private HttpHeaders headers;
  private HttpHeaders trailers;
  private String pendingName;
  private String pendingValue;
  private ResponseHead head;
  private long remaining;
  private int crlfIndex;

  /** A parser whose heads (and trailer sections) may take at most {@code maxHeaderSize} bytes. */
  public Http1ResponseParser(int maxHeaderSize) {
    if (maxHeaderSize <= 0) {
      throw new IllegalArgumentException("maxHeaderSize must be positive");
    }
    this.maxHeaderSize = maxHeaderSize;
  }

  /** Gets ready for the response to a request with {@code requestMethod}. */
  public void start(String requestMethod) {
    state = State.STATUS_LINE;
    headRequest = "HEAD".equals(requestMethod);
    lineLen = 0;
    interimCount = 0;
    head = null;
    resetHead();
    if (scratch.length > 4096) {
      scratch = new byte[256];
    }
  }

  private void resetHead() {
    sectionBytes = 0;
    fieldCount = 0;
    emptyLines = 0;
    version = null;
    versionText = null;
    status = 0;
    reason = null;
    headers = null;
    trailers = null;
    pendingName = null;
    pendingValue = null;
    remaining = 0;
    crlfIndex = 0;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** The final head once parsed, else null. */
  public ResponseHead head() {
    return head;
  }

  /** Bytes left in the current Content-Length body or chunk. */
  public long remaining() {
    return remaining;
  }

  /**
   * The most bytes the next line may take, terminator included, in the line states ({@link
   * State#STATUS_LINE}, {@link State#HEADERS}, {@link State#CHUNK_SIZE}, {@link State#TRAILERS}).
   */
  public int lineBudget() {
    return switch (state) {
      case STATUS_LINE, HEADERS, TRAILERS -> Math.max(1, maxHeaderSize - sectionBytes - lineLen);
      case CHUNK_SIZE -> MAX_CHUNK_LINE + 2 - lineLen;
      default -> 0;
    };
  }

  /**
   * Parses as much of {@code buf} as the message allows, calling {@code listener}.
   *
   * @return the number of bytes consumed
   * @throws HttpClientError ({@link MalformedResponseError} or {@link ResponseTooLargeError}) for a
   *     bad response; the parser is then failed
   */
  public int feed(ByteBuffer buf, Listener listener) throws HttpClientError {
    int start = buf.position();
    try {
      run(buf, listener);
    } catch (HttpClientError e) {
      state = State.FAILED;
      throw e;
    }
    return buf.position() - start;
  }

  /**
   * The server closed the connection: completes a body read until close; anywhere else (except
   * after the message) the response is truncated.
   */
  public void endOfInput(Listener listener) throws HttpClientError {
    switch (state) {
      case UNTIL_CLOSE -> complete(listener, HttpHeaders.empty());
      case MESSAGE_COMPLETE, FAILED -> {}
      default -> {
        State was = state;
        state = State.FAILED;
        throw new HttpStreamClosedError(
            switch (was) {
              case STATUS_LINE, HEADERS -> "Connection closed in the middle of the response head";
              default -> "Connection closed before the end of the response body";
            },
            null);
      }
    }
  }

  private void run(ByteBuffer buf, Listener l) throws HttpClientError {
    while (true) {
      switch (state) {
        case STATUS_LINE, HEADERS, CHUNK_SIZE, TRAILERS -> {
          if (!readLine(buf, l)) {
            return;
          }
          if (state == State.HEAD_COMPLETE || state == State.MESSAGE_COMPLETE) {
            return;
          }
        }
        case HEAD_COMPLETE -> {
          switch (head.framing()) {
            case NONE -> {
              complete(l, HttpHeaders.empty());
              return;
            }
            case CONTENT_LENGTH -> {
              remaining = head.contentLength();
              state = State.BODY;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
          }
        }
        case BODY, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, buf.remaining());
          if (n > 0) {
            int p = buf.position();
            ByteBuffer chunk = buf.slice(p, n);
            buf.position(p + n);
            remaining -= n;
            l.onBodyChunk(chunk);
          }
          if (remaining > 0) {
            return;
          }
          if (state == State.BODY) {
            complete(l, HttpHeaders.empty());
            return;
          }
          state = State.CHUNK_DATA_END;
          crlfIndex = 0;
        }
        case UNTIL_CLOSE -> {
          if (buf.hasRemaining()) {
            ByteBuffer chunk = buf.slice();
            buf.position(buf.limit());
            l.onBodyChunk(chunk);
          }
          return;
        }
        case CHUNK_DATA_END -> {
          while (crlfIndex < 2) {
            if (!buf.hasRemaining()) {
              return;
            }
            if (buf.get() != (crlfIndex == 0 ? '\r' : '\n')) {
              throw bad("chunk data not followed by CRLF");
            }
            crlfIndex++;
          }
          state = State.CHUNK_SIZE;
        }
        case MESSAGE_COMPLETE -> {
          return;
        }
        case FAILED -> throw new IllegalStateException("parser failed; start() before reuse");
      }
    }
  }

  private void complete(Listener l, HttpHeaders t) {
    state = State.MESSAGE_COMPLETE;
    l.onMessageComplete(t);
  }

  // ---- lines ----

  private boolean readLine(ByteBuffer buf, Listener l) throws HttpClientError {
    int pos = buf.position();
    int lim = buf.limit();
    int room = lineBudget();
    int scanEnd = lim - pos > room ? pos + room : lim;
    int lf = -1;
    for (int i = pos; i < scanEnd; i++) {
      if (buf.get(i) == '\n') {
        lf = i;
        break;
      }
    }
    if (lf < 0) {
      if (scanEnd < lim) {
        throw lineTooLong();
      }
      append(buf, pos, lim - pos);
      buf.position(lim);
      return false;
    }
    append(buf, pos, lf - pos);
    buf.position(lf + 1);
    int n = lineLen;
    lineLen = 0;
    processLine(scratch, n, n + 1, l);
    return true;
  }

  private HttpClientError lineTooLong() {
    return switch (state) {
      case STATUS_LINE, HEADERS ->
          new ResponseTooLargeError(
              "response head is larger than maxHeaderSize (" + maxHeaderSize + " bytes)");
      case TRAILERS ->
          new ResponseTooLargeError(
              "response trailers are larger than maxHeaderSize (" + maxHeaderSize + " bytes)");
      default -> bad("chunk size line longer than " + MAX_CHUNK_LINE + " bytes");
    };
  }

  private void append(ByteBuffer buf, int pos, int n) {
    if (lineLen + n > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(lineLen + n, scratch.length * 2));
    }
    buf.get(pos, scratch, lineLen, n);
    lineLen += n;
  }

  /** Processes {@code a[0, lf)}, the line without its LF, {@code total} bytes with it. */
  private void processLine(byte[] a, int lf, int total, Listener l) throws HttpClientError {
    int end = lf;
    boolean crlf = end > 0 && a[end - 1] == '\r';
    if (crlf) {
      end--;
    }
    switch (state) {
      case STATUS_LINE -> {
        sectionBytes += total;
        if (end == 0) {
          if (++emptyLines > MAX_EMPTY_LINES) {
            throw bad("too many empty lines before the status line");
          }
          return;
        }
        parseStatusLine(a, end);
        headers = new HttpHeaders();
        state = State.HEADERS;
      }
      case HEADERS -> {
        sectionBytes += total;
        if (end == 0) {
          flushPending(headers);
          finishHead(l);
        } else {
          parseField(a, end, headers);
        }
      }
      case CHUNK_SIZE -> {
        if (!crlf) {
          throw bad("chunk size line must end with CRLF");
        }
        parseChunkSize(a, end);
      }
      case TRAILERS -> {
        if (!crlf) {
          throw bad("trailer line must end with CRLF");
        }
        sectionBytes += total;
        if (end == 0) {
          if (trailers != null) {
            flushPending(trailers);
          }
          complete(l, trailers != null ? trailers : HttpHeaders.empty());
        } else {
          if (trailers == null) {
            trailers = new HttpHeaders();
          }
          parseField(a, end, trailers);
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void parseStatusLine(byte[] a, int end) throws HttpClientError {
    if (end < 12
        || a[0] != 'H'
        || a[1] != 'T'
        || a[2] != 'T'
        || a[3] != 'P'
        || a[4] != '/'
        || !isDigit(a[5])
        || a[6] != '.'
        || !isDigit(a[7])
        || a[8] != ' '
        || !isDigit(a[9])
        || !isDigit(a[10])
        || !isDigit(a[11])
        || (end > 12 && a[12] != ' ')) {
      throw bad("malformed status line: " + printable(a, end));
    }
    if (a[5] != '1') {
      throw bad("unsupported HTTP version: " + printable(a, 8));
    }
    version = a[7] == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    versionText = new String(a, 0, 8, StandardCharsets.ISO_8859_1);
    status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
    if (status < 100) {
      throw bad("malformed status line: status code " + status);
    }
    int from = Math.min(13, end);
    for (int i = from; i < end; i++) {
      if (!HttpChars.isFieldValueChar(a[i] & 0xFF)) {
        throw bad("invalid character in the reason phrase");
      }
    }
    reason = new String(a, from, end - from, StandardCharsets.ISO_8859_1).strip();
  }

  private void parseField(byte[] a, int end, HttpHeaders into) throws HttpClientError {
    if (HttpChars.isOws(a[0])) {
      if (pendingName == null) {
        throw bad("continuation line without a header field before it");
      }
      String more = value(a, 0, end);
      pendingValue = pendingValue.isEmpty() ? more : pendingValue + " " + more;
      return;
    }
    flushPending(into);
    int i = 0;
    while (i < end && HttpChars.isTchar(a[i])) {
      i++;
    }
    if (i == end || !hasColon(a, i, end)) {
      throw bad("header line without a colon: " + printable(a, end));
    }
    if (a[i] != ':') {
      throw bad(
          HttpChars.isOws(a[i])
              ? "whitespace between header name and colon"
              : "invalid character in header name");
    }
    if (i == 0) {
      throw bad("empty header name");
    }
    if (++fieldCount > MAX_FIELDS) {
      throw new ResponseTooLargeError("more than " + MAX_FIELDS + " header fields");
    }
    pendingName = new String(a, 0, i, StandardCharsets.ISO_8859_1);
    pendingValue = value(a, i + 1, end);
  }

  private static boolean hasColon(byte[] a, int from, int end) {
    for (int k = from; k < end; k++) {
      if (a[k] == ':') {
        return true;
      }
    }
    return false;
  }

  private static String value(byte[] a, int from, int end) throws HttpClientError {
    while (from < end && HttpChars.isOws(a[from])) {
      from++;
    }
    while (end > from && HttpChars.isOws(a[end - 1])) {
      end--;
    }
    for (int k = from; k < end; k++) {
      if (!HttpChars.isFieldValueChar(a[k] & 0xFF)) {
        throw bad("invalid character in header value");
      }
    }
    return new String(a, from, end - from, StandardCharsets.ISO_8859_1);
  }

  private void flushPending(HttpHeaders into) {
    if (pendingName != null) {
      into.add(pendingName, pendingValue);
      pendingName = null;
      pendingValue = null;
    }
  }

  private void finishHead(Listener l) throws HttpClientError {
    String te = headers.getJoined("Transfer-Encoding");
    String cl = headers.getJoined("Content-Length");
    long length = cl == null ? -1 : parseContentLength(cl);
    boolean chunked = false;
    if (te != null) {
      if (!isChunkedOnly(te)) {
        throw bad("unsupported Transfer-Encoding: " + te);
      }
      if (cl != null) {
        throw bad("response has both Transfer-Encoding and Content-Length");
      }
      chunked = true;
    }
    if (status < 200) {
      // Content-Length: 0 is tolerated: the JDK's HttpServer sends it with 100 Continue
      if (te != null || length > 0) {
        throw bad("response code " + status + " cannot have a body");
      }
      if (status != 101) {
        if (++interimCount > MAX_INTERIM) {
          throw bad("more than " + MAX_INTERIM + " interim responses");
        }
        ResponseHead interim =
            new ResponseHead(
                version, versionText, status, reason, headers, ResponseFraming.NONE, -1, true);
        resetHead();
        state = State.STATUS_LINE;
        l.onInterim(interim);
        return;
      }
    }
    if (status == 204 && (chunked || length > 0)) {
      throw bad("response code 204 cannot have a body");
    }
    ResponseFraming framing;
    if (headRequest || status < 200 || status == 204 || status == 304) {
      framing = ResponseFraming.NONE;
      length = -1;
    } else if (chunked) {
      framing = ResponseFraming.CHUNKED;
    } else if (length == 0) {
      framing = ResponseFraming.NONE;
    } else if (length > 0) {
      framing = ResponseFraming.CONTENT_LENGTH;
    } else {
      framing = ResponseFraming.UNTIL_CLOSE;
    }
    boolean keepAlive;
    if (framing == ResponseFraming.UNTIL_CLOSE || status == 101) {
      keepAlive = false;
    } else if (version == HttpVersion.HTTP_1_1) {
      keepAlive = !headers.containsToken("Connection", "close");
    } else {
      keepAlive =
          headers.containsToken("Connection", "keep-alive")
              && !headers.containsToken("Connection", "close");
    }
    head =
        new ResponseHead(version, versionText, status, reason, headers, framing, length, keepAlive);
    state = State.HEAD_COMPLETE;
    l.onHead(head);
  }

  private static boolean isChunkedOnly(String te) {
    return te.strip().equalsIgnoreCase("chunked");
  }

  private static long parseContentLength(String value) throws HttpClientError {
    long result = -1;
    for (String part : value.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty() || p.length() > 18) {
        throw bad("invalid Content-Length: " + cut(value));
      }
      long v = 0;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          throw bad("invalid Content-Length: " + cut(value));
        }
        v = v * 10 + (c - '0');
      }
      if (result >= 0 && v != result) {
        throw bad("conflicting Content-Length values: " + cut(value));
      }
      result = v;
    }
    return result;
  }

  // ---- chunked ----

  private void parseChunkSize(byte[] a, int end) throws HttpClientError {
    int i = 0;
    long size = 0;
    while (i < end) {
      int d = HttpChars.hexValue(a[i] & 0xFF);
      if (d < 0) {
        break;
      }
      if (size > (Long.MAX_VALUE >> 4)) {
        throw bad("chunk size too large");
      }
      size = (size << 4) | d;
      i++;
    }
    if (i == 0) {
      throw bad("invalid chunk size line: " + printable(a, end));
    }
    if (i < end) {
      checkExtensions(a, i, end);
    }
    if (size == 0) {
      state = State.TRAILERS;
      sectionBytes = 0;
      fieldCount = 0;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
  }

  /** {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}. */
  private static void checkExtensions(byte[] a, int i, int end) throws HttpClientError {
    while (i < end) {
      i = skipOws(a, i, end);
      if (i >= end || a[i] != ';') {
        throw bad("invalid chunk extension");
      }
      i = skipOws(a, i + 1, end);
      int nameStart = i;
      while (i < end && HttpChars.isTchar(a[i])) {
        i++;
      }
      if (i == nameStart) {
        throw bad("invalid chunk extension");
      }
      int j = skipOws(a, i, end);
      if (j < end && a[j] == '=') {
        i = skipOws(a, j + 1, end);
        if (i >= end) {
          throw bad("invalid chunk extension");
        }
        if (a[i] == '"') {
          i++;
          while (true) {
            if (i >= end) {
              throw bad("invalid chunk extension");
            }
            int c = a[i] & 0xFF;
            if (c == '"') {
              i++;
              break;
            }
            if (c == '\\') {
              i++;
            } else if (!HttpChars.isFieldValueChar(c)) {
              throw bad("invalid chunk extension");
            }
            i++;
          }
        } else {
          int vs = i;
          while (i < end && HttpChars.isTchar(a[i])) {
            i++;
          }
          if (i == vs) {
            throw bad("invalid chunk extension");
          }
        }
      } else {
        i = j;
      }
    }
  }

  private static int skipOws(byte[] a, int i, int end) {
    while (i < end && HttpChars.isOws(a[i])) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** The first bytes of a line for an error message, controls escaped. */
  private static String printable(byte[] a, int end) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(end, 60); i++) {
      int c = a[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    if (end > 60) {
      sb.append("...");
    }
    return '"' + sb.toString() + '"';
  }

  private static String cut(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static MalformedResponseError bad(String message) {
    return new MalformedResponseError(message);
  }
}
