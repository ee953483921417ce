package io.squall.http.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpVersion;
import io.squall.http.RequestStartLine;

/**
 * A parsed request head: start line, headers, and what the parser derived from them.
 *
 * @param startLine method, target and version
 * @param headers the header fields, in order, names spelled as received
 * @param framing how the body is delimited
 * @param contentLength the body length for {@link BodyFraming#CONTENT_LENGTH}, else -1
 * @param keepAlive whether the client allows the connection to be reused after this request, by
 *     Tornado's rule: HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code
 *     Connection: keep-alive} and a body length or a GET/HEAD method. (The server may still close.)
 * @param expectContinue whether the request carries {@code Expect: 100-continue}
 */
public record RequestHead(
    RequestStartLine startLine,
    HttpHeaders headers,
    BodyFraming framing,
    long contentLength,
    boolean keepAlive,
    boolean expectContinue) {

  /** The request method. */
  public String method() {
    return startLine.method();
  }

  /** The request target. */
  public String target() {
    return startLine.target();
  }

  /** The protocol version. */
  public HttpVersion version() {
    return startLine.version();
  }
}
