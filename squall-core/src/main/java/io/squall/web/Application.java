package io.squall.web;

import io.squall.http.HttpConnection;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServer;
import io.squall.http.HttpServerConnectionDelegate;
import io.squall.http.HttpServerOptions;
import io.squall.tcp.TcpServer;
import io.squall.template.BaseLoader;
import io.squall.template.Loader;
import io.squall.template.TemplateSettings;
import io.squall.web.internal.CookieSecret;
import io.squall.web.internal.HandlerDispatch;
import io.squall.web.internal.Router;
import io.squall.web.internal.ShutdownHooks;
import io.squall.web.internal.UrlSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web application: routes from URL patterns to handler factories, and settings (Tornado's {@code
 * tornado.web.Application}). It is the {@link HttpServerConnectionDelegate} of an {@link
 * HttpServer}.
 *
 * <pre>{@code
 * Application app = Application.builder()
 *     .route("/", MainHandler::new)
 *     .route("/tasks/(\\d+)", () -> new TaskHandler(db), "task")
 *     .settings(Settings.builder().cookieSecret(secret).build())
 *     .build();
 * app.listen(8888);
 * IOLoop.current().start();
 * }</pre>
 *
 * <p>Routes are tried in the order added; a pattern is a Java regex anchored at the end, compiled
 * once, and a pattern without regex syntax is matched by a hash lookup. Host rules ({@link
 * Builder#host}) are tried before routes for any host. An application is immutable and may serve
 * several loops at once; the state your handlers share must then be thread-safe.
 */
public final class Application implements HttpServerConnectionDelegate {
  private static final Logger accessLog = LoggerFactory.getLogger("squall.access");
  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final Settings settings;
  private final Router router = new Router();
  private final List<RouteDef> defs;
  private final String prefix;
  private final CookieSecret cookieSecret;
  private final StaticFiles staticFiles;
  private final Map<Path, BaseLoader> templateLoaders = new ConcurrentHashMap<>();
  private final ShutdownHooks shutdownHooks;
  private final List<Application> mountedApps = new ArrayList<>();

  /** A route as declared, kept so an application can be mounted under a prefix. */
  record RouteDef(
      String host,
      String pattern,
      Supplier<? extends RequestHandler> factory,
      String name,
      Application mounted) {}

  private Application(
      Settings settings, List<RouteDef> defs, String prefix, ShutdownHooks shutdownHooks) {
    this.settings = settings;
    this.shutdownHooks = shutdownHooks;
    this.defs = List.copyOf(defs);
    this.prefix = prefix;
    this.cookieSecret =
        settings.cookieSecrets().isEmpty()
            ? null
            : CookieSecret.versionedBytes(settings.cookieSecrets(), settings.cookieKeyVersion());
    this.staticFiles = settings.staticPath() == null ? null : new StaticFiles(settings, prefix);
    if (staticFiles != null) {
      String url = prefix + settings.staticUrlPrefix();
      router.add(null, new UrlSpec(Pattern.quote(url) + "(.*)", staticFiles::newHandler, null));
    }
    for (RouteDef d : defs) {
      if (d.mounted() != null) {
        Application sub = d.mounted().mountedAt(prefix + d.pattern());
        mountedApps.add(sub);
        router.mount(d.host(), prefix + d.pattern(), sub);
      } else {
        UrlSpec spec = new UrlSpec(prefixed(prefix, d.pattern()), d.factory(), d.name());
        if (prefix.isEmpty()) {
          checkHandler(spec); // once, when built; a mounted copy was checked by its own build
        }
        router.add(d.host(), spec);
      }
    }
  }

  /**
   * Makes one handler from the route's factory to learn its class (the instance is dropped, never
   * initialized), then checks the class's verb methods against the route's groups. A factory that
   * cannot make a handler yet is not checked now; its class is checked at its first request.
   */
  private static void checkHandler(UrlSpec spec) {
    Class<?> type;
    try {
      RequestHandler probe = spec.newHandler();
      if (probe == null) {
        throw new IllegalArgumentException("the factory of route " + spec.pattern() + " made null");
      }
      type = probe.getClass();
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      log.debug("route {}: factory failed at build, handler checked later", spec.pattern(), e);
      return;
    }
    try {
      HandlerDispatch.of(type).checkRoute(spec.pattern(), spec.groupCount());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("route " + spec.pattern() + ": " + e.getMessage(), e);
    }
  }

  private static String prefixed(String prefix, String pattern) {
    if (prefix.isEmpty()) {
      return pattern;
    }
    String p = pattern.startsWith("^") ? pattern.substring(1) : pattern;
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return Pattern.quote(base) + p;
  }

  /** A builder for an application. */
  public static Builder builder() {
    return new Builder();
  }

  /** This application with every route under {@code prefix} (used by {@link Builder#mount}). */
  Application mountedAt(String newPrefix) {
    String p = newPrefix.endsWith("/") ? newPrefix.substring(0, newPrefix.length() - 1) : newPrefix;
    return new Application(settings, defs, p, shutdownHooks); // one registry with the original
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** The prefix this application is mounted under; empty at the top. */
  public String prefix() {
    return prefix;
  }

  /**
   * The loader {@code render} uses by default: the {@code templateLoader} setting, or one over
   * {@code templatePath} (the working directory when unset).
   */
  public BaseLoader templateLoader() {
    return templateLoaders.computeIfAbsent(
        defaultTemplateRoot(settings.templatePath()), root -> defaultLoader(settings, root));
  }

  /**
   * The loader for {@code handler}'s {@link RequestHandler#getTemplatePath()}, made once per path
   * by the first handler's {@link RequestHandler#createTemplateLoader} and then shared, as
   * Tornado's loader cache.
   */
  BaseLoader templateLoader(RequestHandler handler) {
    return templateLoaders.computeIfAbsent(
        defaultTemplateRoot(handler.getTemplatePath()), handler::createTemplateLoader);
  }

  static Path defaultTemplateRoot(Path templatePath) {
    return templatePath != null ? templatePath : Path.of(".");
  }

  /** The {@code templateLoader} setting, or a {@link Loader} over {@code root}. */
  static BaseLoader defaultLoader(Settings settings, Path root) {
    BaseLoader l = settings.templateLoader();
    return l != null
        ? l
        : new Loader(root, TemplateSettings.builder().debug(settings.debug()).build());
  }

  CookieSecret cookieSecret() {
    if (cookieSecret == null) {
      throw new IllegalStateException("the cookieSecret setting is needed for signed cookies");
    }
    return cookieSecret;
  }

  /**
   * Serves this application on {@code port} on the calling thread's current loop; start the loop to
   * run it. Returns the server (for {@link HttpServer#port()} and shutdown).
   */
  public HttpServer listen(int port) {
    return listen(port, HttpServerOptions.defaults());
  }

  /** As {@link #listen(int)}, with server options. */
  public HttpServer listen(int port, HttpServerOptions options) {
    HttpServer server = new HttpServer(this, options);
    try {
      server.listen(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    return server;
  }

  /**
   * Serves this application over HTTPS on {@code port} on the calling thread's current loop
   * (Tornado's {@code listen(port, ssl_options=...)}); {@code sslContext} holds the server's key
   * and certificate. Same as {@code listen(port, HttpServerOptions.builder().sslContext(sslContext)
   * .build())}.
   */
  public HttpServer listen(int port, javax.net.ssl.SSLContext sslContext) {
    return listen(port, HttpServerOptions.builder().sslContext(sslContext).build());
  }

  /**
   * Serves this application on {@code port} from {@code loops} event loops, each on its own thread
   * (the fast case; Tornado's multi-process mode done with threads). Returns once serving.
   */
  public HttpServer serve(int port, int loops, HttpServerOptions options) {
    HttpServer server = new HttpServer(this, options);
    try {
      server.bind(port, null, TcpServer.DEFAULT_BACKLOG, true);
      server.start(loops);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve on port " + port, e);
    }
    return server;
  }

  /**
   * Registers work to do when the server begins a graceful shutdown (SIGTERM, {@code
   * HttpServer.shutdown}): for example answering long-poll requests that wait for news. The server
   * waits, within its grace period, for the stage the hook returns. Open WebSockets register
   * themselves and are closed with 1001 (going away). Safe from any thread; hooks run on no
   * particular thread, so hand loop work to its loop.
   *
   * @param hook run once at shutdown; returns a stage to wait for, or null
   * @return removes the hook again (a connection that ended no longer needs it)
   */
  public Runnable onShutdown(Supplier<? extends CompletionStage<?>> hook) {
    return shutdownHooks.add(Objects.requireNonNull(hook, "hook"));
  }

  /**
   * Runs the shutdown hooks of this application and of the applications mounted in it; completes
   * when the stages they returned have.
   */
  @Override
  public CompletableFuture<Void> shutdownStarted() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    all.add(shutdownHooks.run());
    for (Application sub : mountedApps) {
      all.add(sub.shutdownStarted());
    }
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
  }

  @Override
  public HttpMessageDelegate startRequest(HttpConnection connection) {
    return new HandlerDelegate(this, connection);
  }

  /** Finds the route for a request: the handler made, its app, and the raw groups. */
  Routed route(String hostName, String path) {
    Router.Match m = router.find(hostName, path);
    if (m == null) {
      Supplier<? extends RequestHandler> def = settings.defaultHandler();
      RequestHandler h = def != null ? def.get() : new ErrorHandler(404);
      return new Routed(this, h, new String[0], List.of());
    }
    if (m.mounted() != null) {
      Application sub = (Application) m.mounted();
      if (path.equals(sub.prefix)
          && sub.router.find(hostName, path) == null
          && sub.router.find(hostName, path + "/") != null) {
        // "/chat" -> "/chat/" when the mounted application serves its root
        return new Routed(sub, new RedirectHandler(path + "/"), new String[0], List.of());
      }
      return sub.route(hostName, path);
    }
    return new Routed(this, m.spec().newHandler(), m.groups(), m.spec().groupNames());
  }

  record Routed(Application app, RequestHandler handler, String[] groups, List<String> names) {}

  /**
   * The path of the route named {@code name}, its groups filled with {@code args} (URL-escaped).
   *
   * @throws IllegalArgumentException when no route has that name
   */
  public String reverseUrl(String name, Object... args) {
    UrlSpec spec = router.named(name);
    if (spec == null) {
      throw new IllegalArgumentException("no route named " + name);
    }
    return spec.reverse(args);
  }

  /** The versioned URL of a static file (Tornado's {@code static_url}). */
  public String staticUrl(String path) {
    if (staticFiles == null) {
      throw new IllegalStateException("the staticPath setting is needed for staticUrl");
    }
    return staticFiles.url(path);
  }

  /** Writes the access log line of a finished request, or calls the {@code logFunction} setting. */
  void logRequest(RequestHandler handler) {
    if (settings.logFunction() != null) {
      settings.logFunction().accept(handler);
      return;
    }
    int status = handler.getStatus();
    if (status < 400) {
      if (accessLog.isInfoEnabled()) {
        accessLog.info(line(handler));
      }
    } else if (status < 500) {
      if (accessLog.isWarnEnabled()) {
        accessLog.warn(line(handler));
      }
    } else if (accessLog.isErrorEnabled()) {
      accessLog.error(line(handler));
    }
  }

  private static String line(RequestHandler handler) {
    long hundredths = Math.round(handler.request().requestTime() * 100_000);
    long frac = hundredths % 100;
    return handler.getStatus()
        + " "
        + handler.summary()
        + " "
        + (hundredths / 100)
        + "."
        + (frac < 10 ? "0" : "")
        + frac
        + "ms";
  }

  /**
   * Declares routes; {@link Builder} and the groups of {@link Builder#mount} and {@link
   * Builder#host} are one.
   */
  public interface Routes {
    /** Routes {@code pattern} to handlers made by {@code factory}. */
    Routes route(String pattern, Supplier<? extends RequestHandler> factory);

    /** As {@link #route(String, Supplier)}, with a name for {@link Application#reverseUrl}. */
    Routes route(String pattern, Supplier<? extends RequestHandler> factory, String name);
  }

  /** Builds an {@link Application}. */
  public static final class Builder implements Routes {
    private final List<RouteDef> defs = new ArrayList<>();
    private Settings settings = Settings.defaults();

    private Builder() {}

    @Override
    public Builder route(String pattern, Supplier<? extends RequestHandler> factory) {
      return route(pattern, factory, null);
    }

    @Override
    public Builder route(String pattern, Supplier<? extends RequestHandler> factory, String name) {
      defs.add(new RouteDef(null, pattern, Objects.requireNonNull(factory, "factory"), name, null));
      return this;
    }

    /** Routes declared in {@code group} with {@code prefix} before each pattern. */
    public Builder mount(String prefix, Consumer<Routes> group) {
      checkPrefix(prefix);
      String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      group.accept(new GroupRoutes(null, base.isEmpty() ? "" : Pattern.quote(base)));
      return this;
    }

    /**
     * Serves a whole application under {@code prefix}: its routes, its settings (static files,
     * templates, cookie secret) and its names, with URLs made under the prefix.
     */
    public Builder mount(String prefix, Application app) {
      checkPrefix(prefix);
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      defs.add(new RouteDef(null, p, null, null, app));
      return this;
    }

    /**
     * Routes that apply only to requests whose host name matches {@code hostPattern} (a regex,
     * anchored), tried before routes for any host.
     */
    public Builder host(String hostPattern, Consumer<Routes> group) {
      group.accept(new GroupRoutes(hostPattern, ""));
      return this;
    }

    /**
     * Tornado's {@code add_handlers(host_pattern, host_handlers)}: routes for hosts matching {@code
     * hostPattern}, tried before routes for any host; {@code ".*"} adds to the routes for any host.
     * The same as {@link #host}. Unlike Tornado, routes are added while building: a built
     * application is immutable, so it can serve several loops without locks.
     */
    public Builder addHandlers(String hostPattern, Consumer<Routes> group) {
      if (hostPattern.equals(".*") || hostPattern.equals(".*$")) {
        group.accept(this);
        return this;
      }
      return host(hostPattern, group);
    }

    /** Routes of a {@link #mount} or {@link #host} group: a host rule and a path prefix. */
    private final class GroupRoutes implements Routes {
      private final String host;
      private final String quotedPrefix;

      GroupRoutes(String host, String quotedPrefix) {
        this.host = host;
        this.quotedPrefix = quotedPrefix;
      }

      @Override
      public Routes route(String pattern, Supplier<? extends RequestHandler> factory) {
        return route(pattern, factory, null);
      }

      @Override
      public Routes route(String pattern, Supplier<? extends RequestHandler> factory, String name) {
        String p =
            quotedPrefix.isEmpty()
                ? pattern
                : quotedPrefix + (pattern.startsWith("^") ? pattern.substring(1) : pattern);
        defs.add(new RouteDef(host, p, Objects.requireNonNull(factory, "factory"), name, null));
        return this;
      }
    }

    /** The application's settings. */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    private static void checkPrefix(String prefix) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException("mount prefix must start with '/': " + prefix);
      }
    }

    /**
     * The application. Patterns are compiled here and each route's handler class is checked (see
     * {@link RequestHandler}): a bad pattern, a handler without verb methods, a verb method that
     * does not fit the route's groups, is not public, or is misspelt fails now with {@link
     * IllegalArgumentException} naming the route, the class and the method.
     */
    public Application build() {
      return new Application(settings, defs, "", new ShutdownHooks());
    }
  }
}
