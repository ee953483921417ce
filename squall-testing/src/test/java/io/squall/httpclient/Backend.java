package io.squall.httpclient;

import com.sun.net.httpserver.HttpExchange;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A server the client tests talk to, with the same routes on Squall's own server and on the JDK's
 * {@code com.sun.net.httpserver.HttpServer}:
 *
 * <ul>
 *   <li>{@code /hello}: "Hello"; {@code /status/N}: status N with body "nope"
 *   <li>{@code /echo}: "METHOD|body|Authorization|User-Agent|Content-Type|Transfer-Encoding"
 *   <li>{@code /redirect/N?to=URL}: status N with that Location; {@code /loop}: redirects to itself
 *   <li>{@code /chunked}: "chunk1-chunk2" sent in two flushed pieces (chunked)
 *   <li>{@code /gzip}: 5000 'x' gzip-compressed (Squall: when asked for)
 *   <li>{@code /big/N}: N bytes of a repeating pattern
 *   <li>{@code /stall}: Content-Length 100, 10 bytes, then nothing until closed
 *   <li>{@code /gate}: waits until {@link #openGate()}; {@link #arrived} counts arrivals
 *   <li>{@code /port}: the client's source port (same port: same connection)
 *   <li>{@code /bighead}: a 10 KiB header
 * </ul>
 */
abstract class Backend implements AutoCloseable {
  final Semaphore arrived = new Semaphore(0);

  abstract String name();

  abstract int port();

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Lets every request waiting at /gate (now or later) go on. */
  abstract void openGate();

  @Override
  public abstract void close();

  @Override
  public String toString() {
    return name();
  }

  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + (i % 26));
    }
    return b;
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ Squall

  static Backend squall() {
    return new SquallBackend();
  }

  static final class SquallBackend extends Backend {
    final IOLoop loop = IOLoop.startOnNewThread("backend-squall");
    final HttpServer server;
    final List<CompletableFuture<Void>> gated = new ArrayList<>();
    boolean gateOpen;

    SquallBackend() {
      Application app =
          Application.builder()
              .settings(Settings.builder().compressResponse(true).build())
              .route("/hello", Hello::new)
              .route("/status/(\\d+)", Status::new)
              .route("/echo", Echo::new)
              .route("/redirect/(\\d+)", Redirect::new)
              .route("/loop", Loop::new)
              .route("/chunked", Chunked::new)
              .route("/gzip", Gzip::new)
              .route("/big/(\\d+)", Big::new)
              .route("/stall", Stall::new)
              .route("/gate", () -> new Gate(this))
              .route("/port", Port::new)
              .route("/bighead", BigHead::new)
              .build();
      CompletableFuture<HttpServer> started = new CompletableFuture<>();
      loop.addCallback(
          () -> {
            try {
              HttpServer s = new HttpServer(app);
              s.listen(0, "127.0.0.1");
              started.complete(s);
            } catch (Throwable e) {
              started.completeExceptionally(e);
            }
          });
      try {
        server = started.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        loop.shutdown();
        throw new AssertionError(e);
      }
    }

    @Override
    String name() {
      return "squall";
    }

    @Override
    int port() {
      return server.port();
    }

    @Override
    void openGate() {
      loop.addCallback(
          () -> {
            gateOpen = true;
            gated.forEach(f -> f.complete(null));
            gated.clear();
          });
    }

    @Override
    public void close() {
      CountDownLatch done = new CountDownLatch(1);
      loop.addCallback(
          () -> {
            server.stop();
            server.closeAllConnections();
            done.countDown();
          });
      try {
        done.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      loop.shutdown();
    }
  }

  public static class Hello extends RequestHandler {
    public void get() {
      write("Hello");
    }
  }

  public static class Status extends RequestHandler {
    public void get(String code) {
      setStatus(Integer.parseInt(code));
      write("nope");
    }
  }

  public static class Echo extends RequestHandler {
    private void echo() {
      var h = request().headers();
      write(
          request().method()
              + "|"
              + new String(request().body(), StandardCharsets.UTF_8)
              + "|"
              + h.get("Authorization", "")
              + "|"
              + h.get("User-Agent", "")
              + "|"
              + h.get("Content-Type", "")
              + "|"
              + h.get("Transfer-Encoding", ""));
    }

    public void get() {
      echo();
    }

    public void post() {
      echo();
    }

    public void put() {
      echo();
    }

    public void delete() {
      echo();
    }
  }

  public static class Redirect extends RequestHandler {
    public void get(String code) {
      setStatus(Integer.parseInt(code));
      setHeader("Location", getArgument("to"));
    }

    public void post(String code) {
      get(code);
    }

    public void head(String code) {
      get(code);
    }
  }

  public static class Loop extends RequestHandler {
    public void get() {
      setStatus(302);
      setHeader("Location", "/loop");
    }
  }

  public static class Chunked extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      write("chunk1-");
      return flush()
          .thenCompose(
              v -> {
                write("chunk2");
                return flush();
              });
    }
  }

  public static class Gzip extends RequestHandler {
    public void get() {
      setHeader("Content-Type", "text/plain");
      write("x".repeat(5000));
    }
  }

  public static class Big extends RequestHandler {
    public void get(String n) {
      write(pattern(Integer.parseInt(n)));
    }
  }

  public static class Stall extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      setHeader("Content-Length", "100");
      write("0123456789");
      flush();
      return new CompletableFuture<>(); // never: the server's shutdown closes the connection
    }
  }

  public static class Gate extends RequestHandler {
    private final SquallBackend backend;

    Gate(SquallBackend backend) {
      this.backend = backend;
    }

    public CompletableFuture<Void> get(String... pathArgs) {
      backend.arrived.release();
      CompletableFuture<Void> f = new CompletableFuture<>();
      if (backend.gateOpen) {
        f.complete(null);
      } else {
        backend.gated.add(f);
      }
      return f.thenRun(() -> write("through"));
    }
  }

  public static class Port extends RequestHandler {
    public void get() {
      write(Integer.toString(request().remoteAddress().getPort()));
    }
  }

  public static class BigHead extends RequestHandler {
    public void get() {
      setHeader("X-Big", "b".repeat(10 * 1024));
      write("ok");
    }
  }

  // ------------------------------------------------------------------ JDK

  static Backend jdk() {
    return new JdkBackend();
  }

  static final class JdkBackend extends Backend {
    final com.sun.net.httpserver.HttpServer server;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch closing = new CountDownLatch(1);

    JdkBackend() {
      try {
        server =
            com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      server.setExecutor(pool);
      server.createContext("/", this::handle);
      server.start();
    }

    @Override
    String name() {
      return "jdk";
    }

    @Override
    int port() {
      return server.getAddress().getPort();
    }

    @Override
    void openGate() {
      gate.countDown();
    }

    @Override
    public void close() {
      closing.countDown();
      gate.countDown();
      server.stop(0);
      pool.shutdownNow();
    }

    private static Map<String, String> query(HttpExchange ex) {
      Map<String, String> q = new HashMap<>();
      String raw = ex.getRequestURI().getRawQuery();
      if (raw != null) {
        for (String p : raw.split("&")) {
          int eq = p.indexOf('=');
          if (eq > 0) {
            q.put(
                p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
      }
      return q;
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        byte[] requestBody;
        try (InputStream in = ex.getRequestBody()) {
          requestBody = in.readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        var rh = ex.getRequestHeaders();
        var out = ex.getResponseHeaders();
        if (path.equals("/hello")) {
          send(ex, 200, "Hello".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/status/")) {
          send(ex, Integer.parseInt(path.substring(8)), "nope".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/echo")) {
          String te = rh.getFirst("Transfer-Encoding");
          String s =
              ex.getRequestMethod()
                  + "|"
                  + new String(requestBody, StandardCharsets.UTF_8)
                  + "|"
                  + orEmpty(rh.getFirst("Authorization"))
                  + "|"
                  + orEmpty(rh.getFirst("User-Agent"))
                  + "|"
                  + orEmpty(rh.getFirst("Content-Type"))
                  + "|"
                  + orEmpty(te);
          send(ex, 200, s.getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/redirect/")) {
          out.set("Location", query(ex).get("to"));
          ex.sendResponseHeaders(Integer.parseInt(path.substring(10)), -1);
        } else if (path.equals("/loop")) {
          out.set("Location", "/loop");
          ex.sendResponseHeaders(302, -1);
        } else if (path.equals("/chunked")) {
          ex.sendResponseHeaders(200, 0);
          OutputStream o = ex.getResponseBody();
          o.write("chunk1-".getBytes(StandardCharsets.UTF_8));
          o.flush();
          o.write("chunk2".getBytes(StandardCharsets.UTF_8));
          o.close();
        } else if (path.equals("/gzip")) {
          out.set("Content-Encoding", "gzip");
          out.set("Content-Type", "text/plain");
          send(ex, 200, gzip("x".repeat(5000).getBytes(StandardCharsets.UTF_8)));
        } else if (path.startsWith("/big/")) {
          int n = Integer.parseInt(path.substring(5));
          ex.sendResponseHeaders(200, 0); // chunked, unlike Squall's Content-Length
          OutputStream o = ex.getResponseBody();
          byte[] all = pattern(n);
          for (int off = 0; off < n; off += 50_000) {
            o.write(all, off, Math.min(50_000, n - off));
          }
          o.close();
        } else if (path.equals("/stall")) {
          ex.sendResponseHeaders(200, 100);
          OutputStream o = ex.getResponseBody();
          o.write("0123456789".getBytes(StandardCharsets.UTF_8));
          o.flush();
          closing.await(30, TimeUnit.SECONDS);
        } else if (path.equals("/gate")) {
          arrived.release();
          gate.await(30, TimeUnit.SECONDS);
          send(ex, 200, "through".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/port")) {
          send(
              ex,
              200,
              Integer.toString(ex.getRemoteAddress().getPort()).getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/bighead")) {
          out.set("X-Big", "b".repeat(10 * 1024));
          send(ex, 200, "ok".getBytes(StandardCharsets.UTF_8));
        } else {
          send(ex, 404, "no such route".getBytes(StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String orEmpty(String s) {
      return s == null ? "" : s;
    }

    private static void send(HttpExchange ex, int code, byte[] body) throws IOException {
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
      if (!head) {
        ex.getResponseBody().write(body);
      }
    }
  }
}
