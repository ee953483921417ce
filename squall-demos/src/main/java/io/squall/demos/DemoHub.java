package io.squall.demos;

import io.squall.db.Database;
import io.squall.db.DatabaseUnavailableException;
import io.squall.demos.blog.BlogDemo;
import io.squall.demos.blog.BlogStore;
import io.squall.demos.chat.ChatDemo;
import io.squall.demos.chat.ChatRoom;
import io.squall.demos.errors.ErrorsDemo;
import io.squall.demos.hello.HelloDemo;
import io.squall.demos.i18n.I18nDemo;
import io.squall.demos.longpoll.LongPollDemo;
import io.squall.demos.longpoll.MessageBuffer;
import io.squall.demos.scale.RedisFanOut;
import io.squall.demos.slow.SlowDemo;
import io.squall.demos.tasks.TaskStore;
import io.squall.demos.tasks.TasksDemo;
import io.squall.demos.template.TemplateDemo;
import io.squall.demos.upload.UploadDemo;
import io.squall.demos.ws.EchoDemo;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RedirectHandler;
import io.squall.web.RequestHandler;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo hub that {@code ./demo} starts: one application that mounts every demo under its prefix,
 * with an index page at {@code /}. {@link #DEMOS} is the one list of demos: the index, the
 * navigation of every page and the tests read it.
 */
public final class DemoHub {
  private DemoHub() {}

  /** The hub's own entry: the about box of the index page. */
  static final Demo HUB =
      new Demo(
          "/",
          "All demos",
          "Each demo is a small Squall application mounted on this hub under its own path, and"
              + " each also runs alone from its own main method. Every page has the same layout"
              + " and names the source file that does it.",
          Demo.SRC + "DemoHub.java");

  /** The file over 64 KiB among the static assets (the banner image), for trying ranges. */
  static final String BIG_ASSET = "squall-banner.png";

  /** Every demo of the hub, in the order of the navigation. Add new demos here. */
  public static final List<Demo> DEMOS =
      List.of(
          new Demo(
              "/hello",
              "Hello",
              "The smallest Squall application: one handler writes one line of plain text. It is"
                  + " the README's first example.",
              Demo.SRC + "hello/HelloDemo.java"),
          new Demo(
              "/slow/",
              "Slow requests",
              "A request that sleeps on the loop holds up every other request, and three ways to"
                  + " wait without doing so. Open a slow link, then the fast one in another tab.",
              Demo.SRC + "slow/SlowDemo.java"),
          new Demo(
              "/upload/",
              "Upload",
              "Files arrive as a multipart form, buffered and parsed, or as a raw body streamed"
                  + " through a digest piece by piece. Both answer with sizes and SHA-256 as JSON.",
              Demo.SRC + "upload/UploadDemo.java"),
          new Demo(
              "/template/",
              "Templates",
              "A page rendered by Squall's template language: a layout with blocks, a loop, and"
                  + " escaping of whatever you type. A UI module adds its own CSS to the page.",
              Demo.SRC + "template/TemplateDemo.java"),
          new Demo(
              "/longpoll/",
              "Long-polling chat",
              "A chat room over long polling: each page keeps one request open that the server"
                  + " answers when someone posts. No thread is held while it waits.",
              Demo.SRC + "longpoll/LongPollDemo.java"),
          new Demo(
              "/ws/",
              "WebSocket echo",
              "A WebSocket that sends every message back as it came, text as text and binary as"
                  + " binary. The log shows each frame and each state change.",
              Demo.SRC + "ws/EchoDemo.java"),
          new Demo(
              "/chat/",
              "WebSocket chat",
              "A chat room over WebSockets: what anyone posts reaches every open page at once."
                  + " Open it in two windows and talk to yourself.",
              Demo.SRC + "chat/ChatDemo.java"),
          new Demo(
              "/tasks/",
              "Task list",
              "A task list kept in a database through squall-db, edited from the browser through"
                  + " the JSON API at /api/tasks. The tasks survive a restart of the hub.",
              Demo.SRC + "tasks/TasksDemo.java"),
          new Demo(
              "/blog/",
              "Blog",
              "Tornado's blog demo: sign up, log in and write posts in Markdown, kept in the"
                  + " database through squall-db. Sessions live in signed cookies, every form"
                  + " carries an XSRF token, and the posts have an Atom feed.",
              Demo.SRC + "blog/BlogDemo.java"),
          new Demo(
              "/i18n/",
              "Languages",
              "A page in your language, English, Spanish, German, Chinese or Arabic, translated"
                  + " with Tornado's CSV files. Plural forms, dates and numbers follow the language"
                  + " that your browser or the links pick.",
              Demo.SRC + "i18n/I18nDemo.java"),
          new Demo(
              "/static-files/",
              "Static files",
              "The stylesheet, script and images of these pages, served with versioned URLs,"
                  + " ETags and ranges. The page lists them and the requests to try.",
              Demo.SRC + "StaticFilesPage.java"),
          new Demo(
              "/errors/",
              "Errors",
              "A handler that throws gets a 500 for that request alone, with a plain error page."
                  + " Started with --debug, the page shows the stack trace instead.",
              Demo.SRC + "errors/ErrorsDemo.java"),
          new Demo(
              "/auth/",
              "Log in",
              "Log in with GitHub or Google through squall-auth's OAuth2 mixins, with the state"
                  + " bound to a signed cookie. Without client ids in the environment, the page"
                  + " says what to set.",
              Demo.SRC + "auth/AuthDemo.java"));

  /** The index page. */
  public static final class IndexHandler extends RequestHandler {
    /** Renders the list of demos. */
    public void get() {
      render("index.html", Map.of("demos", DEMOS));
    }
  }

  /** The folder of the demos' static files. */
  public static Path staticPath() {
    URL url = DemoHub.class.getResource("/static/demo.css");
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI()).getParent();
      } catch (URISyntaxException e) {
        // fall through
      }
    }
    Path src = Path.of("squall-demos/src/main/resources/static");
    return Files.isDirectory(src) ? src : Path.of("static");
  }

  /**
   * The hub application without debug, its task list and blog in in-memory databases shared by the
   * JVM (for tests); see {@link #app(TaskStore, BlogStore, String, boolean)}.
   */
  public static Application app() {
    return app(TasksDemo.inMemoryStore(), false);
  }

  /** The hub application with an in-memory task list; with {@code debug}, stack traces. */
  public static Application app(boolean debug) {
    return app(TasksDemo.inMemoryStore(), debug);
  }

  /** The hub application with its task list in {@code tasks}, without debug. */
  public static Application app(TaskStore tasks) {
    return app(tasks, false);
  }

  /**
   * The hub application with its task list in {@code tasks}. With {@code debug}, error pages of the
   * hub's own pages ({@code /}, {@code /static-files/}, {@code /errors/}) show the stack trace, and
   * changed templates are reloaded.
   */
  public static Application app(TaskStore tasks, boolean debug) {
    return app(tasks, debug, new ChatRoom(), new MessageBuffer());
  }

  /**
   * {@link #app(TaskStore, boolean)} over the given chat room and long-poll buffer, which {@code
   * --redis} relays through Redis ({@link RedisFanOut}).
   */
  public static Application app(
      TaskStore tasks, boolean debug, ChatRoom room, MessageBuffer buffer) {
    return app(tasks, BlogDemo.inMemoryStore(), BlogDemo.randomSecret(), debug, room, buffer);
  }

  /**
   * The hub application with its task list in {@code tasks} and its blog in {@code blog}, whose
   * sessions are signed with {@code blogSecret}. With {@code debug}, error pages of the hub's own
   * pages ({@code /}, {@code /static-files/}, {@code /errors/}) show the stack trace, and changed
   * templates are reloaded.
   */
  public static Application app(TaskStore tasks, BlogStore blog, String blogSecret, boolean debug) {
    return app(tasks, blog, blogSecret, debug, new ChatRoom(), new MessageBuffer());
  }

  /**
   * The whole hub: {@link #app(TaskStore, BlogStore, String, boolean)} over the given chat room and
   * long-poll buffer, which {@code --redis} relays through Redis ({@link RedisFanOut}).
   */
  public static Application app(
      TaskStore tasks,
      BlogStore blog,
      String blogSecret,
      boolean debug,
      ChatRoom room,
      MessageBuffer buffer) {
    return Application.builder()
        .route("/", IndexHandler::new)
        .route("/static-files/", StaticFilesPage::new)
        .route("/hello", HelloDemo.HelloHandler::new)
        // pages without the layout (the plain-text hello) make browsers ask for /favicon.ico
        .route("/favicon.ico", () -> new RedirectHandler("/static/squall.svg"))
        .mount("/slow", SlowDemo.app())
        .mount("/upload", UploadDemo.app())
        .mount("/template", TemplateDemo.app())
        .mount("/longpoll", LongPollDemo.app(buffer))
        .mount("/ws", EchoDemo.app())
        .mount("/chat", ChatDemo.app(room))
        .mount(TasksDemo.API_PREFIX, TasksDemo.api(tasks))
        .mount(TasksDemo.PAGE_PREFIX, TasksDemo.page(tasks, TasksDemo.API_PREFIX + "/tasks"))
        .mount("/i18n", I18nDemo.app())
        .mount(BlogDemo.PREFIX, BlogDemo.app(blog, blogSecret))
        .mount("/errors", ErrorsDemo.app(debug))
        .mount("/auth", io.squall.demos.auth.AuthDemo.app())
        .settings(DemoLayout.settings().debug(debug).compressResponse(true).build())
        .build();
  }

  /**
   * Starts the hub ({@link DemoArgs#USAGE} lists the flags): {@code --db=JDBC_URL} for the task
   * list's database (default: an H2 file under {@code --data-dir=DIR}, see {@link
   * DemoArgs#dataDir}), {@code --loops=N} to serve from N loops, {@code --redis=URI} to fan chat
   * and long-poll messages out to every hub on that Redis. Prints the URL to open and what each
   * flag does. SIGTERM or SIGINT shut it down gracefully.
   */
  public static void main(String[] args) {
    DemoArgs.Options options = DemoArgs.parseOrExit(args);
    Database db = openDemoDatabase(args);
    String blogSecret = BlogDemo.cookieSecret(DemoArgs.dataDir(args));
    ChatRoom room = new ChatRoom();
    MessageBuffer buffer = new MessageBuffer();
    RedisFanOut fanOut = startFanOut(args, room, buffer);
    HttpServer server =
        DemoArgs.listen(
            app(new TaskStore(db), new BlogStore(db), blogSecret, options.debug(), room, buffer),
            args);
    String scheme = server.tlsOptions().isPresent() ? "https" : "http";
    System.out.println(
        "Squall demo hub ready at " + scheme + "://localhost:" + server.port() + "/");
    System.out.println("Open that URL in a browser. Flags (./demo --help):");
    System.out.println(DemoArgs.describe(options, server.port()));
    System.out.println(DemoArgs.describeScale(DemoArgs.loops(args), DemoArgs.redis(args)));
    System.out.println("Stop with Ctrl-C (or SIGTERM): requests in flight finish first.");
    IOLoop.current().start();
    if (fanOut != null) {
      fanOut.close();
    }
    db.close();
  }

  /**
   * With {@code --redis=URI}, relays {@code room} and {@code buffer} through Redis; messages from
   * Redis arrive on this thread's loop. A Redis that cannot be reached ends the hub (status 1).
   */
  private static RedisFanOut startFanOut(String[] args, ChatRoom room, MessageBuffer buffer) {
    String uri = DemoArgs.redis(args);
    if (uri == null) {
      return null;
    }
    try {
      return RedisFanOut.start(uri, IOLoop.current(), room, buffer);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      throw e;
    }
  }

  /** The task list's and the blog's database: {@code --db}, else the H2 file in the data dir. */
  private static Database openDemoDatabase(String[] args) {
    String url;
    try {
      DemoArgs.port(args, 8888); // bad arguments end the hub before it touches any database
      url = DemoArgs.option(args, "db");
      if (url == null) {
        Path dir = DemoArgs.dataDir(args);
        Files.createDirectories(dir);
        url = TasksDemo.h2Url(dir);
        System.out.println(
            "Data directory: "
                + dir
                + " (task list and blog: embedded H2; --db=JDBC_URL for another database)");
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw new IllegalStateException(e);
    }
    try {
      Database db = BlogDemo.openDatabase(url);
      System.out.println(
          "Task list and blog database: "
              + db.productName()
              + " at "
              + url.replaceAll("(?i)(password=)[^&;]*", "$1***"));
      return db;
    } catch (DatabaseUnavailableException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      throw e;
    }
  }
}
