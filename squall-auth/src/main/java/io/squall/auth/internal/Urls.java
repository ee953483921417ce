package io.squall.auth.internal;

import io.squall.escape.Escape;
import java.util.Map;

/** Query strings and form bodies from ordered maps (Tornado's {@code url_concat}, urlencode). */
public final class Urls {
  private Urls() {}

  /** {@code args} as {@code a=1&b=2}, form-encoded as UTF-8; null values are left out. */
  public static String encode(Map<String, String> args) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : args.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(Escape.urlEscape(e.getKey())).append('=').append(Escape.urlEscape(e.getValue()));
    }
    return sb.toString();
  }

  /** {@code url} with {@code args} added to its query (after {@code ?} or {@code &}). */
  public static String concat(String url, Map<String, String> args) {
    String query = encode(args);
    if (query.isEmpty()) {
      return url;
    }
    if (url.endsWith("?") || url.endsWith("&")) {
      return url + query;
    }
    return url + (url.indexOf('?') >= 0 ? "&" : "?") + query;
  }
}
