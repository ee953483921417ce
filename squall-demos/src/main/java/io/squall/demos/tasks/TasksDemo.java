package io.squall.demos.tasks;

import io.squall.db.Database;
import io.squall.db.DatabaseOptions;
import io.squall.demos.DemoArgs;
import io.squall.demos.DemoHub;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.Settings;
import java.nio.file.Path;

/**
 * The task list: a JSON REST API over a database and an HTML page that uses it from the browser
 * (the seed tutorial's {@code TaskListView} and {@code TaskView}, done properly).
 *
 * <p>The API ({@link #api}, mounted by the hub at {@code /api}):
 *
 * <ul>
 *   <li>{@code GET /api/tasks} — 200, a JSON array of tasks {@code {id, name, note, due_date,
 *       completed}}; gzip-compressed for clients that accept it;
 *   <li>{@code POST /api/tasks} — a JSON object or a urlencoded UTF-8 form with {@code name}
 *       (required, 1 to 200 characters), {@code note}, {@code due_date} (ISO-8601 date), {@code
 *       completed} (boolean): 201 with the task and a {@code Location} header;
 *   <li>{@code GET /api/tasks/{id}} — 200 or 404; {@code PUT} (any of the fields) — 200 or 404;
 *       {@code DELETE} — 204 or 404.
 * </ul>
 *
 * <p>Every {@code /api/*} response is JSON; errors are {@code {"error": {"status": N, "message":
 * "..."}}}: 400 for bad JSON, a wrong type, a missing or empty name, a non-numeric id; 404 for an
 * unknown task or path; 405 for another method; 413 over {@value ApiHandler#MAX_BODY} bytes; 415
 * for another content type; 503 when the database is down or every connection is busy (within the
 * pool's connection timeout, with {@code Retry-After}).
 *
 * <p>The page ({@link #page}, mounted at {@code /tasks}) lists the tasks and adds, completes and
 * deletes them through the API. Tasks live in the database ({@link #openDatabase}): the hub's
 * embedded H2 file by default, or any JDBC URL (PostgreSQL included) given with {@code --db}.
 */
public final class TasksDemo {
  private TasksDemo() {}

  /** Where the hub mounts the API application. */
  public static final String API_PREFIX = "/api";

  /** Where the hub mounts the page. */
  public static final String PAGE_PREFIX = "/tasks";

  private static TaskStore inMemory;

  /**
   * Opens the tasks database at {@code url} and migrates it to the current schema.
   *
   * @throws io.squall.db.DatabaseUnavailableException when it cannot be reached
   */
  public static Database openDatabase(String url) {
    return Database.open(DatabaseOptions.builder(url).migrations(TaskStore.MIGRATIONS).build());
  }

  /** The JDBC URL of the embedded H2 file database in {@code dataDir}. */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tasks");
  }

  /**
   * One in-memory H2 task store per JVM, opened on first use and kept until the JVM exits: for
   * {@link DemoHub#app()} without a database of its own (tests), never for data that must last.
   */
  public static synchronized TaskStore inMemoryStore() {
    if (inMemory == null) {
      inMemory = new TaskStore(openDatabase("jdbc:h2:mem:squall-demo-tasks;DB_CLOSE_DELAY=-1"));
    }
    return inMemory;
  }

  /** The JSON API over {@code store}; mount it at {@link #API_PREFIX}. */
  public static Application api(TaskStore store) {
    return Application.builder()
        .route("/tasks", () -> new TaskListHandler(store), "tasks.list")
        .route("/tasks/([^/]+)", () -> new TaskHandler(store), "tasks.item")
        .settings(
            Settings.builder()
                .compressResponse(true)
                .defaultHandler(ApiNotFoundHandler::new)
                .build())
        .build();
  }

  /**
   * The HTML page over {@code store}, talking to the API at {@code apiUrl}; mount it at {@link
   * #PAGE_PREFIX}.
   */
  public static Application page(TaskStore store, String apiUrl) {
    return Application.builder()
        .route("/", () -> new TasksPageHandler(store, apiUrl))
        .settings(io.squall.demos.DemoLayout.settings().compressResponse(true).build())
        .build();
  }

  /**
   * Serves the task list alone: {@code --port=N}, {@code --db=JDBC_URL} (default: an H2 file under
   * {@code --data-dir}, itself by default the hub's data directory).
   */
  public static void main(String[] args) {
    String url = DemoArgs.option(args, "db");
    if (url == null) {
      url = h2Url(DemoArgs.dataDir(args));
    }
    Database db = openDatabase(url);
    TaskStore store = new TaskStore(db);
    Application app =
        Application.builder()
            .mount(API_PREFIX, api(store))
            .mount(PAGE_PREFIX, page(store, API_PREFIX + "/tasks"))
            .build();
    HttpServer server = DemoArgs.listen(app, args);
    System.out.println(
        "Tasks at http://localhost:" + server.port() + PAGE_PREFIX + "/ (" + url + ")");
    IOLoop.current().start();
    db.close();
  }
}
