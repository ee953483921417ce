package com.example;

import io.squall.http.HttpServerOptions;
import io.squall.web.Application;
import io.squall.web.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application: its routes and settings, and a {@code main} that serves it.
 *
 * <p>Templates and static files are read from {@code templates/} and {@code static/} in the working
 * directory (or under {@code -Dapp.home=DIR}), so run it from the project folder: {@code java -jar
 * target/app.jar --port=8888}.
 */
public final class App {
  private App() {}

  /** The routes: a hello page, a JSON API, a template page and a WebSocket. */
  public static Application app(Path home) {
    TaskStore tasks = new TaskStore();
    return Application.builder()
        .route("/", PageHandler::new, "home")
        .route("/hello", HelloHandler::new)
        .route("/api/tasks", () -> new TasksHandler(tasks))
        .route("/api/tasks/([0-9]+)", () -> new TaskHandler(tasks))
        .route("/echo", EchoSocket::new)
        .settings(
            Settings.builder()
                .templatePath(home.resolve("templates"))
                .staticPath(home.resolve("static"))
                .build())
        .build();
  }

  /** Serves the application: {@code --port=N} (default 8888), one loop per core. */
  public static void main(String[] args) {
    int port = 8888;
    for (String a : args) {
      if (a.startsWith("--port=")) {
        port = Integer.parseInt(a.substring("--port=".length()));
      } else {
        System.err.println("usage: java -jar app.jar [--port=N]");
        System.exit(2);
      }
    }
    Path home = Path.of(System.getProperty("app.home", "."));
    app(home)
        .serve(port, Runtime.getRuntime().availableProcessors(), HttpServerOptions.defaults())
        .shutdownOnSignals(Duration.ofSeconds(10));
    // The loops run on their own threads; SIGTERM or SIGINT stop them gracefully.
    System.out.println("Listening on http://localhost:" + port + "/");
  }
}
