package io.squall.demos.hello;

import io.squall.demos.DemoArgs;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;

/** The smallest Squall application: {@code GET /hello} answers {@code Hello, world}. */
public final class HelloDemo {
  private HelloDemo() {}

  /** Answers {@code Hello, world}. */
  public static final class HelloHandler extends RequestHandler {
    /** Writes the greeting. */
    public void get() {
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write("Hello, world");
    }
  }

  /** The application: one route. */
  public static Application app() {
    return Application.builder().route("/hello", HelloHandler::new).build();
  }

  /** Serves the demo alone: {@code --port=N} (default 8888). */
  public static void main(String[] args) {
    int port = DemoArgs.listen(app(), args).port();
    System.out.println("Serving http://localhost:" + port + "/hello");
    IOLoop.current().start();
  }
}
