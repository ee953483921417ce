package io.squall.demos.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.escape.Json;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.websocket.CloseCode;
import io.squall.websocket.CompressionOptions;
import io.squall.websocket.WebSocketClosedException;
import io.squall.websocket.WebSocketHandler;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat room over WebSockets (Tornado's {@code demos/websocket} chat). The page shows the recent
 * messages and opens a WebSocket; what one client posts, every connected client receives.
 *
 * <p>Routes, relative to where the application is mounted (the hub mounts it at {@code /chat}):
 * {@code GET /} (the page) and {@code GET /socket} (the WebSocket; route name {@code chat.socket}).
 *
 * <p>The protocol on the socket: a client sends text messages {@code {"body": "..."}}; every
 * client, the sender included, receives {@code {"id": "...", "body": "...", "html": "..."}}, where
 * {@code html} is the message rendered through {@code chat/message.html} with the body escaped. On
 * open a client first receives the recent messages (up to {@link ChatRoom#DEFAULT_CACHE_SIZE}),
 * oldest first. A blank body is ignored. The server closes the connection of a client that breaks
 * the protocol, and only that one:
 *
 * <ul>
 *   <li>{@value CloseCode#INVALID_PAYLOAD} (invalid payload) for a text message that is not a JSON
 *       object with a string {@code body};
 *   <li>{@value CloseCode#MESSAGE_TOO_BIG} (message too big) for a body longer than {@value
 *       #MAX_BODY_LENGTH} characters, or a message over {@value #MAX_MESSAGE_SIZE} bytes;
 *   <li>{@value CloseCode#UNSUPPORTED_DATA} (unsupported data) for a binary message;
 *   <li>{@value CloseCode#POLICY_VIOLATION} (policy violation) for a client that stops reading: the
 *       server closes it once its queued output passes {@link
 *       io.squall.http.HttpServerOptions#maxWriteBufferSize()}, and it leaves the room.
 * </ul>
 *
 * <p>There is no XSRF token: a browser cannot send a cookie-authenticated WebSocket handshake from
 * another site's page past {@link WebSocketHandler#checkOrigin}, which accepts only this page's
 * origin. Messages are compressed (permessage-deflate) for clients that offer it, as in Tornado's
 * demo.
 */
public final class ChatDemo {
  private static final Logger log = LoggerFactory.getLogger(ChatDemo.class);

  /** The longest message body accepted, in characters. */
  public static final int MAX_BODY_LENGTH = 2000;

  /** The largest WebSocket message accepted, in bytes. */
  public static final int MAX_MESSAGE_SIZE = 64 * 1024;

  private ChatDemo() {}

  /** The chat page: the cached messages and the form. */
  public static final class MainHandler extends RequestHandler {
    private final ChatRoom room;

    /** A page over {@code room}. */
    public MainHandler(ChatRoom room) {
      this.room = room;
    }

    /** Renders the page. */
    public CompletableFuture<Void> get(String... pathArgs) {
      return render(
          "chat/index.html", Map.of("messages", room.messages(), "max_length", MAX_BODY_LENGTH));
    }
  }

  /** One client's connection: posts what it sends to the room, sends it what the room gets. */
  public static final class ChatSocket extends WebSocketHandler {
    private final ChatRoom room;
    private ChatRoom.Member member;

    /** A connection to {@code room}. */
    public ChatSocket(ChatRoom room) {
      this.room = room;
    }

    /** Compresses messages for clients that offer it, as Tornado's demo does. */
    @Override
    public CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }

    /** Joins the room, which sends the recent messages first. */
    @Override
    public CompletionStage<?> open(String... pathArgs) {
      member = room.join(loop(), this::send);
      return null;
    }

    /** Posts {@code {"body": "..."}} to the room; closes the connection for anything else. */
    @Override
    public void onMessage(String message) {
      if (isClosing()) {
        return; // what a client sends after we closed on it is not posted
      }
      String body = body(message);
      if (body == null) {
        close(CloseCode.INVALID_PAYLOAD, "expected a JSON object {\"body\": \"...\"}");
        return;
      }
      if (body.length() > MAX_BODY_LENGTH) {
        close(CloseCode.MESSAGE_TOO_BIG, "body longer than " + MAX_BODY_LENGTH + " characters");
        return;
      }
      if (body.isBlank()) {
        return;
      }
      String id = UUID.randomUUID().toString();
      String html =
          renderString("chat/message.html", Map.of("message", new ChatMessage(id, body, null)));
      room.post(new ChatMessage(id, body, html));
    }

    /** The string {@code body} of a JSON object, or null when the text is anything else. */
    private static String body(String text) {
      JsonNode node;
      try {
        node = Json.mapper().readTree(text);
      } catch (JacksonException e) {
        return null;
      }
      if (node == null || !node.isObject()) {
        return null;
      }
      JsonNode body = node.get("body");
      return body != null && body.isTextual() ? body.asText() : null;
    }

    /** Leaves the room. */
    @Override
    public void onClose() {
      if (member != null) {
        member.leave();
      }
    }

    /** Sends one message of the room; the room calls this on this connection's loop. */
    private void send(String json) {
      if (isClosing()) {
        return; // gone; onClose takes it out of the room
      }
      // No count of our own: the server's cap on queued output closes a client that stopped
      // reading (1008), and the failed write takes it out of the room at once.
      writeMessage(json)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  member.leave();
                  if (!(unwrap(e) instanceof WebSocketClosedException)) {
                    log.debug("could not send a chat message", e);
                  }
                }
              });
    }

    private static Throwable unwrap(Throwable e) {
      return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
  }

  /** The application over a fresh room; the hub mounts it at {@code /chat}. */
  public static Application app() {
    return app(new ChatRoom());
  }

  /** The application over {@code room} (tests pass their own to watch it). */
  public static Application app(ChatRoom room) {
    return Application.builder()
        .route("/", () -> new MainHandler(room))
        .route("/socket", () -> new ChatSocket(room), "chat.socket")
        .settings(DemoLayout.settings().websocketMaxMessageSize(MAX_MESSAGE_SIZE).build())
        .build();
  }

  /** What {@link #main} serves: {@link #app()} mounted at {@code /chat}, as in the hub. */
  public static Application standalone() {
    return Application.builder().mount("/chat", app()).build();
  }

  /** Serves the demo alone at {@code /chat/}: {@code --port=N} (default 8888). */
  public static void main(String[] args) {
    HttpServer server = DemoArgs.listen(standalone(), args);
    System.out.println("Serving http://localhost:" + server.port() + "/chat/");
    IOLoop.current().start();
  }
}
