package io.squall.httpclient.internal;

import java.net.URI;
import java.util.Locale;

/**
 * What connections are pooled by: scheme, host and port.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or IP literal, without brackets
 * @param port the port
 */
public record HostKey(String scheme, String host, int port) {
  /** The key of {@code uri} (default ports 80 and 443). */
  public static HostKey of(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return new HostKey(scheme, host.toLowerCase(Locale.ROOT), port);
  }

  /** Whether connections need TLS. */
  public boolean tls() {
    return scheme.equals("https");
  }

  @Override
  public String toString() {
    return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
