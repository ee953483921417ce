package io.squall.db;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for tests, of either kind the project supports: {@code "h2"} (a file
 * database in the test's folder) and {@code "postgresql"} (a new database on one PostgreSQL cluster
 * shared by the test JVM, started on first use and stopped when the JVM exits). Parameterise tests
 * over {@link #KINDS}.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** The kinds of database every database test runs against. */
  public static final List<String> KINDS = List.of("h2", "postgresql");

  private static final AtomicInteger H2_FILES = new AtomicInteger();
  private static PostgresServer shared;

  /**
   * The JDBC URL of a new, empty database.
   *
   * @param kind {@code "h2"} or {@code "postgresql"}
   * @param dir a folder of the test's (for H2's files)
   */
  public static String freshUrl(String kind, Path dir) {
    return switch (kind) {
      case "h2" ->
          "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db" + H2_FILES.incrementAndGet());
      case "postgresql" -> sharedPostgres().createDatabase();
      default -> throw new IllegalArgumentException("unknown database kind " + kind);
    };
  }

  /** The PostgreSQL cluster shared by this JVM's tests. */
  public static synchronized PostgresServer sharedPostgres() {
    if (shared == null) {
      PostgresServer server = PostgresServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
      shared = server;
    }
    return shared;
  }
}
