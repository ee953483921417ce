package io.squall.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response from {@link SquallClient#fetch}: status, headers and body.
 *
 * @param status the status code
 * @param headers the headers by lower-case name
 * @param body the body bytes
 * @param uri the URI that answered (after redirects)
 */
public record FetchResponse(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
  /** The first value of header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of header {@code name}. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("response body is not JSON: " + text(), e);
    }
  }

  @Override
  public String toString() {
    return "FetchResponse(" + status + ", " + body.length + " bytes)";
  }
}
