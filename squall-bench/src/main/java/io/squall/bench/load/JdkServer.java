package io.squall.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The JDK's own {@code com.sun.net.httpserver} with a virtual thread per exchange: the baseline
 * that needs no dependency. It has one dispatcher thread whatever LOOPS says. It adds {@code Date}.
 */
public final class JdkServer {
  private JdkServer() {}

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Serves on {@code PORT [LOOPS]} (LOOPS is ignored). */
  public static void main(String[] args) throws IOException {
    LoadArgs a = LoadArgs.parse("JdkServer", args);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", a.port()), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hello", ex -> send(ex, Payloads.TEXT_PLAIN, Payloads.HELLO));
    server.createContext("/json", ex -> send(ex, Payloads.APPLICATION_JSON, Payloads.json()));
    server.start();
    a.announce("jdk-httpserver");
  }
}
