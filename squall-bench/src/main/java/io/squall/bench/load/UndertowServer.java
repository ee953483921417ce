package io.squall.bench.load;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;

/**
 * Undertow 2.3 core (no servlet layer) on N XNIO I/O threads: a {@code PathHandler} with one
 * handler per scenario. Undertow adds {@code Date}; the handlers set {@code Server} and {@code
 * Content-Type}, and {@code Content-Length} follows from the sender. The static file is served by
 * {@link ResourceHandler}; {@code /fortunes} (JDBC) and {@code /slow} are dispatched to Undertow's
 * worker pool; {@code /ws} echoes text messages.
 */
public final class UndertowServer {
  private static final ByteBuffer HELLO =
      ByteBuffer.allocateDirect(Payloads.HELLO.length).put(Payloads.HELLO).flip();
  private static final ByteBuffer SLOW = ByteBuffer.wrap(Payloads.SLOW);

  private static DataSource pool;

  private UndertowServer() {}

  private static void headers(HttpServerExchange ex, String type) {
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type).put(Headers.SERVER, "Undertow");
  }

  private static final HttpHandler HELLO_HANDLER =
      ex -> {
        headers(ex, Payloads.TEXT_PLAIN);
        ex.getResponseSender().send(HELLO.duplicate());
      };

  private static final HttpHandler JSON_HANDLER =
      ex -> {
        headers(ex, Payloads.APPLICATION_JSON);
        ex.getResponseSender().send(ByteBuffer.wrap(Payloads.json()));
      };

  private static final HttpHandler FORTUNES_HANDLER =
      ex ->
          ex.dispatch(
              (HttpHandler)
                  e -> {
                    String page = FortuneDb.html(FortuneDb.withExtra(FortuneDb.query(pool)));
                    headers(e, Payloads.TEXT_HTML);
                    e.getResponseSender().send(page, StandardCharsets.UTF_8);
                  });

  private static final HttpHandler SLOW_HANDLER =
      ex ->
          ex.dispatch(
              (HttpHandler)
                  e -> {
                    Payloads.sleepSlow();
                    headers(e, Payloads.TEXT_PLAIN);
                    e.getResponseSender().send(SLOW.duplicate());
                  });

  private static final class Echo extends AbstractReceiveListener {
    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
      WebSockets.sendText(message.getData(), channel, null);
    }
  }

  /** Serves on {@code PORT [LOOPS [STATIC_DIR]]}. */
  public static void main(String[] args) {
    LoadArgs a = LoadArgs.parse("UndertowServer", args);
    pool = FortuneDb.pool();
    HttpHandler files =
        new ResourceHandler(new PathResourceManager(a.staticDir(), 1024))
            .setDirectoryListingEnabled(false);
    HttpHandler routes =
        Handlers.path()
            .addExactPath("/hello", HELLO_HANDLER)
            .addExactPath("/json", JSON_HANDLER)
            .addExactPath("/fortunes", FORTUNES_HANDLER)
            .addExactPath("/slow", SLOW_HANDLER)
            .addPrefixPath(
                "/static",
                ex -> {
                  ex.getResponseHeaders().put(Headers.SERVER, "Undertow");
                  files.handleRequest(ex);
                })
            .addExactPath(
                "/ws",
                Handlers.websocket(
                    (exchange, channel) -> {
                      channel.getReceiveSetter().set(new Echo());
                      channel.resumeReceives();
                    }));
    Undertow.builder()
        .addHttpListener(a.port(), "127.0.0.1")
        .setIoThreads(a.loops())
        .setHandler(routes)
        .build()
        .start();
    a.announce("undertow");
  }
}
