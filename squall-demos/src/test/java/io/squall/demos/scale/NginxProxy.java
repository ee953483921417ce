package io.squall.demos.scale;

import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx on a free loopback port, balancing round robin over upstream ports and passing
 * WebSocket upgrades through, with its configuration, logs and temporary files in a directory of
 * its own. Its access log names the upstream that served each request ({@link #accessLog()}).
 */
final class NginxProxy implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;

  private NginxProxy(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx in front of {@code upstreamPorts} and returns once it accepts connections. */
  static NginxProxy start(List<Integer> upstreamPorts) throws IOException, InterruptedException {
    Path binary = ExternalTools.require("nginx", "nginx");
    Path dir = Files.createTempDirectory("squall-nginx-test");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String upstreams =
        upstreamPorts.stream()
            .map(p -> "    server 127.0.0.1:" + p + ";")
            .collect(Collectors.joining("\n"));
    // As root the workers would run as "nobody", who cannot write this directory.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    String conf =
        user
            + "daemon off;\nmaster_process on;\nworker_processes 1;\n"
            + "pid DIR/nginx.pid;\nerror_log DIR/error.log info;\n"
            + "events { worker_connections 512; }\n"
            + "http {\n"
            + "  log_format upstream '$request_uri $status $upstream_addr';\n"
            + "  access_log DIR/access.log upstream;\n"
            + "  client_body_temp_path DIR/client_body;\n  proxy_temp_path DIR/proxy;\n"
            + "  fastcgi_temp_path DIR/fastcgi;\n  uwsgi_temp_path DIR/uwsgi;\n"
            + "  scgi_temp_path DIR/scgi;\n"
            + "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
            + "  upstream hubs {\n"
            + upstreams
            + "\n  }\n"
            + "  server {\n"
            + "    listen 127.0.0.1:"
            + port
            + ";\n"
            + "    location / {\n"
            + "      proxy_pass http://hubs;\n"
            + "      proxy_http_version 1.1;\n"
            + "      proxy_set_header Upgrade $http_upgrade;\n"
            + "      proxy_set_header Connection $connection_upgrade;\n"
            + "      proxy_set_header Host $http_host;\n"
            + "      proxy_read_timeout 300s;\n"
            + "    }\n"
            + "  }\n"
            + "}\n";
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf.replace("DIR", dir.toString()));
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "-p",
                dir + "/",
                "-c",
                confFile.toString(),
                "-e",
                dir.resolve("error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    NginxProxy proxy = new NginxProxy(dir, port, process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return proxy;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String why = proxy.log("nginx.out") + proxy.log("error.log");
          proxy.close();
          throw new IOException("nginx did not start: " + why);
        }
        Thread.sleep(20); // polling for a child process to listen: there is nothing to wait on
      }
    }
  }

  /** The port nginx listens on. */
  int port() {
    return port;
  }

  /**
   * The access log so far, one line per finished request: {@code URI STATUS UPSTREAM_ADDRESS}. A
   * WebSocket's line is written when it closes.
   */
  List<String> accessLog() throws IOException {
    Path log = dir.resolve("access.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** nginx's error log, for failure messages. */
  String errorLog() {
    return log("error.log");
  }

  private String log(String name) {
    try {
      Path p = dir.resolve(name);
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  /** Stops nginx (SIGTERM: fast shutdown) and deletes its directory. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
