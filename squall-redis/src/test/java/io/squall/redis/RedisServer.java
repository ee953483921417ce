package io.squall.redis;

import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on a free loopback port, for tests (here and in squall-demos, through this
 * module's test-jar); can be stopped and started again.
 */
public final class RedisServer implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;

  /** Picks a free port and a temporary directory; skips or fails without redis-server. */
  public RedisServer() throws IOException {
    binary = ExternalTools.require("redis-server", "redis-server");
    dir = Files.createTempDirectory("squall-redis-test");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** Starts the server and returns once it accepts connections. */
  public RedisServer start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return this;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException(
              "redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
        Thread.sleep(20); // polling for a child process to listen: there is nothing to wait on
      }
    }
  }

  /** Kills the server (as a crash would) and waits for it to be gone. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
