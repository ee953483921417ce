package io.squall.http.internal;

/** How the body of a request is delimited (RFC 9112 section 6.3). */
public enum BodyFraming {
  /** No body: neither Content-Length nor Transfer-Encoding. */
  NONE,
  /** Exactly {@link RequestHead#contentLength()} bytes follow the head (possibly 0). */
  CONTENT_LENGTH,
  /** {@code Transfer-Encoding: chunked}: the length is known only at the end. */
  CHUNKED
}
