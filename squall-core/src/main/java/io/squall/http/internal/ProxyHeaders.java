package io.squall.http.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerOptions;
import java.net.InetSocketAddress;

/**
 * The client address and scheme of a request, from the socket or, when the server trusts a proxy in
 * front of it ({@code xheaders}), from {@code X-Forwarded-For}/{@code X-Real-Ip} and {@code
 * X-Forwarded-Proto}/{@code X-Scheme} (Tornado's {@code _apply_xheaders}).
 */
final class ProxyHeaders {
  private ProxyHeaders() {}

  static String remoteIp(HttpServerOptions options, HttpHeaders headers, InetSocketAddress remote) {
    String socketIp = remote == null ? "0.0.0.0" : remote.getAddress().getHostAddress();
    if (!options.xheaders()) {
      return socketIp;
    }
    String ip = socketIp;
    String forwarded = headers.getJoined("X-Forwarded-For");
    if (forwarded != null) {
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (hop.isEmpty() || options.trustedDownstream().contains(hop)) {
          continue;
        }
        ip = hop;
        break;
      }
    }
    String real = headers.get("X-Real-Ip");
    if (real != null) {
      ip = real.trim();
    }
    return IpAddresses.isValid(ip) ? ip : socketIp;
  }

  static String protocol(HttpServerOptions options, HttpHeaders headers) {
    String proto = options.protocol() == null ? "http" : options.protocol();
    if (!options.xheaders()) {
      return proto;
    }
    String v = headers.get("X-Scheme");
    if (v == null) {
      v = headers.get("X-Forwarded-Proto");
    }
    if (v != null) {
      int comma = v.lastIndexOf(',');
      String last = (comma >= 0 ? v.substring(comma + 1) : v).trim();
      if (last.equals("http") || last.equals("https")) {
        return last;
      }
    }
    return proto;
  }
}
