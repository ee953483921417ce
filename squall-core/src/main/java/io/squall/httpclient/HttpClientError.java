package io.squall.httpclient;

import io.squall.http.HttpStatus;
import java.io.IOException;

/**
 * A fetch that did not succeed (Tornado's {@code HTTPClientError}): either the server answered with
 * a status outside 2xx, in which case {@link #response()} holds the whole response, or no usable
 * response arrived, in which case the code is 599 (Tornado's convention) and {@link #response()} is
 * null; the subclasses say why.
 *
 * <p>A redirect that is not followed (redirects off, or {@code maxRedirects} used up) is reported
 * this way too, with the 3xx response, unless the request says {@link
 * HttpRequest.Builder#raiseError(boolean) raiseError(false)}.
 */
public class HttpClientError extends IOException {
  /** The code used when no response was received. */
  public static final int NO_RESPONSE = 599;

  private final int code;
  private final transient HttpResponse response;

  /** An error for {@code response}, whose status is not 2xx. */
  public HttpClientError(HttpResponse response) {
    super("HTTP " + response.code() + ": " + response.reason());
    this.code = response.code();
    this.response = response;
  }

  /** An error with {@code code} and {@code message} and no response. */
  public HttpClientError(int code, String message) {
    this(code, message, null);
  }

  /** An error with {@code code}, {@code message} (null: the reason phrase) and a cause. */
  public HttpClientError(int code, String message, Throwable cause) {
    super(message == null ? "HTTP " + code + ": " + HttpStatus.reason(code) : message, cause);
    this.code = code;
    this.response = null;
  }

  /** The response's status code, or {@value #NO_RESPONSE} when there is no response. */
  public int code() {
    return code;
  }

  /** The response with the non-2xx status, or null when none was received. */
  public HttpResponse response() {
    return response;
  }
}
