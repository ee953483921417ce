package io.squall.bench;

import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import io.squall.websocket.WebSocketHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory held by idle WebSocket connections on the server: starts a Squall server with an echo
 * handler on one loop, has a second JVM open N WebSocket connections to it over plain sockets (so
 * the client's memory is not counted), and reports the server's heap and resident set size per
 * connection, each measured after a full GC with no connections and with N.
 *
 * <pre>
 * java -cp "squall-bench/target/classes:squall-bench/target/lib/*" \
 *     io.squall.bench.WebSocketIdleMemory [--connections N]   (default 10000)
 * </pre>
 *
 * Each side needs N file descriptors: raise {@code ulimit -n} above N first.
 */
public final class WebSocketIdleMemory {
  private static final AtomicInteger OPEN = new AtomicInteger();

  private WebSocketIdleMemory() {}

  /** The handler every connection gets: echoes, and counts open connections. */
  public static final class Echo extends WebSocketHandler {
    /** Made by the route. */
    public Echo() {}

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      OPEN.incrementAndGet();
      return null;
    }

    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    public void onClose() {
      OPEN.decrementAndGet();
    }
  }

  /**
   * Runs the measurement, or (with {@code --client host port}) the client side.
   *
   * @param args {@code --connections N}
   * @throws Exception if anything fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("--client")) {
      client(args[1], Integer.parseInt(args[2]));
      return;
    }
    int n = 10_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--connections") && i + 1 < args.length) {
        n = Integer.parseInt(args[++i]);
      }
    }
    server(n);
  }

  private static void server(int n) throws Exception {
    IOLoop loop = IOLoop.startOnNewThread("bench-loop");
    CompletableFuture<HttpServer> started = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            Application app = Application.builder().route("/ws", Echo::new).build();
            HttpServer s = app.listen(0);
            started.complete(s);
          } catch (Throwable e) {
            started.completeExceptionally(e);
          }
        });
    HttpServer server = started.get(10, TimeUnit.SECONDS);
    int port = server.port();

    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                WebSocketIdleMemory.class.getName(),
                "--client",
                "127.0.0.1",
                Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    BufferedReader fromChild =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));

    // Warm up: classes loaded, code compiled, buffers pooled; then back to zero connections.
    int warm = Math.min(500, n);
    command(toChild, fromChild, "open " + warm);
    awaitOpen(warm);
    command(toChild, fromChild, "close");
    awaitOpen(0);

    long heap0 = usedHeapAfterGc();
    long rss0 = rssBytes();
    long start = System.nanoTime();
    command(toChild, fromChild, "open " + n);
    awaitOpen(n);
    long openMillis = (System.nanoTime() - start) / 1_000_000;
    long heap1 = usedHeapAfterGc();
    long rss1 = rssBytes();

    System.out.printf("connections:          %,d (opened in %,d ms)%n", n, openMillis);
    System.out.printf(
        "heap used after GC:   %,d KiB -> %,d KiB: %,d bytes per connection%n",
        heap0 / 1024, heap1 / 1024, (heap1 - heap0) / n);
    if (rss0 > 0) {
      System.out.printf(
          "resident set (VmRSS): %,d KiB -> %,d KiB: %,d bytes per connection%n",
          rss0 / 1024, rss1 / 1024, (rss1 - rss0) / n);
    }
    System.out.printf(
        "JVM: %s, max heap %,d MiB%n", Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

    command(toChild, fromChild, "exit");
    child.waitFor(60, TimeUnit.SECONDS);
    loop.addCallback(server::stop);
    loop.shutdown();
  }

  private static void command(PrintStream to, BufferedReader from, String line) throws IOException {
    to.println(line);
    String answer = from.readLine();
    if (answer == null || !answer.startsWith("ok")) {
      throw new IOException("client failed on '" + line + "': " + answer);
    }
  }

  private static void awaitOpen(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (OPEN.get() != count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("server sees " + OPEN.get() + " connections, not " + count);
      }
      Thread.sleep(10); // polling a counter in a benchmark driver, not test synchronisation
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      memory.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** VmRSS from /proc/self/status, in bytes; 0 where there is no such file. */
  private static long rssBytes() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return 0;
  }

  // ------------------------------------------------------------------ client JVM

  /** Opens and closes connections as told on stdin ("open N", "close", "exit"). */
  private static void client(String host, int port) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    List<SocketChannel> open = new ArrayList<>();
    byte[] request =
        ("GET /ws HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    String line;
    while ((line = in.readLine()) != null) {
      try {
        if (line.startsWith("open ")) {
          int k = Integer.parseInt(line.substring(5).trim());
          for (int i = 0; i < k; i++) {
            open.add(handshake(host, port, request));
          }
          System.out.println("ok " + open.size());
        } else if (line.equals("close")) {
          for (SocketChannel c : open) {
            c.close();
          }
          open.clear();
          System.out.println("ok");
        } else if (line.equals("exit")) {
          System.out.println("ok");
          return;
        }
      } catch (IOException e) {
        System.out.println("failed " + e);
      }
      System.out.flush();
    }
  }

  private static SocketChannel handshake(String host, int port, byte[] request) throws IOException {
    SocketChannel c = SocketChannel.open(new InetSocketAddress(host, port));
    c.write(ByteBuffer.wrap(request));
    ByteBuffer buf = ByteBuffer.allocate(1024);
    while (true) {
      if (c.read(buf) < 0) {
        throw new IOException("server closed during the handshake");
      }
      String s = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
      if (s.contains("\r\n\r\n")) {
        if (!s.startsWith("HTTP/1.1 101")) {
          throw new IOException("handshake refused: " + s.lines().findFirst().orElse(""));
        }
        return c;
      }
    }
  }
}
