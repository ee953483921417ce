package io.squall.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@link SquallClient#fetch(String, FetchOptions)} sends a request (Tornado's {@code
 * HTTPRequest} keyword arguments).
 *
 * <pre>{@code
 * client.fetch("/login", FetchOptions.post().form(Map.of("name", "ann")).followRedirects(false));
 * }</pre>
 */
public final class FetchOptions {
  String method = "GET";
  final List<String[]> headers = new ArrayList<>();
  byte[] body;
  boolean followRedirects = true;
  Duration timeout = Duration.ofSeconds(20);

  private FetchOptions() {}

  /** A GET. */
  public static FetchOptions get() {
    return new FetchOptions();
  }

  /** A POST with an empty body (set one with {@link #body} or {@link #form}). */
  public static FetchOptions post() {
    return new FetchOptions().method("POST").body(new byte[0]);
  }

  /** A request with {@code method}. */
  public static FetchOptions method(String method, byte[] body) {
    return new FetchOptions().method(method).body(body);
  }

  /** Sets the method. */
  public FetchOptions method(String method) {
    this.method = method;
    return this;
  }

  /** Adds a request header. */
  public FetchOptions header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  /** Sets the body. */
  public FetchOptions body(byte[] body) {
    this.body = body;
    return this;
  }

  /** Sets a UTF-8 body. */
  public FetchOptions body(String body) {
    return body(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets an {@code application/x-www-form-urlencoded} body from {@code fields}. */
  public FetchOptions form(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    header("Content-Type", "application/x-www-form-urlencoded");
    return body(sb.toString());
  }

  /** Whether 3xx responses are followed (default true, as Tornado). */
  public FetchOptions followRedirects(boolean follow) {
    this.followRedirects = follow;
    return this;
  }

  /** How long to wait for the response (default 20 s). */
  public FetchOptions timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }
}
