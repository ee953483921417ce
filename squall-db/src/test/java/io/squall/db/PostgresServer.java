package io.squall.db;

import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 cluster of a test's own: {@code initdb} in a temporary folder, served by {@code
 * pg_ctl} on a free loopback port, stopped and started again at will (to test what happens when the
 * database goes away), and deleted at {@link #close()}. Run as root, the server commands run as the
 * {@code postgres} user ({@code initdb} refuses root). Missing binaries skip the test outside CI
 * and fail it in CI ({@link ExternalTools}).
 */
public final class PostgresServer implements AutoCloseable {
  /** Where Debian's postgresql-15 package puts the server programs. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path base;
  private final Path data;
  private final int port;
  private boolean running;

  private PostgresServer(Path base, int port) {
    this.base = base;
    this.data = base.resolve("data");
    this.port = port;
  }

  /** Creates a cluster in a new temporary folder and starts it. */
  public static PostgresServer start() {
    ExternalTools.require(BIN.resolve("initdb").toString(), "postgresql-15");
    ExternalTools.require(BIN.resolve("pg_ctl").toString(), "postgresql-15");
    if (ROOT) {
      ExternalTools.require("runuser", "util-linux");
    }
    try {
      Path base = Files.createTempDirectory("squall-pg-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      if (ROOT) {
        UserPrincipal pg =
            base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(base, pg);
      }
      PostgresServer server = new PostgresServer(base, freePort());
      server.run(
          "initdb",
          "-D",
          server.data.toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "-E",
          "UTF8",
          "--locale=C",
          "--no-sync");
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The server's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The JDBC URL of database {@code name} as the superuser {@code postgres}. */
  public String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  /** Creates a new, empty database and returns its JDBC URL. */
  public String createDatabase() {
    String name = "test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return url(name);
  }

  /** Stops the server (fast shutdown: open connections are cut). */
  public synchronized void stop() {
    if (running) {
      run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
      running = false;
    }
  }

  /** Starts the server again after {@link #stop()}, on the same port with the same data. */
  public synchronized void restart() {
    if (!running) {
      startServer();
    }
  }

  private void startServer() {
    run(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        base.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -k "
            + base
            + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=200",
        "start");
    running = true;
  }

  private void run(String program, String... args) {
    List<String> cmd = new ArrayList<>();
    if (ROOT) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(BIN.resolve(program).toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("squall-pg-cmd-", ".log");
      try {
        Process p =
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .directory(base.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", cmd)
                  + " failed with status "
                  + p.exitValue()
                  + ":\n"
                  + Files.readString(out)
                  + serverLog());
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + program, e);
    }
  }

  private String serverLog() throws IOException {
    Path log = base.resolve("server.log");
    return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
  }

  /** Stops the server (immediately) and deletes its folder. */
  @Override
  public synchronized void close() {
    try {
      if (running) {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
        running = false;
      }
    } finally {
      try (Stream<Path> files = Files.walk(base)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: it is a temporary folder
      }
    }
  }
}
