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
import io.vertx.core.json.JsonObject;

/**
 * Vert.x 5 core: N instances of a verticle, each with its own HTTP server on the shared port, on N
 * event loops. The JSON body is a {@link JsonObject} encoded per request (Vert.x's own codec, on
 * Jackson's streaming parser). Sends {@code Date}, {@code Server}, {@code Content-Type} and {@code
 * Content-Length}.
 */
public final class VertxServer {
  private static final Buffer HELLO = Buffer.buffer(Payloads.HELLO);
  private static final CharSequence SERVER = HttpHeaders.createOptimized("Vert.x");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized(Payloads.TEXT_PLAIN);
  private static final CharSequence JSON = HttpHeaders.createOptimized(Payloads.APPLICATION_JSON);

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
          .requestHandler(HelloVerticle::handle)
          .listen();
    }

    private static void handle(HttpServerRequest req) {
      var res = req.response();
      MultiMap h = res.headers();
      switch (req.path()) {
        case "/hello" -> {
          h.add(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
              .add(HttpHeaders.SERVER, SERVER)
              .add(HttpHeaders.DATE, Payloads.date());
          res.end(HELLO);
        }
        case "/json" -> {
          h.add(HttpHeaders.CONTENT_TYPE, JSON)
              .add(HttpHeaders.SERVER, SERVER)
              .add(HttpHeaders.DATE, Payloads.date());
          res.end(new JsonObject().put("message", Payloads.MESSAGE).toBuffer());
        }
        default -> res.setStatusCode(404).end();
      }
    }
  }

  /** Serves on {@code PORT [LOOPS]}. */
  public static void main(String[] args) {
    LoadArgs a = LoadArgs.parse("VertxServer", args);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(a.loops()));
    vertx
        .deployVerticle(
            () -> new HelloVerticle(a.port()), new DeploymentOptions().setInstances(a.loops()))
        .await();
    a.announce("vertx");
  }
}
