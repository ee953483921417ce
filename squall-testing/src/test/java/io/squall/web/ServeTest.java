package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Application.serve: several loops on threads of their own, reached by a plain HTTP client. */
class ServeTest {
  static final Set<String> threads = ConcurrentHashMap.newKeySet();

  /** Says which loop thread answered. */
  public static class Hello extends RequestHandler {
    public void get(String name) {
      threads.add(Thread.currentThread().getName());
      write("hello " + name + " from " + (loop().inLoopThread() ? "a loop" : "elsewhere"));
    }
  }

  @Test
  void servesFromTwoLoops() throws Exception {
    Application app = Application.builder().route("/hello/(\\w+)", Hello::new).build();
    HttpServer server = app.serve(0, 2, HttpServerOptions.defaults());
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      assertThat(server.loops()).hasSize(2);
      int port = server.port();
      assertThat(port).isPositive();
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HttpRequest req =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/n" + i))
                .timeout(Duration.ofSeconds(10))
                .build();
        all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<String> r = all.get(i).get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello n" + i + " from a loop");
      }
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(threads).allMatch(t -> t.startsWith("squall-tcp-"));
    } finally {
      server.close();
    }
    assertThat(server.loops()).isEmpty();
  }
}
