package io.squall.httpclient.internal;

/** How the body of a response is delimited (RFC 9112 section 6.3). */
public enum ResponseFraming {
  /** No body: HEAD, 1xx, 204, 304, or {@code Content-Length: 0}. */
  NONE,
  /** Exactly {@link ResponseHead#contentLength()} bytes. */
  CONTENT_LENGTH,
  /** Chunked transfer coding. */
  CHUNKED,
  /** Everything until the server closes the connection. */
  UNTIL_CLOSE
}
