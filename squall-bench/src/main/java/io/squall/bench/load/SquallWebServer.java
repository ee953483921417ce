package io.squall.bench.load;

import io.squall.bench.template.Fortunes;
import io.squall.db.Database;
import io.squall.db.DatabaseOptions;
import io.squall.http.HttpServerOptions;
import io.squall.web.Application;
import io.squall.web.Blocking;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import io.squall.web.StaticFileHandler;
import io.squall.websocket.WebSocketHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Squall's web layer: an {@link Application} of {@link RequestHandler} routes, served by {@link
 * Application#serve} on N loops with the default options (ETag, {@code Server} header and access
 * logging included; run.sh sets the access log to WARN). One route per scenario: {@code /hello},
 * {@code /json}, {@code /static/64k.bin} ({@link StaticFileHandler}), {@code /fortunes} ({@code
 * squall-db} and a template), {@code /ws} (echo) and {@code /slow} ({@link Blocking}).
 */
public final class SquallWebServer {
  private static Database db;

  private SquallWebServer() {}

  /** {@code /hello}: plain text. */
  public static final class HelloHandler extends RequestHandler {
    /** Writes the greeting. */
    public void get() {
      setHeader("Content-Type", Payloads.TEXT_PLAIN);
      write(Payloads.HELLO);
    }
  }

  /** {@code /json}: a map written as JSON by {@code write(Object)}. */
  public static final class JsonHandler extends RequestHandler {
    /** Writes the message. */
    public void get() {
      write(Map.of("message", Payloads.MESSAGE));
    }
  }

  /** {@code /fortunes}: rows read off the loop by {@link Database}, rendered by a template. */
  public static final class FortunesHandler extends RequestHandler {
    /** Reads, adds one, sorts, renders. */
    public CompletableFuture<Void> get(String... pathArgs) {
      return db.withHandle(h -> FortuneDb.query(h.getConnection()))
          .thenCompose(
              rows -> render("fortunes.html", Map.of("fortunes", FortuneDb.withExtra(rows))));
    }
  }

  /** {@code /slow}: a handler that blocks its (virtual) thread for 100 ms. */
  public static final class SlowHandler extends RequestHandler {
    /** Sleeps, then answers. */
    @Blocking
    public void get() {
      Payloads.sleepSlow();
      setHeader("Content-Type", Payloads.TEXT_PLAIN);
      write(Payloads.SLOW);
    }
  }

  /** {@code /ws}: echoes every text message. */
  public static final class EchoHandler extends WebSocketHandler {
    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }
  }

  /** Serves on {@code PORT [LOOPS [STATIC_DIR]]}. */
  public static void main(String[] args) {
    LoadArgs a = LoadArgs.parse("SquallWebServer", args);
    FortuneDb.create();
    db =
        Database.open(DatabaseOptions.builder(FortuneDb.URL).poolSize(FortuneDb.POOL_SIZE).build());
    Application app =
        Application.builder()
            .settings(Settings.builder().templateLoader(Fortunes.squallLoader()).build())
            .route("/hello", HelloHandler::new)
            .route("/json", JsonHandler::new)
            .route("/static/(.*)", () -> new StaticFileHandler(a.staticDir()))
            .route("/fortunes", FortunesHandler::new)
            .route("/slow", SlowHandler::new)
            .route("/ws", EchoHandler::new)
            .build();
    app.serve(a.port(), a.loops(), HttpServerOptions.defaults());
    a.announce("squall-web");
  }
}
