package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.ioloop.IOLoop;
import io.squall.testing.RawConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Application.serve: several loops on threads of their own, reached by a plain JDK client ({@link
 * HttpURLConnection}, several at once).
 */
class ServeTest {
  static final Set<String> threads = ConcurrentHashMap.newKeySet();

  /** Says which loop thread answered. */
  public static class Hello extends RequestHandler {
    public void get(String name) {
      threads.add(Thread.currentThread().getName());
      write("hello " + name + " from " + (loop().inLoopThread() ? "a loop" : "elsewhere"));
    }
  }

  record Answer(int status, String body) {}

  static Answer get(int port, String path) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
      c.setConnectTimeout(5000);
      c.setReadTimeout(10000);
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void servesFromTwoLoops() throws Exception {
    Application app = Application.builder().route("/hello/(\\w+)", Hello::new).build();
    HttpServer server = app.serve(0, 2, HttpServerOptions.defaults());
    try {
      assertThat(server.loops()).hasSize(2);
      int port = server.port();
      assertThat(port).isPositive();
      List<CompletableFuture<Answer>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String path = "/hello/n" + i;
        all.add(CompletableFuture.supplyAsync(() -> get(port, path)));
      }
      for (int i = 0; i < all.size(); i++) {
        Answer r = all.get(i).get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello n" + i + " from a loop");
      }
      assertThat(get(port, "/nope").status()).isEqualTo(404);
      assertThat(threads).allMatch(t -> t.startsWith("squall-tcp-"));
    } finally {
      server.close();
    }
    assertThat(server.loops()).isEmpty();
  }

  /** Answers with the name of the loop thread that handled the request. */
  public static class WhichLoop extends RequestHandler {
    public void get() {
      write(Thread.currentThread().getName());
    }
  }

  /**
   * Many keep-alive connections on two loops: every connection stays on one loop for all its
   * requests, both loops take connections, and a graceful shutdown closes them all and ends both
   * loops.
   */
  @Test
  void keepAliveConnectionsSpreadOverBothLoopsAndShutdownClosesThem() throws Exception {
    Application app = Application.builder().route("/which", WhichLoop::new).build();
    HttpServer server = app.serve(0, 2, HttpServerOptions.defaults());
    List<RawConnection> conns = new ArrayList<>();
    try {
      List<Set<String>> perConnection = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        conns.add(RawConnection.open("127.0.0.1", server.port()));
      }
      for (RawConnection c : conns) {
        Set<String> names = new HashSet<>();
        for (int r = 0; r < 5; r++) {
          c.send("GET /which HTTP/1.1\r\nHost: localhost\r\n\r\n");
          RawConnection.Response resp = c.readResponse();
          assertThat(resp.status()).isEqualTo(200);
          names.add(resp.text());
        }
        perConnection.add(names);
      }
      assertThat(perConnection)
          .as("each keep-alive connection is served by one loop for life")
          .allSatisfy(names -> assertThat(names).hasSize(1));
      Set<String> distinct = new HashSet<>();
      perConnection.forEach(distinct::addAll);
      assertThat(distinct).as("loop threads that served the 32 connections").hasSize(2);
      assertThat(distinct).allMatch(t -> t.startsWith("squall-tcp-"));

      server.shutdown(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
      for (RawConnection c : conns) {
        assertThat(c.isClosedByServer()).as("idle connection closed by the shutdown").isTrue();
      }
      assertThat(server.connectionCount()).isZero();
      List<IOLoop> loops = server.loops();
      server.close();
      assertThat(loops).hasSize(2).allSatisfy(l -> assertThat(l.isClosed()).isTrue());
    } finally {
      conns.forEach(RawConnection::close);
      server.close();
    }
  }
}
