package io.squall.http;

import io.squall.ioloop.IOLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An HTTP server on its own loop thread on an unused port of 127.0.0.1, for tests. */
final class TestHttpServer implements AutoCloseable {
  final IOLoop loop;
  final HttpServer server;
  final int port;

  private TestHttpServer(IOLoop loop, HttpServer server) {
    this.loop = loop;
    this.server = server;
    this.port = server.port();
  }

  static TestHttpServer start(HttpServerConnectionDelegate delegate, HttpServerOptions options)
      throws Exception {
    IOLoop loop = IOLoop.startOnNewThread("http-test-loop");
    CompletableFuture<HttpServer> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            HttpServer s = new HttpServer(delegate, options);
            s.listen(0, "127.0.0.1");
            f.complete(s);
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    return new TestHttpServer(loop, f.get(10, TimeUnit.SECONDS));
  }

  static TestHttpServer start(HttpRequestCallback callback, HttpServerOptions options)
      throws Exception {
    HttpServerConnectionDelegate d = c -> new io.squall.http.internal.BufferingDelegate(callback);
    return start(d, options);
  }

  static TestHttpServer start(HttpRequestCallback callback) throws Exception {
    return start(callback, HttpServerOptions.defaults());
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends raw bytes on a new connection and reads until the server closes it. */
  String exchange(String raw) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readToClose(s.getInputStream());
    }
  }

  static String readToClose(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    try {
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset after the response: what came is what we check
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Responds with {@code body} as text/plain and a Content-Length. */
  static void respond(HttpServerRequest request, int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    HttpHeaders h = new HttpHeaders();
    h.set("Content-Type", "text/plain; charset=utf-8");
    h.set("Content-Length", Integer.toString(b.length));
    request
        .connection()
        .writeHeaders(new ResponseStartLine("HTTP/1.1", status, HttpStatus.reason(status)), h, b);
    request.connection().finish();
  }

  @Override
  public void close() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          server.stop();
          server.closeAllConnections();
          f.complete(null);
        });
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shut the loop down anyway
    }
    loop.shutdown();
  }
}
