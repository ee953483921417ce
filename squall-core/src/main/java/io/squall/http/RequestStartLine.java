package io.squall.http;

import java.util.Objects;

/**
 * The first line of a request: {@code method SP request-target SP HTTP-version} (Tornado's {@code
 * RequestStartLine}, whose {@code path} is our {@code target}).
 *
 * @param method the method token as received, case-sensitive ({@code "GET"})
 * @param target the request target as received, still percent-encoded; each byte is one char
 *     (ISO-8859-1), so non-ASCII bytes survive a round trip
 * @param version the protocol version
 */
public record RequestStartLine(String method, String target, HttpVersion version) {
  /** Checks the components are non-null. */
  public RequestStartLine {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(version, "version");
  }

  /** The target up to (not including) the first {@code '?'}; the whole target if there is none. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The target after the first {@code '?'}, or the empty string if there is none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  /** The line as sent, without the line terminator: {@code "GET / HTTP/1.1"}. */
  @Override
  public String toString() {
    return method + ' ' + target + ' ' + version.text();
  }
}
