package io.squall.http;

import io.squall.http.internal.Http1ServerConnection;
import io.squall.http.internal.HttpAccess;
import io.squall.iostream.SslIOStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * One HTTP request as the server received it (Tornado's {@code HTTPServerRequest}).
 *
 * <p>Made by the connection when the head arrives; the body and parsed body arguments are filled in
 * when the whole body has been read by a buffering delegate. Argument maps keep the order of first
 * appearance and repeated values; values are decoded as UTF-8.
 */
public final class HttpServerRequest {
  static {
    HttpAccess.install(
        new HttpAccess.Requests() {
          @Override
          public void setBody(HttpServerRequest request, byte[] body) {
            request.setBody(body);
          }

          @Override
          public void parseBody(HttpServerRequest request, MultipartLimits limits) {
            request.parseBody(limits);
          }

          @Override
          public void markFinished(HttpServerRequest request) {
            request.markFinished();
          }
        });
  }

  private final String method;
  private final String uri;
  private final String path;
  private final String query;
  private final String version;
  private final HttpHeaders headers;
  private final HttpConnection connection;
  private final String remoteIp;
  private final String protocol;
  private final String host;
  private final String hostName;
  private final long startNanos = System.nanoTime();
  private final long startMillis = System.currentTimeMillis();
  private final InetSocketAddress remoteAddress;
  private byte[] body = new byte[0];
  private Map<String, List<String>> queryArguments;
  private final Map<String, List<String>> bodyArguments = new LinkedHashMap<>();
  private final Map<String, List<HttpFile>> files = new LinkedHashMap<>();
  private Map<String, String> cookies;
  private Map<String, List<String>> arguments;
  private long finishNanos;

  /**
   * Makes a request. The server does this; tests and adapters may too.
   *
   * @param method the request method
   * @param uri the request target as sent (origin form, absolute form or {@code *})
   * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
   * @param headers the request headers
   * @param connection where the response goes; null for a detached request
   * @param remoteAddress the peer's address; may be null
   * @param remoteIp the client address after proxy headers were applied
   * @param protocol {@code http} or {@code https}
   */
  public HttpServerRequest(
      String method,
      String uri,
      String version,
      HttpHeaders headers,
      HttpConnection connection,
      InetSocketAddress remoteAddress,
      String remoteIp,
      String protocol) {
    this.method = method;
    this.version = version;
    this.headers = headers;
    this.connection = connection;
    this.remoteAddress = remoteAddress;
    this.remoteIp = remoteIp;
    this.protocol = protocol;
    String target = uri;
    String authority = null;
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd > 0 && !uri.startsWith("/")) {
      // absolute form (RFC 9112 3.2.2): the authority in the target wins over Host
      int pathStart = uri.indexOf('/', schemeEnd + 3);
      int queryStart = uri.indexOf('?', schemeEnd + 3);
      int end = pathStart < 0 ? (queryStart < 0 ? uri.length() : queryStart) : pathStart;
      if (queryStart >= 0 && queryStart < end) {
        end = queryStart;
      }
      authority = uri.substring(schemeEnd + 3, end);
      target = end == uri.length() ? "/" : uri.substring(end);
      if (target.startsWith("?")) {
        target = "/" + target;
      }
    }
    this.uri = target;
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = q < 0 ? "" : target.substring(q + 1);
    String h = authority != null ? authority : headers.get("Host");
    this.host = h == null || h.isEmpty() ? "127.0.0.1" : h;
    this.hostName = splitHostName(this.host);
  }

  private static String splitHostName(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(0, close + 1).toLowerCase(java.util.Locale.ROOT) : host;
    }
    int colon = host.lastIndexOf(':');
    return (colon >= 0 ? host.substring(0, colon) : host).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The client's TLS certificate (Tornado's {@code get_ssl_certificate}): present when the server
   * speaks TLS, asked the client for a certificate ({@link
   * io.squall.tcp.TlsServerOptions.ClientAuth}) and the client sent one the server's trust managers
   * accepted. Empty otherwise, and always for plain HTTP.
   */
  public Optional<X509Certificate> getSslCertificate() {
    return sslStream().flatMap(SslIOStream::peerCertificate);
  }

  /**
   * The TLS session of the connection this request came on (protocol version, cipher suite, peer
   * certificates, and through {@link javax.net.ssl.ExtendedSSLSession} the SNI names the client
   * asked for); empty for plain HTTP.
   */
  public Optional<SSLSession> getSslSession() {
    return sslStream().map(SslIOStream::sslSession);
  }

  private Optional<SslIOStream> sslStream() {
    return connection instanceof Http1ServerConnection c && c.stream() instanceof SslIOStream s
        ? Optional.of(s)
        : Optional.empty();
  }

  /** The request method, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The request target in origin form: path and query, e.g. {@code /a/b?x=1}. */
  public String uri() {
    return uri;
  }

  /** The path part of {@link #uri()}, still percent-encoded. */
  public String path() {
    return path;
  }

  /** The query part of {@link #uri()} without the {@code ?}; empty when none. */
  public String query() {
    return query;
  }

  /** The protocol version, {@code HTTP/1.1} or {@code HTTP/1.0}. */
  public String version() {
    return version;
  }

  /** The request headers. */
  public HttpHeaders headers() {
    return headers;
  }

  /** The whole body, once read by a buffering delegate; empty before and for streamed bodies. */
  public byte[] body() {
    return body;
  }

  private void setBody(byte[] body) {
    this.body = body;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The client's IP address, from proxy headers when the server trusts them ({@code xheaders}). */
  public String remoteIp() {
    return remoteIp;
  }

  /** The socket address of the peer (a proxy, when there is one). */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** {@code http} or {@code https}. */
  public String protocol() {
    return protocol;
  }

  /** The requested host with port, from the absolute target or the {@code Host} header. */
  public String host() {
    return host;
  }

  /** {@link #host()} without the port, lower case. */
  public String hostName() {
    return hostName;
  }

  /** {@code protocol://host/uri}. */
  public String fullUrl() {
    return protocol + "://" + host + uri;
  }

  /** Where the response goes. */
  public HttpConnection connection() {
    return connection;
  }

  /** Wall-clock time the request started, in epoch milliseconds. */
  public long startTimeMillis() {
    return startMillis;
  }

  private void markFinished() {
    finishNanos = System.nanoTime();
  }

  /** Seconds the request took: until finish, or until now if not finished yet. */
  public double requestTime() {
    long end = finishNanos == 0 ? System.nanoTime() : finishNanos;
    return (end - startNanos) / 1e9;
  }

  /** The cookies sent with the request, by name. */
  public Map<String, String> cookies() {
    if (cookies == null) {
      String header = cookieHeader(headers);
      cookies = header == null ? Map.of() : Collections.unmodifiableMap(Cookies.parse(header));
    }
    return cookies;
  }

  private static String cookieHeader(HttpHeaders headers) {
    java.util.List<String> all = headers.getAll("Cookie");
    return all.isEmpty() ? null : String.join("; ", all);
  }

  /** Arguments from the query string. */
  public Map<String, List<String>> queryArguments() {
    if (queryArguments == null) {
      queryArguments = Collections.unmodifiableMap(BodyArguments.parseQueryString(query));
    }
    return queryArguments;
  }

  /** Arguments from a form body ({@code x-www-form-urlencoded} or {@code multipart/form-data}). */
  public Map<String, List<String>> bodyArguments() {
    return bodyArguments;
  }

  /** Query and body arguments together, query first; computed once, after the body is parsed. */
  public Map<String, List<String>> arguments() {
    Map<String, List<String>> all = arguments;
    if (all == null) {
      if (bodyArguments.isEmpty()) {
        all = queryArguments();
      } else {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        queryArguments().forEach((k, v) -> merged.put(k, new java.util.ArrayList<>(v)));
        bodyArguments.forEach(
            (k, v) -> merged.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        all = Collections.unmodifiableMap(merged);
      }
      arguments = all;
    }
    return all;
  }

  /** Files uploaded with {@code multipart/form-data}, by field name. */
  public Map<String, List<HttpFile>> files() {
    return files;
  }

  /**
   * Parses {@link #body()} as form arguments and files, according to {@code Content-Type}.
   *
   * <p>A malformed body is logged, in one line for the request, and leaves the arguments empty. A
   * multipart body with more parts than {@code limits} allow is not parsed at all and raises a 413
   * instead (GHSA-qjxf-f2mg-c6mc).
   *
   * @throws HttpInputException (413) if a multipart body has more parts than the limit
   */
  private void parseBody(MultipartLimits limits) {
    String contentType = headers.get("Content-Type");
    if (contentType == null || body.length == 0) {
      return;
    }
    arguments = null;
    try {
      BodyArguments.parseBodyArguments(contentType, body, bodyArguments, files, limits);
    } catch (HttpInputException e) {
      if (e.status() == 413) {
        throw e;
      }
      // As Tornado: a malformed form body leaves the arguments empty, it does not fail the
      // request; a handler that needs an argument gets a 400 for the missing argument.
      LOG.warn("Invalid {} body from {}: {}", contentType, remoteIp, e.getMessage());
    }
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(HttpServerRequest.class);

  @Override
  public String toString() {
    return "HttpServerRequest("
        + method
        + " "
        + uri
        + " "
        + version
        + ", remoteIp="
        + remoteIp
        + ")";
  }
}
