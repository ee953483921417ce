package io.squall.demos.docs;

import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import java.util.concurrent.CompletableFuture;

/**
 * What a documented example calls instead of {@code app.listen(8888)} when {@link DocSnippetsTest}
 * runs it: serves on an unused port and tells the test the server and the loop.
 */
public final class SnippetHooks {
  private SnippetHooks() {}

  /** A running example: its server and the loop its {@code main} started. */
  record Running(HttpServer server, IOLoop loop) {}

  static volatile CompletableFuture<Running> started = new CompletableFuture<>();

  /** Serves {@code app} on port 0 on the calling thread's loop. */
  public static HttpServer listen(Application app) {
    HttpServer server = app.listen(0);
    started.complete(new Running(server, IOLoop.current()));
    return server;
  }
}
