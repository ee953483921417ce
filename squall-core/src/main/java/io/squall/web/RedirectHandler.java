package io.squall.web;

import io.squall.escape.Escape;
import java.util.List;

/**
 * Redirects every GET to another URL (Tornado's {@code RedirectHandler}). The target may use {@code
 * {0}}, {@code {1}} ... for the route's groups (URL-escaped again); the query string is carried
 * over.
 *
 * <pre>{@code route("/old/(.*)", () -> new RedirectHandler("/new/{0}"))}</pre>
 */
public class RedirectHandler extends RequestHandler {
  private final String url;
  private final boolean permanent;

  /** A permanent (301) redirect to {@code url}. */
  public RedirectHandler(String url) {
    this(url, true);
  }

  /** A redirect to {@code url}, 301 when {@code permanent}, else 302. */
  public RedirectHandler(String url, boolean permanent) {
    this.url = url;
    this.permanent = permanent;
  }

  /** Redirects, with the route's groups (any number) in {@code {0}}, {@code {1}} ... */
  public void get(String... groups) {
    go(pathArgs());
  }

  private void go(List<String> args) {
    String target = url;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      // groups reach handlers decoded; put them back into the URL escaped, so a CR, LF or space
      // in the request path gives a valid Location instead of an error
      target =
          target.replace(
              "{" + i + "}", arg == null ? "" : Escape.urlEscape(arg, false).replace("%2F", "/"));
    }
    String query = request().query();
    if (!query.isEmpty()) {
      target = target + (target.contains("?") ? "&" : "?") + query;
    }
    redirect(target, permanent);
  }
}
