package io.squall.demos.longpoll;

import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A chat room over long polling (Tornado's chat demo). The page posts messages with {@code fetch()}
 * and keeps one {@code updates} request open; the server answers it when a message newer than the
 * client's cursor exists. A waiting request holds no thread: its handler returns a future that the
 * {@link MessageBuffer} completes when someone posts.
 *
 * <p>Routes, relative to where the application is mounted: {@code GET /} (the page), {@code POST
 * /a/message/new} (form {@code body}; answers the message as JSON, or redirects to {@code next})
 * and {@code POST /a/message/updates} (form {@code cursor}; answers {@code {"messages": [...]}}).
 * Both POSTs need the XSRF token.
 */
public final class LongPollDemo {
  /** The longest message body accepted, in characters. */
  public static final int MAX_BODY_LENGTH = 2000;

  private LongPollDemo() {}

  /** The chat page: the cached messages and the form. */
  public static final class MainHandler extends RequestHandler {
    private final MessageBuffer buffer;

    /** A page over {@code buffer}. */
    public MainHandler(MessageBuffer buffer) {
      this.buffer = buffer;
    }

    /** Renders the page. */
    public CompletableFuture<Void> get(String... pathArgs) {
      return render(
          "longpoll/index.html",
          Map.of("messages", buffer.messages(), "max_length", MAX_BODY_LENGTH));
    }
  }

  /** Posts a message to the room. */
  public static final class MessageNewHandler extends RequestHandler {
    private final MessageBuffer buffer;

    /** A handler that adds to {@code buffer}. */
    public MessageNewHandler(MessageBuffer buffer) {
      this.buffer = buffer;
    }

    /** Adds the message; answers it as JSON, or redirects to {@code next} (the no-script form). */
    public void post() {
      String body = getArgument("body");
      if (body.isBlank()) {
        throw new HttpError(400, "the message is empty");
      }
      if (body.length() > MAX_BODY_LENGTH) {
        throw new HttpError(400, "the message is longer than %d characters", MAX_BODY_LENGTH);
      }
      String id = UUID.randomUUID().toString();
      String html =
          renderString("longpoll/message.html", Map.of("message", new Message(id, body, null)));
      Message message = new Message(id, body, html);
      String next = getArgument("next", null);
      buffer.add(message);
      if (next != null) {
        redirect(localPath(next));
      } else {
        write(message);
      }
    }

    /** Only a path on this site: never send the browser elsewhere (an open redirect). */
    private static String localPath(String next) {
      if (!next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
        throw new HttpError(400, "next must be a path on this site");
      }
      return next;
    }
  }

  /** The long poll: answers once there is a message newer than the client's cursor. */
  public static final class MessageUpdatesHandler extends RequestHandler {
    private final MessageBuffer buffer;
    private CompletableFuture<List<Message>> waiting;

    /** A handler that waits on {@code buffer}. */
    public MessageUpdatesHandler(MessageBuffer buffer) {
      this.buffer = buffer;
    }

    /** Waits (without holding a thread) for messages after {@code cursor}, then writes them. */
    public CompletableFuture<Void> post(String... pathArgs) {
      String cursor = getArgument("cursor", null);
      if (cursor != null && cursor.isEmpty()) {
        cursor = null;
      }
      waiting = buffer.waitForMessagesSince(cursor, loop());
      if (isConnectionClosed()) {
        waiting.cancel(false);
      }
      return waiting.handle(
          (messages, e) -> {
            if (e != null) {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof CancellationException) {
                return null; // the client went away
              }
              throw new CompletionException(cause);
            }
            write(Map.of("messages", messages));
            return null;
          });
    }

    /** Stops waiting, so no waiter is left behind for a client that is gone. */
    @Override
    public void onConnectionClose() {
      if (waiting != null) {
        waiting.cancel(false);
      }
    }
  }

  /** The application over a fresh room; the hub mounts it at {@code /longpoll}. */
  public static Application app() {
    return app(new MessageBuffer());
  }

  /** The application over {@code buffer} (tests pass their own to watch its waiters). */
  public static Application app(MessageBuffer buffer) {
    Application app =
        Application.builder()
            .route("/", () -> new MainHandler(buffer))
            .route("/a/message/new", () -> new MessageNewHandler(buffer), "longpoll.new")
            .route(
                "/a/message/updates", () -> new MessageUpdatesHandler(buffer), "longpoll.updates")
            .settings(DemoLayout.settings().xsrfCookies(true).build())
            .build();
    // at shutdown, waiting polls get an empty answer rather than a closed connection
    app.onShutdown(
        () -> {
          buffer.releaseWaiters();
          return null;
        });
    return app;
  }

  /** Serves the demo alone at {@code /longpoll/}. */
  public static void main(String[] args) {
    int port = DemoArgs.port(args, 8888);
    Application.builder().mount("/longpoll", app()).build().listen(port);
    System.out.println("Serving http://localhost:" + port + "/longpoll/");
    IOLoop.current().start();
  }
}
