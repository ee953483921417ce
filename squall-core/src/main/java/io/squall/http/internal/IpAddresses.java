package io.squall.http.internal;

/** Syntax checks for IPv4 and IPv6 literals, without name resolution. */
final class IpAddresses {
  private IpAddresses() {}

  static boolean isValid(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  static boolean isIpv4(String s) {
    int parts = 0;
    int i = 0;
    int n = s.length();
    while (i <= n) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      if (i == start || value > 255) {
        return false;
      }
      parts++;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != '.') {
        return false;
      }
      i++;
    }
    return parts == 4;
  }

  static boolean isIpv6(String s) {
    if (s.isEmpty() || s.length() > 45 || s.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    try {
      // A literal with only hex digits, colons and dots: the JDK parses it without DNS.
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
