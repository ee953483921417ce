package io.squall.httpclient.internal;

import io.squall.http.HttpHeaders;
import io.squall.httpclient.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The bytes of a request head, with what the client must know about the body framing it chose
 * (Tornado's header preparation in {@code _HTTPConnection.run}).
 *
 * @param bytes the request line, the header fields and the empty line
 * @param contentLength the declared body length, or -1 when the body is chunked or absent
 * @param chunked whether the body is sent with chunked transfer coding
 * @param closeConnection whether the request asked the server to close afterwards
 */
public record RequestHead(
    byte[] bytes, long contentLength, boolean chunked, boolean closeConnection) {
  private static final Set<String> STANDARD =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private static final Set<String> BODY_EXPECTED = Set.of("POST", "PATCH", "PUT");

  /**
   * Builds the head of {@code r}.
   *
   * @param defaultUserAgent the {@code User-Agent} when the request sets none
   * @param keepAlive whether the client may reuse the connection; if not, {@code Connection: close}
   *     is sent unless the request has a {@code Connection} header
   * @throws IllegalArgumentException for a method, body or header the request may not have
   */
  public static RequestHead of(HttpRequest r, String defaultUserAgent, boolean keepAlive) {
    String method = r.method();
    boolean bodyPresent = r.body() != null || r.bodyProducer() != null;
    if (!r.allowNonstandardMethods()) {
      if (!STANDARD.contains(method)) {
        throw new IllegalArgumentException(
            "unknown method " + method + " (allowNonstandardMethods to send it)");
      }
      boolean expected = BODY_EXPECTED.contains(method);
      if (expected != bodyPresent) {
        throw new IllegalArgumentException(
            "Body must "
                + (expected ? "" : "not ")
                + "be given for method "
                + method
                + " (unless allowNonstandardMethods)");
      }
    }
    URI uri = r.uri();
    HttpHeaders h = r.headers();
    if (!h.contains("Connection") && !keepAlive) {
      h.set("Connection", "close");
    }
    boolean close = h.containsToken("Connection", "close");
    if (!h.contains("Host")) {
      String authority = uri.getRawAuthority();
      int at = authority.lastIndexOf('@');
      h.set("Host", at >= 0 ? authority.substring(at + 1) : authority);
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getUserInfo();
      int colon = info.indexOf(':');
      user = colon >= 0 ? info.substring(0, colon) : info;
      password = colon >= 0 ? info.substring(colon + 1) : "";
    } else if (r.authUsername() != null) {
      user = r.authUsername();
      password = r.authPassword() == null ? "" : r.authPassword();
    }
    if (user != null) {
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      h.set("Authorization", "Basic " + token);
    }
    if (r.userAgent() != null) {
      h.set("User-Agent", r.userAgent());
    } else if (!h.contains("User-Agent")) {
      h.set("User-Agent", defaultUserAgent);
    }
    if (r.expect100Continue()) {
      h.set("Expect", "100-continue");
    }
    long length = -1;
    boolean chunked = false;
    if (r.body() != null) {
      length = r.body().length;
      h.set("Content-Length", Long.toString(length));
      h.remove("Transfer-Encoding");
    } else if (r.bodyProducer() != null) {
      String cl = h.get("Content-Length");
      if (cl != null) {
        try {
          length = Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid Content-Length header: " + cl);
        }
        if (length < 0) {
          throw new IllegalArgumentException("invalid Content-Length header: " + cl);
        }
        h.remove("Transfer-Encoding");
      } else {
        chunked = true;
        h.set("Transfer-Encoding", "chunked");
      }
    }
    if (method.equals("POST") && !h.contains("Content-Type")) {
      h.set("Content-Type", "application/x-www-form-urlencoded");
    }
    if (r.decompressResponse()) {
      h.set("Accept-Encoding", "gzip");
    }
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append(' ');
    appendTarget(sb, uri);
    sb.append(" HTTP/1.1\r\n");
    h.forEachField((n, v) -> sb.append(n).append(": ").append(v).append("\r\n"));
    sb.append("\r\n");
    return new RequestHead(
        sb.toString().getBytes(StandardCharsets.ISO_8859_1), length, chunked, close);
  }

  /** Path and query as sent: raw, with any non-ASCII char percent-encoded as UTF-8. */
  private static void appendTarget(StringBuilder sb, URI uri) {
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String q = uri.getRawQuery();
    String target = q == null ? path : path + "?" + q;
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c > 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        int cp = target.codePointAt(i);
        if (Character.charCount(cp) == 2) {
          i++;
        }
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
          sb.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
      }
    }
  }
}
