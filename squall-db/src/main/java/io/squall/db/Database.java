package io.squall.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.squall.ioloop.IOLoop;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled database whose calls never block the loop (the Java form of tornado-sqlalchemy's {@code
 * as_future}). Each call runs on a virtual thread with a connection from a HikariCP pool, and its
 * future completes on the {@link IOLoop} that made the call, so a handler's continuations run on
 * its own loop without locks:
 *
 * <pre>{@code
 * Database db = Database.open(DatabaseOptions.builder("jdbc:h2:file:./data/app")
 *     .migrations("classpath:db/app").build());
 *
 * public CompletableFuture<Void> get(String id) {
 *   return db.withHandle(h -> h.createQuery("SELECT name FROM tasks WHERE id = :id")
 *           .bind("id", Long.parseLong(id)).mapTo(String.class).findOne())
 *       .thenAccept(name -> write(Map.of("name", name.orElseThrow(() -> new HttpError(404)))));
 * }
 * }</pre>
 *
 * <p><b>Why Jdbi, not plain JDBC.</b> Jdbi is a thin layer over JDBC (no ORM, no session, no
 * generated SQL): named parameters, row mapping to records and types, generated keys and
 * transactions that commit or roll back with the callback, and it always closes statements, result
 * sets and connections. Plain JDBC would need all of that written again, which is where leaks and
 * unrolled-back transactions come from. The callbacks get a Jdbi {@link org.jdbi.v3.core.Handle};
 * {@code handle.getConnection()} is there for plain JDBC when needed.
 *
 * <p><b>Threads.</b> Calls run on virtual threads: a call waiting for a connection or for the
 * server holds no platform thread, and the pool bounds how many talk to the database at once. At
 * most {@link DatabaseOptions#maxPending()} calls are in flight; one more fails at once. A call
 * made on a thread with a {@linkplain IOLoop#currentOrNull() current loop} completes on that loop
 * (through {@link IOLoop#runInExecutor}); a call from a thread without one (a main method, a test)
 * completes on the worker thread. The callbacks themselves run on the worker thread: they must not
 * touch the handler or the connection, only return a value.
 *
 * <p><b>Failures.</b> When no connection comes free within {@link
 * DatabaseOptions#connectionTimeout()} (every connection busy, or the server down), or a connection
 * breaks during a call, the future fails with {@link DatabaseUnavailableException}. Broken
 * connections are dropped by the pool, and new ones are made as soon as the server answers again.
 * Other SQL errors (constraint violations, bad SQL) fail the future with Jdbi's exception.
 *
 * <p>The same code runs on H2 (embedded, the default) and PostgreSQL (production); write SQL that
 * both accept, or migrations per vendor with Flyway's {@code {vendor}} placeholder in a location.
 * Thread-safe: one {@code Database} serves every loop of a server.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DatabaseOptions options;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final ExecutorService executor;
  private final Semaphore pending;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String product;

  private Database(DatabaseOptions options, HikariDataSource dataSource) {
    this.options = options;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("squall-db-", 0).factory());
    this.pending = new Semaphore(options.maxPending());
    String name;
    try (var c = dataSource.getConnection()) {
      name = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      dataSource.close();
      throw unavailable("cannot connect to " + redacted(options.url()), e);
    }
    this.product = name;
  }

  /**
   * Opens {@code url} with default options; see {@link #open(DatabaseOptions)}.
   *
   * @param url a JDBC URL
   * @return the database
   */
  public static Database open(String url) {
    return open(DatabaseOptions.builder(url).build());
  }

  /**
   * Opens the pool, checks that the database answers, and runs the {@linkplain
   * DatabaseOptions#migrations() migrations}. This blocks: call it at start-up, before the loop
   * runs, not from a handler.
   *
   * @param options where the database is and how to pool it
   * @return the database, ready for calls
   * @throws DatabaseUnavailableException when the database cannot be reached within the connection
   *     timeout
   * @throws org.flywaydb.core.api.FlywayException when a migration fails
   */
  public static Database open(DatabaseOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.url());
    if (options.user() != null) {
      config.setUsername(options.user());
    }
    if (options.password() != null) {
      config.setPassword(options.password());
    }
    config.setPoolName("squall-db");
    config.setMaximumPoolSize(options.poolSize());
    long timeout = options.connectionTimeout().toMillis();
    config.setConnectionTimeout(timeout);
    // validation must fit inside the wait for a connection
    config.setValidationTimeout(Math.max(250, Math.min(5000, timeout / 2)));
    config.setMaxLifetime(options.maxLifetime().toMillis());
    config.setInitializationFailTimeout(timeout);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unavailable("cannot connect to " + redacted(options.url()), e);
    }
    Database db = new Database(options, ds);
    if (!options.migrations().isEmpty()) {
      try {
        var result =
            Flyway.configure(Database.class.getClassLoader())
                // its own connections, not the pool's: Flyway holds two at once (the schema
                // history lock and the migration), more than a pool of one has
                .dataSource(options.url(), options.user(), options.password())
                .locations(options.migrations().toArray(new String[0]))
                .load()
                .migrate();
        log.info(
            "{} at {}: {} migration(s) applied, schema version {}",
            db.product,
            redacted(options.url()),
            result.migrationsExecuted,
            result.targetSchemaVersion);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }
    return db;
  }

  /** The options it was opened with. */
  public DatabaseOptions options() {
    return options;
  }

  /** The database product as the driver names it ({@code "H2"}, {@code "PostgreSQL"}). */
  public String productName() {
    return product;
  }

  /** The Jdbi instance over the pool, for configuration (mappers, plugins). Blocking if used. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pool itself; its connections block, so use it off the loop only. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} with a handle (auto-commit) off the loop.
   *
   * @param work runs on a worker thread with a handle; returns the result
   * @return completes with the result on the calling loop, or fails with the exception of {@code
   *     work}, or {@link DatabaseUnavailableException}
   */
  public <T> CompletableFuture<T> withHandle(HandleCallback<T, ? extends Exception> work) {
    Objects.requireNonNull(work, "work");
    return submit(() -> jdbi.withHandle(work));
  }

  /**
   * Runs {@code work} in one transaction off the loop: committed when it returns, rolled back when
   * it throws.
   *
   * @param work runs on a worker thread with a handle inside the transaction; returns the result
   * @return completes with the result on the calling loop once committed, or fails with the
   *     exception of {@code work} (after the rollback), or {@link DatabaseUnavailableException}
   */
  public <T> CompletableFuture<T> inTransaction(HandleCallback<T, ? extends Exception> work) {
    Objects.requireNonNull(work, "work");
    return submit(() -> jdbi.inTransaction(work));
  }

  private <T> CompletableFuture<T> submit(Callable<T> call) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("database is closed"));
    }
    if (!pending.tryAcquire()) {
      return CompletableFuture.failedFuture(
          new DatabaseUnavailableException(
              "too many database calls in flight (maxPending " + options.maxPending() + ")", null));
    }
    Callable<T> task =
        () -> {
          try {
            return call.call();
          } catch (Exception e) {
            throw translate(e);
          } finally {
            pending.release();
          }
        };
    IOLoop loop = IOLoop.currentOrNull();
    if (loop != null) {
      CompletableFuture<T> f = loop.runInExecutor(executor, task);
      if (f.isCompletedExceptionally()) {
        pending.release(); // rejected by a closing executor: the task never ran
      }
      return f;
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              f.complete(task.call());
            } catch (Throwable e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RuntimeException rejected) {
      pending.release();
      f.completeExceptionally(rejected);
    }
    return f;
  }

  /** Connection-level failures become {@link DatabaseUnavailableException}; others stay. */
  private Exception translate(Exception e) {
    if (e instanceof DatabaseUnavailableException) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (isConnectionFailure(t)) {
        return unavailable("database unavailable", e);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }

  private static boolean isConnectionFailure(Throwable t) {
    if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
      return true;
    }
    if (t instanceof java.sql.SQLNonTransientConnectionException) {
      return true;
    }
    if (t instanceof SQLException s && s.getSQLState() != null) {
      String state = s.getSQLState();
      // 08: connection exception; 57P01-03: the server is shutting down or starting up
      return state.startsWith("08") || state.startsWith("57P");
    }
    return false;
  }

  private static DatabaseUnavailableException unavailable(String what, Throwable cause) {
    // the driver's and the pool's own words, without the wrappers' "java.sql.X: ..." repeats
    StringBuilder detail = new StringBuilder();
    String last = null;
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      boolean wrapper = t.getCause() != null && m != null && m.contains(t.getCause().toString());
      if (m != null && !m.isBlank() && !wrapper && !m.equals(last)) {
        detail.append(detail.isEmpty() ? "" : ": ").append(m);
        last = m;
      }
    }
    return new DatabaseUnavailableException(what + (detail.isEmpty() ? "" : ": " + detail), cause);
  }

  /** The URL without a password parameter, for messages and logs. */
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /**
   * Stops taking calls, lets the calls in flight finish (up to the connection timeout), and closes
   * the pool. An H2 file database is closed with its last connection. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(
          options.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    dataSource.close();
  }
}
