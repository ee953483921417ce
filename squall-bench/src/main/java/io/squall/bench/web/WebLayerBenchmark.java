package io.squall.bench.web;

import io.squall.bench.load.SquallRawServer;
import io.squall.bench.load.SquallWebServer;
import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.tcp.TcpServer;
import io.squall.web.Application;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole request per operation, in process: a real server on one event loop (its own thread)
 * listening on 127.0.0.1, and a keep-alive client on the benchmark thread that writes one {@code
 * GET} and reads the whole response before the next (no pipelining), over a blocking {@link
 * SocketChannel} with direct buffers, so the client itself allocates nothing per request.
 *
 * <p>{@code server=web} is an {@link Application} with the load harness's handlers ({@link
 * SquallWebServer.HelloHandler} writing "Hello, world", {@link SquallWebServer.JsonHandler} writing
 * a map as JSON), default settings (ETag, {@code Server} header). {@code server=raw} is {@link
 * HttpServer#ofCallback} with {@link SquallRawServer#handle}: the same bodies from the HTTP layer
 * alone. {@code -prof gc}'s {@code gc.alloc.rate.norm} counts the allocation of every thread, so
 * the server loop's bytes per request are in it; web minus raw is what the web layer allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebLayerBenchmark {
  @Param({"web", "raw"})
  public String server;

  @Param({"/hello", "/json"})
  public String path;

  private HttpServer http;
  private SocketChannel client;
  private ByteBuffer request;
  private ByteBuffer response;
  private int responseLength;

  @Setup
  public void setup() throws IOException {
    if (server.equals("web")) {
      Application app =
          Application.builder()
              .route("/hello", SquallWebServer.HelloHandler::new)
              .route("/json", SquallWebServer.JsonHandler::new)
              .build();
      http = new HttpServer(app, HttpServerOptions.defaults());
    } else {
      http = HttpServer.ofCallback(SquallRawServer::handle, HttpServerOptions.defaults());
    }
    http.bind(0, "127.0.0.1", TcpServer.DEFAULT_BACKLOG, false);
    http.start(1);
    client = SocketChannel.open(new InetSocketAddress("127.0.0.1", http.port()));
    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
    byte[] req =
        ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: jmh\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    request = ByteBuffer.allocateDirect(req.length).put(req).flip();
    response = ByteBuffer.allocateDirect(64 * 1024);
    responseLength = firstResponse();
    for (int i = 0; i < 100; i++) {
      request();
    }
  }

  /** Sends one request and reads its response by its head; returns the response's length. */
  private int firstResponse() throws IOException {
    request.rewind();
    while (request.hasRemaining()) {
      client.write(request);
    }
    response.clear();
    while (true) {
      if (client.read(response) < 0) {
        throw new IOException("server closed the connection");
      }
      String text = ascii(response, response.position());
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        continue;
      }
      if (!text.startsWith("HTTP/1.1 200 ")) {
        throw new IOException("unexpected response: " + text);
      }
      int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length: ");
      if (at < 0 || at > end) {
        throw new IOException("no Content-Length: " + text);
      }
      int lineEnd = text.indexOf("\r\n", at + 2);
      int length = Integer.parseInt(text.substring(at + 18, lineEnd).trim());
      int total = end + 4 + length;
      while (response.position() < total) {
        if (client.read(response) < 0) {
          throw new IOException("server closed the connection");
        }
      }
      if (response.position() != total) {
        throw new IOException("more than one response came back");
      }
      System.err.println(
          "# "
              + server
              + " "
              + path
              + " response, "
              + total
              + " bytes:\n"
              + ascii(response, total));
      return total;
    }
  }

  private static String ascii(ByteBuffer b, int n) {
    byte[] a = new byte[n];
    b.duplicate().flip().get(a);
    return new String(a, StandardCharsets.ISO_8859_1);
  }

  @TearDown
  public void tearDown() throws IOException {
    client.close();
    http.close();
  }

  /** One request, one whole response (its length is the same every time). */
  @Benchmark
  public int request() throws IOException {
    request.rewind();
    while (request.hasRemaining()) {
      client.write(request);
    }
    response.clear();
    while (response.position() < responseLength) {
      if (client.read(response) < 0) {
        throw new IOException("server closed the connection");
      }
    }
    if (response.position() != responseLength) {
      throw new IOException("response of " + response.position() + " bytes, not " + responseLength);
    }
    return response.get(9); // the status code's first digit
  }
}
