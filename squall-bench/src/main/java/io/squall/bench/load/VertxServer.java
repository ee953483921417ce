package io.squall.bench.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import javax.sql.DataSource;

/**
 * Vert.x 5 core: N instances of a verticle, each with its own HTTP server on the shared port, on N
 * event loops. The JSON body is a {@link JsonObject} encoded per request (Vert.x's own codec, on
 * Jackson's streaming parser). Sends {@code Date}, {@code Server}, {@code Content-Type} and {@code
 * Content-Length}. The static file goes out by {@code sendFile}; {@code /fortunes} (JDBC) and
 * {@code /slow} run in {@code executeBlocking} on Vert.x's worker pool; {@code /ws} echoes text
 * messages.
 */
public final class VertxServer {
  private static final Buffer HELLO = Buffer.buffer(Payloads.HELLO);
  private static final Buffer SLOW = Buffer.buffer(Payloads.SLOW);
  private static final CharSequence SERVER = HttpHeaders.createOptimized("Vert.x");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized(Payloads.TEXT_PLAIN);
  private static final CharSequence JSON = HttpHeaders.createOptimized(Payloads.APPLICATION_JSON);
  private static final CharSequence HTML = HttpHeaders.createOptimized(Payloads.TEXT_HTML);

  private static DataSource pool;
  private static String staticFile;

  private VertxServer() {}

  private static final class HelloVerticle extends VerticleBase {
    private final int port;

    HelloVerticle(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
          .webSocketHandler(
              ws -> {
                if (!ws.path().equals("/ws")) {
                  ws.close((short) 1008);
                  return;
                }
                ws.textMessageHandler(ws::writeTextMessage);
              })
          .requestHandler(this::handle)
          .listen();
    }

    private static MultiMap headers(HttpServerResponse res, CharSequence type) {
      return res.headers()
          .add(HttpHeaders.CONTENT_TYPE, type)
          .add(HttpHeaders.SERVER, SERVER)
          .add(HttpHeaders.DATE, Payloads.date());
    }

    private void handle(HttpServerRequest req) {
      var res = req.response();
      switch (req.path()) {
        case "/hello" -> {
          headers(res, TEXT_PLAIN);
          res.end(HELLO);
        }
        case "/json" -> {
          headers(res, JSON);
          res.end(new JsonObject().put("message", Payloads.MESSAGE).toBuffer());
        }
        case "/static/" + Payloads.STATIC_NAME -> {
          res.headers().add(HttpHeaders.SERVER, SERVER).add(HttpHeaders.DATE, Payloads.date());
          res.sendFile(staticFile);
        }
        case "/fortunes" ->
            vertx
                .executeBlocking(
                    () -> FortuneDb.html(FortuneDb.withExtra(FortuneDb.query(pool))), false)
                .onSuccess(
                    page -> {
                      headers(res, HTML);
                      res.end(page);
                    })
                .onFailure(e -> res.setStatusCode(500).end());
        case "/slow" ->
            vertx
                .executeBlocking(
                    () -> {
                      Payloads.sleepSlow();
                      return SLOW;
                    },
                    false)
                .onSuccess(
                    body -> {
                      headers(res, TEXT_PLAIN);
                      res.end(body);
                    });
        default -> res.setStatusCode(404).end();
      }
    }
  }

  /** Serves on {@code PORT [LOOPS [STATIC_DIR]]}. */
  public static void main(String[] args) {
    LoadArgs a = LoadArgs.parse("VertxServer", args);
    pool = FortuneDb.pool();
    staticFile = a.staticFile().toString();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(a.loops()));
    vertx
        .deployVerticle(
            () -> new HelloVerticle(a.port()), new DeploymentOptions().setInstances(a.loops()))
        .await();
    a.announce("vertx");
  }
}
