package io.squall.httpclient;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpStatus;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The response to a fetch (Tornado's {@code HTTPResponse}).
 *
 * <p>{@link #headers()} are the final response's headers; when the client inflated a gzip body the
 * {@code Content-Encoding} header is moved to {@code X-Consumed-Content-Encoding}, as Tornado does.
 * With a {@linkplain HttpRequest.Builder#streamingCallback streaming callback} the body is empty.
 * {@link #requestTime()} runs from when the request left the queue to the last byte of the final
 * response (after redirects, the last hop only).
 */
public final class HttpResponse {
  private final HttpRequest request;
  private final int code;
  private final String reason;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String effectiveUrl;
  private final Duration requestTime;
  private final HttpHeaders trailers;

  /**
   * Creates a response.
   *
   * @param request the request as the caller made it (before redirects)
   * @param code the status code
   * @param reason the reason phrase; null or empty for the standard one
   * @param headers the response headers
   * @param body the body (not copied); null for none
   * @param effectiveUrl the URL the response came from, after redirects; null for the request's
   * @param requestTime how long the request took, or null if unknown
   */
  public HttpResponse(
      HttpRequest request,
      int code,
      String reason,
      HttpHeaders headers,
      byte[] body,
      String effectiveUrl,
      Duration requestTime) {
    this(request, code, reason, headers, body, effectiveUrl, requestTime, null);
  }

  /**
   * Creates a response with the trailer fields of a chunked body.
   *
   * @param request the request as the caller made it (before redirects)
   * @param code the status code
   * @param reason the reason phrase; null or empty for the standard one
   * @param headers the response headers
   * @param body the body (not copied); null for none
   * @param effectiveUrl the URL the response came from, after redirects; null for the request's
   * @param requestTime how long the request took, or null if unknown
   * @param trailers the trailer fields, or null for none
   */
  public HttpResponse(
      HttpRequest request,
      int code,
      String reason,
      HttpHeaders headers,
      byte[] body,
      String effectiveUrl,
      Duration requestTime,
      HttpHeaders trailers) {
    this.trailers = trailers == null ? HttpHeaders.empty() : trailers;
    this.request = Objects.requireNonNull(request, "request");
    this.code = code;
    this.reason = reason == null || reason.isEmpty() ? HttpStatus.reason(code) : reason;
    this.headers = headers == null ? new HttpHeaders() : headers;
    this.body = body == null ? new byte[0] : body;
    this.effectiveUrl = effectiveUrl == null ? request.url() : effectiveUrl;
    this.requestTime = requestTime == null ? Duration.ZERO : requestTime;
  }

  /** The request as the caller made it (before any redirect). */
  public HttpRequest request() {
    return request;
  }

  /** The status code, e.g. 200. */
  public int code() {
    return code;
  }

  /** The reason phrase the server sent, or the standard one for the code. */
  public String reason() {
    return reason;
  }

  /** The response headers. */
  public HttpHeaders headers() {
    return headers;
  }

  /** The trailer fields that followed a chunked body; empty (read-only) when there were none. */
  public HttpHeaders trailers() {
    return trailers;
  }

  /** The body (not a copy); empty when there was none or it was streamed. */
  public byte[] body() {
    return body;
  }

  /**
   * The body as text, in the charset the {@code Content-Type} names, else UTF-8. Undecodable bytes
   * become U+FFFD.
   */
  public String text() {
    return new String(body, charset());
  }

  private Charset charset() {
    String type = headers.get("Content-Type");
    if (type != null) {
      for (String param : type.split(";")) {
        String p = param.strip();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          String name = p.substring(8).strip();
          if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
          }
          try {
            return Charset.forName(name);
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            break;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** The URL of the final response, after redirects. */
  public String effectiveUrl() {
    return effectiveUrl;
  }

  /** How long the final request took. */
  public Duration requestTime() {
    return requestTime;
  }

  /** Throws {@link HttpClientError} with this response if the code is not 2xx. */
  public HttpResponse rethrow() throws HttpClientError {
    if (code < 200 || code >= 300) {
      throw new HttpClientError(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "HttpResponse[" + code + " " + reason + ", " + effectiveUrl + "]";
  }
}
