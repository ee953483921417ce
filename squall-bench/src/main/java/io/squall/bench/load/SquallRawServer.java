package io.squall.bench.load;

import io.squall.http.HttpConnection;
import io.squall.http.HttpHeaders;
import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.http.HttpServerRequest;
import io.squall.http.ResponseStartLine;
import java.io.IOException;

/**
 * Squall's HTTP layer alone: {@link HttpServer#ofCallback} with no web layer (no routing, handler
 * object, ETag or access log). The connection adds {@code Date}.
 */
public final class SquallRawServer {
  private static final ResponseStartLine OK = new ResponseStartLine("HTTP/1.1", 200, "OK");
  private static final ResponseStartLine NOT_FOUND =
      new ResponseStartLine("HTTP/1.1", 404, "Not Found");
  private static final String HELLO_LENGTH = Integer.toString(Payloads.HELLO.length);

  private SquallRawServer() {}

  /** Answers {@code /hello}, {@code /json} and 404 (also used by {@code WebLayerBenchmark}). */
  public static void handle(HttpServerRequest request) {
    HttpConnection conn = request.connection();
    HttpHeaders h = new HttpHeaders();
    switch (request.path()) {
      case "/hello" -> {
        h.set("Content-Type", Payloads.TEXT_PLAIN);
        h.set("Content-Length", HELLO_LENGTH);
        conn.writeHeaders(OK, h, Payloads.HELLO);
      }
      case "/json" -> {
        byte[] body = Payloads.json();
        h.set("Content-Type", Payloads.APPLICATION_JSON);
        h.set("Content-Length", Integer.toString(body.length));
        conn.writeHeaders(OK, h, body);
      }
      default -> {
        h.set("Content-Length", "0");
        conn.writeHeaders(NOT_FOUND, h, null);
      }
    }
    conn.finish();
  }

  /** Serves on {@code PORT [LOOPS]}. */
  public static void main(String[] args) throws IOException {
    LoadArgs a = LoadArgs.parse("SquallRawServer", args);
    HttpServer server =
        HttpServer.ofCallback(SquallRawServer::handle, HttpServerOptions.defaults());
    server.bind(a.port(), "127.0.0.1", HttpServer.DEFAULT_BACKLOG, true);
    server.start(a.loops());
    a.announce("squall-raw");
  }
}
