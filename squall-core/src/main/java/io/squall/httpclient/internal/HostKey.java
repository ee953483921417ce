package io.squall.httpclient.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What connections are pooled by: scheme, host, port, and for {@code https} how the server's
 * certificate was checked (a connection opened without checks, or trusting another CA file, is
 * never reused for a request that asks for different checks).
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or IP literal, without brackets
 * @param port the port
 * @param tlsProfile empty for plain HTTP and the default checks; else what differs
 */
public record HostKey(String scheme, String host, int port, String tlsProfile) {
  /** A key with the default certificate checks. */
  public HostKey(String scheme, String host, int port) {
    this(scheme, host, port, "");
  }

  /** This key for a request with these certificate settings. */
  public HostKey withTls(boolean validateCert, Path caFile) {
    if (!tls()) {
      return this;
    }
    String profile =
        !validateCert ? "no-validation" : caFile == null ? "" : "ca:" + caFile.toAbsolutePath();
    return new HostKey(scheme, host, port, profile);
  }

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
