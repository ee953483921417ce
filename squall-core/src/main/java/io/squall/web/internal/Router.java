package io.squall.web.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the route for a request: host rules first (in the order added), then path rules within the
 * first host rule that matches (in the order added). Literal paths are found by a hash lookup; a
 * pattern route added before a literal one still wins, as order says.
 */
public final class Router {
  /** What a request matched: a route with its raw groups, or a mounted application. */
  public record Match(UrlSpec spec, String[] groups, Object mounted, String mountPrefix) {}

  /** A prefix under which another application (or anything else) takes over. */
  public record Mount(String prefix, Object target) {}

  private static final String[] NO_GROUPS = new String[0];

  private static final class HostRules {
    final Pattern host;
    final boolean anyHost; // the catch-all: no regex to run per request
    final List<Object> rules = new ArrayList<>(); // UrlSpec or Mount, in order
    final Map<String, Integer> literalIndex = new HashMap<>();

    HostRules(Pattern host) {
      this.host = host;
      this.anyHost = host.pattern().equals(".*$");
    }
  }

  private final List<HostRules> hosts = new ArrayList<>();
  private final Map<String, UrlSpec> named = new HashMap<>();

  /** Adds a route under {@code hostPattern} (a regex on the host name; null for any host). */
  public void add(String hostPattern, UrlSpec spec) {
    HostRules h = host(hostPattern);
    if (spec.literal() != null) {
      h.literalIndex.putIfAbsent(spec.literal(), h.rules.size());
    }
    h.rules.add(spec);
    if (spec.name() != null) {
      if (named.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException("two routes are named " + spec.name());
      }
    }
  }

  /** Adds a mount point: requests whose path starts with {@code prefix} go to {@code target}. */
  public void mount(String hostPattern, String prefix, Object target) {
    host(hostPattern).rules.add(new Mount(prefix, target));
  }

  private HostRules host(String hostPattern) {
    String p = hostPattern == null ? ".*" : hostPattern;
    for (HostRules h : hosts) {
      if (h.host.pattern().equals(p.endsWith("$") ? p : p + "$")) {
        return h;
      }
    }
    HostRules h =
        new HostRules(Pattern.compile(p.endsWith("$") ? p : p + "$", Pattern.CASE_INSENSITIVE));
    // host-specific rules come before the catch-all, like Tornado's add_handlers
    if (hostPattern != null) {
      int at = 0;
      while (at < hosts.size() && !hosts.get(at).host.pattern().equals(".*$")) {
        at++;
      }
      hosts.add(at, h);
    } else {
      hosts.add(h);
    }
    return h;
  }

  /** The route named {@code name}, or null. */
  public UrlSpec named(String name) {
    return named.get(name);
  }

  /** All named routes. */
  public Map<String, UrlSpec> namedRoutes() {
    return named;
  }

  /** Finds the match for a host name and a raw path, or null. */
  public Match find(String hostName, String path) {
    for (HostRules h : hosts) {
      if (!h.anyHost && !h.host.matcher(hostName).matches()) {
        continue;
      }
      Integer lit = h.literalIndex.get(path);
      int limit = lit == null ? h.rules.size() : lit;
      for (int i = 0; i < limit; i++) {
        Object rule = h.rules.get(i);
        if (rule instanceof UrlSpec spec) {
          if (spec.literal() != null) {
            continue; // literals are found through the index
          }
          String[] groups = spec.match(path);
          if (groups != null) {
            return new Match(spec, groups, null, null);
          }
        } else {
          Mount m = (Mount) rule;
          if (underPrefix(path, m.prefix())) {
            return new Match(null, null, m.target(), m.prefix());
          }
        }
      }
      if (lit != null) {
        return new Match((UrlSpec) h.rules.get(lit), NO_GROUPS, null, null);
      }
      return null; // Tornado: the first matching host decides
    }
    return null;
  }

  private static boolean underPrefix(String path, String prefix) {
    if (prefix.endsWith("/")) {
      return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
