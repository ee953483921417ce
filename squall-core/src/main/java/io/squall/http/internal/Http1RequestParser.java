package io.squall.http.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpVersion;
import io.squall.http.RequestStartLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental (push) parser for HTTP/1.1 requests: feed it bytes as they arrive, in pieces of
 * any size, and it reports the head, body chunks and the end of each message to a {@link Listener}.
 * It does no I/O and never blocks; one instance serves one connection, on one thread.
 *
 * <h2>Driving it</h2>
 *
 * {@link #feed} consumes bytes from the buffer (advancing its position) and returns how many it
 * took. It stops early at two points, leaving the rest of the buffer untouched:
 *
 * <ul>
 *   <li>right after the head, with {@link #state()} {@link State#HEAD_COMPLETE}, so the connection
 *       can answer {@code 100 Continue} or refuse an oversized body before any body byte is read.
 *       Call {@code feed} again to go on (with an empty buffer if need be: a request without a body
 *       then completes without consuming anything);
 *   <li>right after the end of a message, with state {@link State#MESSAGE_COMPLETE}, so pipelined
 *       requests wait their turn. {@code feed} then consumes nothing until {@link #reset()} starts
 *       the next message.
 * </ul>
 *
 * In any other state, {@code feed} returns once the buffer is exhausted. The listener is called
 * from inside {@code feed}; it must not call back into the parser.
 *
 * <h2>Rules</h2>
 *
 * Strict where framing is at stake (request smuggling), lenient where RFC 9112 allows and Tornado
 * is:
 *
 * <ul>
 *   <li>Up to 16 empty lines before the request line are skipped (RFC 9112 2.2).
 *   <li>In the head a bare LF ends a line like CRLF does (RFC 9112 2.2, as Tornado); a CR not
 *       followed by LF is an error. Inside a chunked body (size lines, the CRLF after data,
 *       trailers) only CRLF is accepted, since disagreement there between a proxy and a server is a
 *       known smuggling vector.
 *   <li>Request line: exactly {@code method SP target SP HTTP/d.d}. The method must be a token, the
 *       target visible ASCII or obs-text. {@code HTTP/1.x} for x above 1 is taken as 1.1; another
 *       major version is answered 505.
 *   <li>Header lines: a token name, a colon (no whitespace before it), a value of HTAB, SP, VCHAR
 *       or obs-text. Obs-fold (a line starting with SP/HTAB) is refused (RFC 9112 5.2 allows
 *       refusing). Names and values are decoded as ISO-8859-1; optional whitespace around values is
 *       trimmed.
 *   <li>HTTP/1.1 needs exactly one Host; a Host may not repeat and must look like {@code
 *       host[:port]}.
 *   <li>Content-Length: digits only; repeated or comma-separated copies must all be the same digits
 *       ({@code 5, 05} conflicts); overflow is an error. Transfer-Encoding: only {@code chunked},
 *       once, last; any other coding is 501, chunked twice or not last is 400, Transfer-Encoding in
 *       HTTP/1.0 or together with Content-Length is 400.
 *   <li>Chunk size: hex digits, no overflow, optional well-formed extensions (ignored).
 * </ul>
 *
 * <p>Statuses: 400 malformed; 414 request line too long; 431 head or trailers too large or too many
 * fields; 501 unsupported transfer coding; 505 unsupported version. Every {@link
 * HttpParseException} means the connection must be closed; the parser is then {@link State#FAILED}
 * and refuses further input until {@link #reset()}.
 */
public final class Http1RequestParser {

  /** Where the parser is in the message. */
  public enum State {
    /** Waiting for (more of) the request line; also skipping leading empty lines. */
    REQUEST_LINE,
    /** Reading header lines. */
    HEADERS,
    /** The head was reported; the next {@code feed} starts the body. */
    HEAD_COMPLETE,
    /** Reading a Content-Length body. */
    BODY,
    /** Reading a chunk-size line. */
    CHUNK_SIZE,
    /** Reading chunk data. */
    CHUNK_DATA,
    /** Expecting the CRLF after chunk data. */
    CHUNK_DATA_END,
    /** Reading the trailer section of a chunked body. */
    TRAILERS,
    /** The message is complete; {@link #reset()} starts the next one. */
    MESSAGE_COMPLETE,
    /** A parse error was thrown; only {@link #reset()} leaves this state. */
    FAILED
  }

  /** Receives the parts of each message, in order, from inside {@link #feed}. */
  public interface Listener {
    /** The head is complete; the parser stops right after this call. */
    void onHead(RequestHead head);

    /**
     * Some body bytes, as a view into the buffer given to {@code feed} (no copy): valid only during
     * this call. For a chunked body these are the data bytes, without sizes and CRLFs.
     */
    void onBodyChunk(ByteBuffer chunk);

    /**
     * The message is complete; the parser stops right after this call.
     *
     * @param trailers the trailer fields of a chunked body, or the read-only {@link
     *     HttpHeaders#empty()}
     */
    void onMessageComplete(HttpHeaders trailers);
  }

  private static final int MAX_LEADING_EMPTY_LINES = 16;
  private static final HttpAccess.Headers HEADERS_ACCESS = HttpAccess.headers();

  private final ParserLimits limits;
  private State state = State.REQUEST_LINE;

  // The current, incomplete line when it spans several feeds (or the buffer has no array).
  private byte[] scratch = new byte[256];
  private int lineLen;

  private int sectionBytes; // bytes of the head (or trailer section) so far
  private int fieldCount;
  private int leadingEmptyLines;

  // Per message.
  private String method;
  private String target;
  private HttpVersion version;
  private HttpHeaders headers;
  private HttpHeaders trailers;
  private boolean contentLengthSeen;
  private long contentLength = -1;
  private int contentLengthDigits; // so "5" and "05" count as different values
  private boolean transferEncodingSeen;
  private int chunkedCount;
  private boolean lastCodingChunked;
  private boolean unknownCoding;
  private int hostCount;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private boolean expectContinue;
  private RequestHead head;
  private long remaining;
  private int crlfIndex;

  /** A parser with {@link ParserLimits#DEFAULT}. */
  public Http1RequestParser() {
    this(ParserLimits.DEFAULT);
  }

  /** A parser with the given limits. */
  public Http1RequestParser(ParserLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** The head of the current message once it is complete, else null. */
  public RequestHead head() {
    return head;
  }

  /** The limits this parser enforces. */
  public ParserLimits limits() {
    return limits;
  }

  /**
   * Forgets the current message and gets ready for the next one on the same connection. Call it
   * after {@link State#MESSAGE_COMPLETE}; in other states it discards the partial message.
   */
  public void reset() {
    state = State.REQUEST_LINE;
    lineLen = 0;
    sectionBytes = 0;
    fieldCount = 0;
    leadingEmptyLines = 0;
    method = null;
    target = null;
    version = null;
    headers = null;
    trailers = null;
    contentLengthSeen = false;
    contentLength = -1;
    contentLengthDigits = 0;
    transferEncodingSeen = false;
    chunkedCount = 0;
    lastCodingChunked = false;
    unknownCoding = false;
    hostCount = 0;
    connectionClose = false;
    connectionKeepAlive = false;
    expectContinue = false;
    head = null;
    remaining = 0;
    crlfIndex = 0;
    if (scratch.length > 4096) {
      scratch = new byte[256]; // don't keep a large line buffer for the life of the connection
    }
  }

  /**
   * Parses as much of {@code buf} as the current message allows (see the class comment for where it
   * stops), calling {@code listener} along the way.
   *
   * @return the number of bytes consumed; {@code buf}'s position has advanced by as many
   * @throws HttpParseException if the input is malformed or over a limit; the parser is then failed
   * @throws IllegalStateException if the parser already failed
   */
  public int feed(ByteBuffer buf, Listener listener) throws HttpParseException {
    int start = buf.position();
    try {
      run(buf, listener);
    } catch (HttpParseException e) {
      state = State.FAILED;
      throw e;
    }
    return buf.position() - start;
  }

  private void run(ByteBuffer buf, Listener l) throws HttpParseException {
    while (true) {
      switch (state) {
        case REQUEST_LINE, HEADERS, CHUNK_SIZE, TRAILERS -> {
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
              if (head.contentLength() == 0) {
                complete(l, HttpHeaders.empty());
                return;
              }
              remaining = head.contentLength();
              state = State.BODY;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
          }
        }
        case BODY -> {
          if (!deliver(buf, l)) {
            return;
          }
          complete(l, HttpHeaders.empty());
          return;
        }
        case CHUNK_DATA -> {
          if (!deliver(buf, l)) {
            return;
          }
          state = State.CHUNK_DATA_END;
          crlfIndex = 0;
        }
        case CHUNK_DATA_END -> {
          while (crlfIndex < 2) {
            if (!buf.hasRemaining()) {
              return;
            }
            byte b = buf.get();
            if (b != (crlfIndex == 0 ? '\r' : '\n')) {
              throw bad("Chunk data not followed by CRLF");
            }
            crlfIndex++;
          }
          state = State.CHUNK_SIZE;
        }
        case MESSAGE_COMPLETE -> {
          return;
        }
        case FAILED -> throw new IllegalStateException("parser failed; reset() before reuse");
      }
    }
  }

  /** Hands body bytes to the listener; true once {@link #remaining} reached zero. */
  private boolean deliver(ByteBuffer buf, Listener l) {
    int n = (int) Math.min(remaining, buf.remaining());
    if (n > 0) {
      int p = buf.position();
      ByteBuffer chunk = buf.slice(p, n);
      buf.position(p + n);
      remaining -= n;
      l.onBodyChunk(chunk);
    }
    return remaining == 0;
  }

  private void complete(Listener l, HttpHeaders t) {
    state = State.MESSAGE_COMPLETE;
    l.onMessageComplete(t);
  }

  // ---- lines ----

  /** The most bytes the current line may take, LF included; a longer line is an error. */
  private int lineBudget() {
    return switch (state) {
      case REQUEST_LINE ->
          Math.min(limits.maxRequestLineLength() + 2, limits.maxHeaderSize() - sectionBytes);
      case HEADERS, TRAILERS -> limits.maxHeaderSize() - sectionBytes;
      case CHUNK_SIZE -> limits.maxChunkLineLength() + 2;
      default -> throw new IllegalStateException(state.name());
    };
  }

  private HttpParseException lineTooLong() {
    return switch (state) {
      case REQUEST_LINE ->
          limits.maxRequestLineLength() + 2 <= limits.maxHeaderSize() - sectionBytes
              ? new HttpParseException(414, "Request line too long")
              : new HttpParseException(431, "Request header fields too large");
      case HEADERS -> new HttpParseException(431, "Request header fields too large");
      case TRAILERS -> new HttpParseException(431, "Trailer fields too large");
      default -> bad("Chunk size line too long");
    };
  }

  /**
   * Reads up to and including the next LF. Returns true if a whole line was read and processed,
   * false if the buffer ran out first (the partial line is kept in {@link #scratch}).
   */
  private boolean readLine(ByteBuffer buf, Listener l) throws HttpParseException {
    int pos = buf.position();
    int lim = buf.limit();
    int room = lineBudget() - lineLen;
    int scanEnd = lim - pos > room ? pos + Math.max(room, 0) : lim;
    int lf = -1;
    boolean hasArray = buf.hasArray();
    if (hasArray) {
      byte[] a = buf.array();
      int off = buf.arrayOffset();
      for (int i = pos + off, e = scanEnd + off; i < e; i++) {
        if (a[i] == '\n') {
          lf = i - off;
          break;
        }
      }
    } else {
      for (int i = pos; i < scanEnd; i++) {
        if (buf.get(i) == '\n') {
          lf = i;
          break;
        }
      }
    }
    if (lf < 0) {
      if (scanEnd < lim) {
        throw lineTooLong();
      }
      appendToScratch(buf, pos, lim - pos);
      buf.position(lim);
      return false;
    }
    int total = lineLen + (lf - pos) + 1;
    if (lineLen == 0 && hasArray) {
      int off = buf.arrayOffset();
      buf.position(lf + 1);
      processLine(buf.array(), off + pos, off + lf, total, l);
    } else {
      appendToScratch(buf, pos, lf - pos);
      buf.position(lf + 1);
      int n = lineLen;
      lineLen = 0;
      processLine(scratch, 0, n, total, l);
    }
    return true;
  }

  private void appendToScratch(ByteBuffer buf, int pos, int n) {
    if (lineLen + n > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(lineLen + n, scratch.length * 2));
    }
    buf.get(pos, scratch, lineLen, n);
    lineLen += n;
  }

  /**
   * Processes the line {@code a[from, lf)} ({@code lf} is the index of its LF), {@code total} bytes
   * long with its terminator.
   */
  private void processLine(byte[] a, int from, int lf, int total, Listener l)
      throws HttpParseException {
    int end = lf;
    boolean crlf = end > from && a[end - 1] == '\r';
    if (crlf) {
      end--;
    }
    switch (state) {
      case REQUEST_LINE -> {
        if (end == from) {
          if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
            throw bad("Too many empty lines before the request line");
          }
          return;
        }
        if (end - from > limits.maxRequestLineLength()) {
          throw new HttpParseException(414, "Request line too long");
        }
        sectionBytes += total;
        parseRequestLine(a, from, end);
        headers = new HttpHeaders();
        state = State.HEADERS;
      }
      case HEADERS -> {
        sectionBytes += total;
        if (end == from) {
          finishHead(l);
        } else {
          parseField(a, from, end, headers, true);
        }
      }
      case CHUNK_SIZE -> {
        if (!crlf) {
          throw bad("Chunk size line must end with CRLF");
        }
        parseChunkSize(a, from, end);
      }
      case TRAILERS -> {
        if (!crlf) {
          throw bad("Trailer line must end with CRLF");
        }
        sectionBytes += total;
        if (end == from) {
          complete(l, trailers != null ? trailers : HttpHeaders.empty());
        } else {
          if (trailers == null) {
            trailers = new HttpHeaders();
          }
          parseField(a, from, end, trailers, false);
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  // ---- request line ----

  private void parseRequestLine(byte[] a, int from, int end) throws HttpParseException {
    int i = from;
    while (i < end && HttpChars.isTchar(a[i])) {
      i++;
    }
    if (i == from || i >= end || a[i] != ' ') {
      throw bad("Malformed request line");
    }
    int methodEnd = i++;
    int targetStart = i;
    while (i < end && HttpChars.isTargetChar(a[i] & 0xFF)) {
      i++;
    }
    if (i == targetStart || i >= end || a[i] != ' ') {
      throw bad("Malformed request line");
    }
    int targetEnd = i++;
    if (end - i != 8
        || a[i] != 'H'
        || a[i + 1] != 'T'
        || a[i + 2] != 'T'
        || a[i + 3] != 'P'
        || a[i + 4] != '/'
        || !isDigit(a[i + 5])
        || a[i + 6] != '.'
        || !isDigit(a[i + 7])) {
      throw bad("Malformed request line");
    }
    if (a[i + 5] != '1') {
      throw new HttpParseException(505, "HTTP version not supported");
    }
    version = a[i + 7] == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    method = KnownHeaders.method(a, from, methodEnd - from);
    target = new String(a, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  // ---- fields ----

  private void parseField(byte[] a, int from, int end, HttpHeaders into, boolean inHead)
      throws HttpParseException {
    byte first = a[from];
    if (first == ' ' || first == '\t') {
      throw bad("Folded or indented header line");
    }
    int i = from;
    while (i < end && HttpChars.isTchar(a[i])) {
      i++;
    }
    if (i == end) {
      throw bad("Header line without a colon");
    }
    if (a[i] != ':') {
      throw bad(
          HttpChars.isOws(a[i])
              ? "Whitespace between header name and colon"
              : "Invalid character in header name");
    }
    if (i == from) {
      throw bad("Empty header name");
    }
    int nameEnd = i++;
    while (i < end && HttpChars.isOws(a[i])) {
      i++;
    }
    int valueStart = i;
    int valueEnd = end;
    while (valueEnd > valueStart && HttpChars.isOws(a[valueEnd - 1])) {
      valueEnd--;
    }
    for (int k = valueStart; k < valueEnd; k++) {
      if (!HttpChars.isFieldValueChar(a[k] & 0xFF)) {
        throw bad("Invalid character in header value");
      }
    }
    if (++fieldCount > limits.maxHeaderCount()) {
      throw new HttpParseException(431, inHead ? "Too many header fields" : "Too many trailers");
    }
    int nameLen = nameEnd - from;
    int known = KnownHeaders.find(a, from, nameLen);
    String name =
        known >= 0
            ? KnownHeaders.name(known, a, from, nameLen)
            : new String(a, from, nameLen, StandardCharsets.ISO_8859_1);
    String value = KnownHeaders.value(a, valueStart, valueEnd - valueStart);
    if (inHead && known >= 0) {
      switch (KnownHeaders.special(known)) {
        case KnownHeaders.CONTENT_LENGTH -> onContentLength(a, valueStart, valueEnd);
        case KnownHeaders.TRANSFER_ENCODING -> onTransferEncoding(a, valueStart, valueEnd);
        case KnownHeaders.HOST -> onHost(a, valueStart, valueEnd);
        case KnownHeaders.CONNECTION -> onConnection(a, valueStart, valueEnd);
        case KnownHeaders.EXPECT ->
            expectContinue |= equalsIgnoreCase(a, valueStart, valueEnd, "100-continue");
        default -> {}
      }
    }
    HEADERS_ACCESS.addTrusted(into, name, value);
  }

  private void onContentLength(byte[] a, int from, int end) throws HttpParseException {
    int i = from;
    while (true) {
      int s = i;
      long v = 0;
      while (i < end && isDigit(a[i])) {
        int d = a[i] - '0';
        if (v > (Long.MAX_VALUE - d) / 10) {
          throw bad("Content-Length too large");
        }
        v = v * 10 + d;
        i++;
      }
      if (i == s) {
        throw bad("Invalid Content-Length");
      }
      // RFC 9112 6.3: a list is only acceptable if its values are the same; compare them as
      // written (as Tornado and h11 do), so "5, 05" is a conflict too
      if (contentLengthSeen && (v != contentLength || i - s != contentLengthDigits)) {
        throw bad("Conflicting Content-Length values");
      }
      contentLengthSeen = true;
      contentLength = v;
      contentLengthDigits = i - s;
      while (i < end && HttpChars.isOws(a[i])) {
        i++;
      }
      if (i == end) {
        return;
      }
      if (a[i] != ',') {
        throw bad("Invalid Content-Length");
      }
      i++;
      while (i < end && HttpChars.isOws(a[i])) {
        i++;
      }
    }
  }

  private void onTransferEncoding(byte[] a, int from, int end) throws HttpParseException {
    transferEncodingSeen = true;
    int i = from;
    while (true) {
      int comma = i;
      while (comma < end && a[comma] != ',') {
        comma++;
      }
      int s = i;
      int e = comma;
      while (s < e && HttpChars.isOws(a[s])) {
        s++;
      }
      while (e > s && HttpChars.isOws(a[e - 1])) {
        e--;
      }
      if (s == e) {
        throw bad("Invalid Transfer-Encoding");
      }
      if (equalsIgnoreCase(a, s, e, "chunked")) {
        chunkedCount++;
        lastCodingChunked = true;
      } else {
        unknownCoding = true;
        lastCodingChunked = false;
      }
      if (comma == end) {
        return;
      }
      i = comma + 1;
    }
  }

  private void onHost(byte[] a, int from, int end) throws HttpParseException {
    hostCount++;
    for (int i = from; i < end; i++) {
      int c = a[i] & 0xFF;
      if (c == '%') {
        if (i + 2 >= end
            || HttpChars.hexValue(a[i + 1] & 0xFF) < 0
            || HttpChars.hexValue(a[i + 2] & 0xFF) < 0) {
          throw bad("Invalid Host header");
        }
        i += 2;
      } else if (!HttpChars.isHostChar(c)) {
        throw bad("Invalid Host header");
      }
    }
  }

  private void onConnection(byte[] a, int from, int end) {
    int i = from;
    while (i < end) {
      int comma = i;
      while (comma < end && a[comma] != ',') {
        comma++;
      }
      int s = i;
      int e = comma;
      while (s < e && HttpChars.isOws(a[s])) {
        s++;
      }
      while (e > s && HttpChars.isOws(a[e - 1])) {
        e--;
      }
      if (equalsIgnoreCase(a, s, e, "close")) {
        connectionClose = true;
      } else if (equalsIgnoreCase(a, s, e, "keep-alive")) {
        connectionKeepAlive = true;
      }
      i = comma + 1;
    }
  }

  private static boolean equalsIgnoreCase(byte[] a, int from, int end, String lower) {
    if (end - from != lower.length()) {
      return false;
    }
    for (int k = 0; k < lower.length(); k++) {
      if (HttpChars.toLowerAscii(a[from + k]) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private void finishHead(Listener l) throws HttpParseException {
    if (hostCount > 1) {
      throw bad("Multiple Host headers");
    }
    if (hostCount == 0 && version == HttpVersion.HTTP_1_1) {
      throw bad("Missing Host header");
    }
    BodyFraming framing;
    long length = -1;
    if (transferEncodingSeen) {
      if (version == HttpVersion.HTTP_1_0) {
        throw bad("Transfer-Encoding is not allowed in HTTP/1.0");
      }
      if (contentLengthSeen) {
        throw bad("Both Transfer-Encoding and Content-Length");
      }
      if (unknownCoding) {
        throw new HttpParseException(501, "Unsupported Transfer-Encoding");
      }
      if (chunkedCount != 1 || !lastCodingChunked) {
        throw bad("Invalid Transfer-Encoding");
      }
      framing = BodyFraming.CHUNKED;
    } else if (contentLengthSeen) {
      framing = BodyFraming.CONTENT_LENGTH;
      length = contentLength;
    } else {
      framing = BodyFraming.NONE;
    }
    boolean keepAlive;
    if (version == HttpVersion.HTTP_1_1) {
      keepAlive = !connectionClose;
    } else {
      keepAlive =
          connectionKeepAlive
              && !connectionClose
              && (framing != BodyFraming.NONE || method.equals("GET") || method.equals("HEAD"));
    }
    head =
        new RequestHead(
            new RequestStartLine(method, target, version),
            headers,
            framing,
            length,
            keepAlive,
            expectContinue);
    state = State.HEAD_COMPLETE;
    l.onHead(head);
  }

  // ---- chunked ----

  private void parseChunkSize(byte[] a, int from, int end) throws HttpParseException {
    int i = from;
    long size = 0;
    while (i < end) {
      int d = HttpChars.hexValue(a[i] & 0xFF);
      if (d < 0) {
        break;
      }
      if (size > (Long.MAX_VALUE >> 4)) {
        throw bad("Chunk size too large");
      }
      size = (size << 4) | d;
      i++;
    }
    if (i == from) {
      throw bad("Invalid chunk size");
    }
    if (i < end) {
      checkChunkExtensions(a, i, end);
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

  /**
   * {@code *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] )}, RFC 9112 7.1.1.
   */
  private static void checkChunkExtensions(byte[] a, int i, int end) throws HttpParseException {
    while (i < end) {
      i = skipOws(a, i, end);
      if (i >= end || a[i] != ';') {
        throw bad("Invalid chunk extension");
      }
      i = skipOws(a, i + 1, end);
      int nameStart = i;
      while (i < end && HttpChars.isTchar(a[i])) {
        i++;
      }
      if (i == nameStart) {
        throw bad("Invalid chunk extension");
      }
      int j = skipOws(a, i, end);
      if (j < end && a[j] == '=') {
        i = skipOws(a, j + 1, end);
        if (i >= end) {
          throw bad("Invalid chunk extension");
        }
        if (a[i] == '"') {
          i = skipQuotedString(a, i, end);
        } else {
          int valueStart = i;
          while (i < end && HttpChars.isTchar(a[i])) {
            i++;
          }
          if (i == valueStart) {
            throw bad("Invalid chunk extension");
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

  /** Skips the quoted-string starting at {@code a[i] == '"'}; returns the index after it. */
  private static int skipQuotedString(byte[] a, int i, int end) throws HttpParseException {
    i++;
    while (i < end) {
      int c = a[i] & 0xFF;
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= end || !HttpChars.isFieldValueChar(a[i + 1] & 0xFF)) {
          throw bad("Invalid chunk extension");
        }
        i += 2;
      } else if (HttpChars.isFieldValueChar(c)) {
        i++;
      } else {
        throw bad("Invalid chunk extension");
      }
    }
    throw bad("Invalid chunk extension");
  }

  private static HttpParseException bad(String message) {
    return new HttpParseException(400, message);
  }
}
