package io.squall.bench.load;

import io.squall.http.HttpServerOptions;
import io.squall.web.Application;
import io.squall.web.RequestHandler;

/**
 * Squall's web layer: an {@link Application} with two {@link RequestHandler} routes, served by
 * {@link Application#serve} on N loops with the default options (ETag, {@code Server} header and
 * access logging included; run.sh sets the access log to WARN).
 */
public final class SquallWebServer {
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
      write(java.util.Map.of("message", Payloads.MESSAGE));
    }
  }

  /** Serves on {@code PORT [LOOPS]}. */
  public static void main(String[] args) {
    LoadArgs a = LoadArgs.parse("SquallWebServer", args);
    Application app =
        Application.builder()
            .route("/hello", HelloHandler::new)
            .route("/json", JsonHandler::new)
            .build();
    app.serve(a.port(), a.loops(), HttpServerOptions.defaults());
    a.announce("squall-web");
  }
}
