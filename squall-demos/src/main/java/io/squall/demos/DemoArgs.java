package io.squall.demos;

import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.web.Application;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Command-line helpers shared by the demos' main methods. */
public final class DemoArgs {
  private DemoArgs() {}

  /** How long in-flight requests may take to finish after SIGTERM or SIGINT. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** What the flags do, one line each; {@code ./demo --help} prints the same. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: ./demo [--port=N] [--db=JDBC_URL] [--data-dir=DIR] [--loops=N]"
              + " [--redis=redis://host:port] [--tls-cert=FILE --tls-key=FILE] [--debug] [--help]",
          "  --port=N        listen on port N (default 8888; 0 picks a free port)",
          "  --db=JDBC_URL   the task list's and the blog's database (default: an embedded H2 file"
              + " under the data directory)",
          "  --data-dir=DIR  where the demos keep files (default: $XDG_DATA_HOME/squall-demos or"
              + " ~/.local/share/squall-demos)",
          "  --loops=N       serve from N event loops, each on its own thread (default 1)",
          "  --redis=URI     chat and long-poll messages fan out to every hub on this Redis"
              + " (redis://host:port)",
          "  --tls-cert=FILE serve HTTPS with this PEM certificate (chain); needs --tls-key",
          "  --tls-key=FILE  the PEM private key of --tls-cert (without both: plain HTTP)",
          "  --debug         error pages show the stack trace; without it they are plain, with no"
              + " stack",
          "  --help          print this and exit");

  /**
   * The command line of a demo.
   *
   * @param port the port to listen on; 0 asks for any free port
   * @param debug whether error pages show stack traces
   * @param help whether {@code --help} was asked
   */
  public record Options(int port, boolean debug, boolean help) {}

  /**
   * Parses {@code --port=N} (or {@code --port N}), {@code --debug} and {@code --help}.
   *
   * @throws IllegalArgumentException for a port that is not a number from 0 to 65535, or another
   *     argument
   */
  public static Options parse(String[] args, int fallbackPort) {
    int port = fallbackPort;
    boolean debug = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--db=")
          || a.startsWith("--data-dir=")
          || a.startsWith("--tls-cert=")
          || a.startsWith("--tls-key=")) {
        continue; // the hub's database and TLS options, read by option()
      } else if (a.startsWith("--loops=") || a.startsWith("--redis=")) {
        scaleOption(a); // checked here, read by loops() and redis()
      } else if (a.startsWith("--port=")) {
        port = parsePort(a.substring("--port=".length()));
      } else if (a.equals("--port")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--port needs a number");
        }
        port = parsePort(args[++i]);
      } else if (a.equals("--debug")) {
        debug = true;
      } else if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else {
        throw new IllegalArgumentException(
            "unknown argument '" + a + "' (usage: [--port=N] [--debug] [--help])");
      }
    }
    return new Options(port, debug, help);
  }

  /**
   * The value of {@code --port=N} or {@code --port N}, else {@code fallback}. Port 0 asks for any
   * free port.
   *
   * @throws IllegalArgumentException as {@link #parse}
   */
  public static int port(String[] args, int fallback) {
    return parse(args, fallback).port();
  }

  /**
   * {@link #parse} for a {@code main}: bad arguments end the process with the message (status 2),
   * {@code --help} prints the usage and ends it with 0.
   */
  public static Options parseOrExit(String[] args) {
    Options o;
    try {
      o = parse(args, 8888);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
    if (o.help()) {
      System.out.println(USAGE);
      System.exit(0);
    }
    return o;
  }

  /** The flags and their values now, for the start-up message. */
  public static String describe(Options o, int actualPort) {
    return "  --port=N   listening on "
        + actualPort
        + (o.port() == 0 ? " (a free port, as --port=0 asked)" : "")
        + "\n  --debug    "
        + (o.debug()
            ? "on: error pages show the stack trace"
            : "off: error pages are plain, with no stack (start with --debug to see stacks)");
  }

  /**
   * The value of {@code --NAME=VALUE}, the last one when repeated, or null when absent.
   *
   * @throws IllegalArgumentException for an empty value
   */
  public static String option(String[] args, String name) {
    String prefix = "--" + name + "=";
    String value = null;
    for (String a : args) {
      if (a.startsWith(prefix)) {
        value = a.substring(prefix.length());
        if (value.isEmpty()) {
          throw new IllegalArgumentException(prefix + " needs a value");
        }
      }
    }
    return value;
  }

  /**
   * Where the demos keep their files (the task list's and blog's H2 database, the blog's cookie
   * secret): {@code --data-dir=DIR}, else {@code $XDG_DATA_HOME/squall-demos}, else {@code
   * ~/.local/share/squall-demos}.
   */
  public static Path dataDir(String[] args) {
    String dir = option(args, "data-dir");
    if (dir != null) {
      return Path.of(dir).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("squall-demos").toAbsolutePath();
  }

  /**
   * The TLS context of {@code --tls-cert=FILE --tls-key=FILE} (PEM), or null when neither is given.
   * One without the other, or files that cannot be loaded, end the process with a message (status
   * 2).
   */
  public static SSLContext tlsContextOrExit(String[] args) {
    String cert;
    String key;
    try {
      cert = option(args, "tls-cert");
      key = option(args, "tls-key");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
    if (cert == null && key == null) {
      return null;
    }
    if (cert == null || key == null) {
      System.err.println("--tls-cert and --tls-key go together (PEM certificate and its key)");
      System.exit(2);
      throw new IllegalArgumentException("--tls-cert without --tls-key or the other way round");
    }
    try {
      return PemTls.serverContext(Path.of(cert), Path.of(key));
    } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
      System.err.println("cannot load --tls-cert/--tls-key: " + e.getMessage());
      System.exit(2);
      throw new IllegalStateException(e);
    }
  }

  /** The most loops {@code --loops=N} accepts. */
  public static final int MAX_LOOPS = 256;

  /**
   * The value of {@code --loops=N}: how many event loops serve the demo, each on its own thread; 1
   * when absent.
   *
   * @throws IllegalArgumentException for anything but a number from 1 to {@value #MAX_LOOPS}
   */
  public static int loops(String[] args) {
    String v = option(args, "loops");
    return v == null ? 1 : parseLoops(v);
  }

  /**
   * The value of {@code --redis=redis://host:port}, through which the chat and long-poll demos fan
   * messages out to every instance on the same Redis; null when absent.
   *
   * @throws IllegalArgumentException for a value that is not a {@code redis://} or {@code
   *     rediss://} URI
   */
  public static String redis(String[] args) {
    String v = option(args, "redis");
    if (v != null && !v.startsWith("redis://") && !v.startsWith("rediss://")) {
      throw new IllegalArgumentException("--redis wants a URI redis://host:port, got '" + v + "'");
    }
    return v;
  }

  /** What {@code --loops} and {@code --redis} do now, for the start-up message. */
  public static String describeScale(int loops, String redis) {
    return "  --loops=N  "
        + (loops == 1
            ? "1 event loop (start with --loops=N to serve from N threads)"
            : loops + " event loops, each on its own thread, sharing the port")
        + "\n  --redis    "
        + (redis == null
            ? "off: chat and long-poll messages stay in this process"
            : "chat and long-poll messages fan out through " + redis);
  }

  private static void scaleOption(String arg) {
    String[] one = {arg};
    if (arg.startsWith("--loops=")) {
      loops(one);
    } else {
      redis(one);
    }
  }

  private static int parseLoops(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= MAX_LOOPS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        "--loops wants a number from 1 to " + MAX_LOOPS + ", got '" + v + "'");
  }

  private static int parsePort(String v) {
    try {
      int p = Integer.parseInt(v);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--port wants a number from 0 to 65535, got '" + v + "'");
  }

  /**
   * What a demo's {@code main} does before it starts the loop: serves {@code app} on the current
   * loop at the port the arguments name (default 8888), or with {@code --loops=N} on N loops of its
   * own ({@link Application#serve}), and makes SIGTERM and SIGINT shut it down gracefully. Bad
   * arguments, or a port that is taken, end the process with a one-line message (status 2 and 1)
   * instead of a stack trace.
   *
   * @return the server; {@link HttpServer#port()} is the real port, also when 0 was asked
   */
  public static HttpServer listen(Application app, String[] args) {
    int port = parseOrExit(args).port();
    SSLContext tls = tlsContextOrExit(args);
    int loops = loops(args);
    HttpServerOptions serverOptions =
        tls == null
            ? HttpServerOptions.defaults()
            : HttpServerOptions.builder().sslContext(tls).build();
    HttpServer server;
    try {
      server = loops == 1 ? app.listen(port, serverOptions) : app.serve(port, loops, serverOptions);
    } catch (UncheckedIOException e) {
      System.err.println(e.getMessage() + ": " + e.getCause().getMessage());
      System.exit(1);
      throw e;
    }
    server.shutdownOnSignals(SHUTDOWN_GRACE);
    return server;
  }
}
