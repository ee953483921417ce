package io.squall.demos;

import io.squall.db.Database;
import io.squall.db.DatabaseUnavailableException;
import io.squall.demos.chat.ChatDemo;
import io.squall.demos.hello.HelloDemo;
import io.squall.demos.i18n.I18nDemo;
import io.squall.demos.longpoll.LongPollDemo;
import io.squall.demos.slow.SlowDemo;
import io.squall.demos.tasks.TaskStore;
import io.squall.demos.tasks.TasksDemo;
import io.squall.demos.template.TemplateDemo;
import io.squall.demos.upload.UploadDemo;
import io.squall.demos.ws.EchoDemo;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo hub that {@code ./demo} starts: one application that mounts every demo under its prefix,
 * with an index page at {@code /}.
 */
public final class DemoHub {
  private DemoHub() {}

  /** The index page. */
  public static final class IndexHandler extends RequestHandler {
    /** Writes the list of demos. */
    public void get() {
      write(
          """
          <!doctype html><html><head><meta charset="utf-8"><title>Squall demos</title>
          <link rel="stylesheet" href="/static/demo.css"></head>
          <body><h1>Squall demos</h1>
          <ul>
          <li><a href="/hello">/hello</a> &mdash; Hello, world</li>
          <li><a href="/slow/">/slow/</a> &mdash; blocking the loop, and three ways not to</li>
          <li><a href="/upload/">/upload/</a> &mdash; multipart and streamed uploads</li>
          <li><a href="/template/">/template/</a> &mdash; a page rendered through templates</li>
          <li><a href="/longpoll/">/longpoll/</a> &mdash; a chat room over long polling</li>
          <li><a href="/ws/">/ws/</a> &mdash; WebSocket echo, text and binary</li>
          <li><a href="/chat/">/chat/</a> &mdash; a chat room over WebSockets</li>
          <li><a href="/tasks/">/tasks/</a> &mdash; a task list in a database, through
          the JSON API at <a href="/api/tasks">/api/tasks</a></li>
          <li><a href="/i18n/">/i18n/</a> &mdash; a page in your language (locale, plural forms, dates)</li>
          <li><a href="/static/demo.css">/static/</a> &mdash; static files with ETags and ranges</li>
          </ul></body></html>
          """);
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
   * The hub application, its task list in an in-memory database shared by the JVM (for tests); see
   * {@link #app(TaskStore)}.
   */
  public static Application app() {
    return app(TasksDemo.inMemoryStore());
  }

  /** The hub application with its task list in {@code tasks}. */
  public static Application app(TaskStore tasks) {
    return Application.builder()
        .route("/", IndexHandler::new)
        .route("/hello", HelloDemo.HelloHandler::new)
        .mount("/slow", SlowDemo.app())
        .mount("/upload", UploadDemo.app())
        .mount("/template", TemplateDemo.app())
        .mount("/longpoll", LongPollDemo.app())
        .mount("/ws", EchoDemo.app())
        .mount("/chat", ChatDemo.app())
        .mount(TasksDemo.API_PREFIX, TasksDemo.api(tasks))
        .mount(TasksDemo.PAGE_PREFIX, TasksDemo.page(tasks, TasksDemo.API_PREFIX + "/tasks"))
        .settings(Settings.builder().staticPath(staticPath()).compressResponse(true).build())
        .mount("/i18n", I18nDemo.app())
        .build();
  }

  /**
   * Starts the hub: {@code --port=N} (default 8888; 0 picks a free port, and the ready line names
   * it); {@code --db=JDBC_URL} for the task list's database (default: an H2 file under {@code
   * --data-dir=DIR}, see {@link DemoArgs#dataDir}). SIGTERM or SIGINT shut it down gracefully.
   */
  public static void main(String[] args) {
    Database db = openTasksDatabase(args);
    HttpServer server = DemoArgs.listen(app(new TaskStore(db)), args);
    System.out.println("Squall demo hub ready at http://localhost:" + server.port() + "/");
    IOLoop.current().start();
    db.close();
  }

  private static Database openTasksDatabase(String[] args) {
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
                + " (task list: embedded H2; --db=JDBC_URL for another database)");
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw new IllegalStateException(e);
    }
    try {
      Database db = TasksDemo.openDatabase(url);
      System.out.println(
          "Task list database: "
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
