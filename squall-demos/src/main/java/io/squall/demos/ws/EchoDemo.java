package io.squall.demos.ws;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.websocket.WebSocketHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The smallest WebSocket application: {@code /echo} sends every message back as it came, text as
 * text and binary as binary, and {@code /} is a page that opens the socket from the browser, sends
 * text or an {@code ArrayBuffer}, and shows what comes back.
 *
 * <p>Routes, relative to where the application is mounted (the hub mounts it at {@code /ws}):
 * {@code GET /} (the page) and {@code GET /echo} (the WebSocket; route name {@code ws.echo}).
 */
public final class EchoDemo {
  private EchoDemo() {}

  /** The WebSocket: answers each message with the same message. */
  public static final class EchoSocket extends WebSocketHandler {
    /** Sends the text back. */
    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }

    /** Sends the bytes back, as a binary message. */
    @Override
    public void onMessage(byte[] message) {
      writeMessage(message);
    }
  }

  /** The page that talks to the socket. */
  public static final class PageHandler extends RequestHandler {
    /** Renders the page. */
    public CompletableFuture<Void> get(String... pathArgs) {
      return render("ws/index.html");
    }
  }

  /** The application; the hub mounts it at {@code /ws}. */
  public static Application app() {
    return Application.builder()
        .route("/", PageHandler::new)
        .route("/echo", EchoSocket::new, "ws.echo")
        .settings(DemoLayout.settings().build())
        .build();
  }

  /** What {@link #main} serves: {@link #app()} mounted at {@code /ws}, as in the hub. */
  public static Application standalone() {
    return Application.builder().mount("/ws", app()).build();
  }

  /** Serves the demo alone at {@code /ws/}: {@code --port=N} (default 8888). */
  public static void main(String[] args) {
    HttpServer server = DemoArgs.listen(standalone(), args);
    System.out.println("Serving http://localhost:" + server.port() + "/ws/");
    IOLoop.current().start();
  }
}
