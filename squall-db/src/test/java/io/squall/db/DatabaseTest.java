package io.squall.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.ioloop.IOLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/** {@link Database} against each real database: H2 (file) and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@FieldSource("io.squall.db.TestDatabases#KINDS")
class DatabaseTest {
  private static final long WAIT = 30;

  @Parameter String kind;
  @TempDir Path dir;

  private String url;
  private Database db;
  private IOLoop loop;

  @BeforeEach
  void open() {
    url = TestDatabases.freshUrl(kind, dir);
    db = open(DatabaseOptions.builder(url).migrations("classpath:db/testmigration"));
  }

  private Database open(DatabaseOptions.Builder options) {
    return Database.open(options.build());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    if (loop != null) {
      loop.shutdown();
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  private CompletableFuture<Long> insert(String name) {
    return db.withHandle(
        h ->
            h.createUpdate("INSERT INTO items (name) VALUES (:name)")
                .bind("name", name)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  private long count() throws Exception {
    return await(
        db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Long.class).one()));
  }

  @Test
  void migrationsRunAtOpenAndOnlyOnce() throws Exception {
    assertThat(db.productName()).isEqualTo(kind.equals("h2") ? "H2" : "PostgreSQL");
    long id = await(insert("first"));
    assertThat(id).isPositive();
    db.close();
    // opened again on the same database: the table and its row are still there, nothing re-runs
    db = open(DatabaseOptions.builder(url).migrations("classpath:db/testmigration"));
    assertThat(count()).isEqualTo(1);
    int applied =
        await(
            db.withHandle(
                h ->
                    h.createQuery(
                            "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"script\" = 'V1__items.sql' AND \"success\"")
                        .mapTo(Integer.class)
                        .one()));
    assertThat(applied).isEqualTo(1);
  }

  @Test
  void aCallFromALoopCompletesOnThatLoopAndTheWorkRunsElsewhere() throws Exception {
    loop = IOLoop.startOnNewThread("db-test-loop");
    CompletableFuture<String> seen = new CompletableFuture<>();
    AtomicReference<Thread> worker = new AtomicReference<>();
    loop.addCallback(
        () ->
            db.withHandle(
                    h -> {
                      worker.set(Thread.currentThread());
                      return h.createQuery("SELECT 1").mapTo(Integer.class).one();
                    })
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        seen.completeExceptionally(e);
                      } else if (!loop.inLoopThread()) {
                        seen.complete("completed on " + Thread.currentThread());
                      } else {
                        seen.complete("loop:" + v);
                      }
                    }));
    assertThat(await(seen)).isEqualTo("loop:1");
    assertThat(worker.get()).isNotEqualTo(loop.thread());
    assertThat(worker.get().isVirtual()).isTrue();
  }

  @Test
  void aTransactionCommitsWhenItReturnsAndRollsBackWhenItThrows() throws Exception {
    List<Long> ids =
        await(
            db.inTransaction(
                h -> {
                  List<Long> out = new ArrayList<>();
                  for (String n : List.of("a", "b")) {
                    out.add(
                        h.createUpdate("INSERT INTO items (name) VALUES (:n)")
                            .bind("n", n)
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one());
                  }
                  return out;
                }));
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    assertThat(count()).isEqualTo(2);

    CompletableFuture<Object> failing =
        db.inTransaction(
            h -> {
              h.execute("INSERT INTO items (name) VALUES ('c')");
              h.execute("INSERT INTO items (name) VALUES ('a')"); // duplicate: fails
              return null;
            });
    assertThatThrownBy(() -> await(failing))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThat(count()).as("'c' was rolled back with the failed statement").isEqualTo(2);
  }

  @Test
  void anExhaustedPoolFailsClearlyWithinTheConnectionTimeoutAndServesAgainOnceFree()
      throws Exception {
    db.close();
    db = open(DatabaseOptions.builder(url).poolSize(2).connectionTimeout(Duration.ofMillis(500)));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(2);
    List<CompletableFuture<Integer>> holders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      holders.add(
          db.withHandle(
              h -> {
                h.createQuery("SELECT 1").mapTo(Integer.class).one();
                holding.countDown();
                release.await(WAIT, TimeUnit.SECONDS);
                return 1;
              }));
    }
    assertThat(holding.await(WAIT, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Integer> starved =
        db.withHandle(h -> h.createQuery("SELECT 2").mapTo(Integer.class).one());
    // it fails on its own, while both connections are still held
    assertThatThrownBy(() -> await(starved))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("database unavailable")
        .hasMessageContaining("timed out after");
    assertThat(release.getCount()).isEqualTo(1);

    release.countDown();
    for (CompletableFuture<Integer> h : holders) {
      assertThat(await(h)).isEqualTo(1);
    }
    int three = await(db.withHandle(h -> h.createQuery("SELECT 3").mapTo(Integer.class).one()));
    assertThat(three).isEqualTo(3);
  }

  @Test
  void callsBeyondMaxPendingFailAtOnce() throws Exception {
    db.close();
    db = open(DatabaseOptions.builder(url).poolSize(1).maxPending(1));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> first =
        db.withHandle(
            h -> {
              release.await(WAIT, TimeUnit.SECONDS);
              return 1;
            });
    CompletableFuture<Integer> second = db.withHandle(h -> 2);
    assertThat(second).isCompletedExceptionally();
    assertThatThrownBy(second::join)
        .cause()
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("maxPending 1");
    release.countDown();
    assertThat(await(first)).isEqualTo(1);
    int three = await(db.withHandle(h -> 3));
    assertThat(three).isEqualTo(3);
  }

  @Test
  void aPoolOfOneConnectionStillMigratesAFreshDatabase() throws Exception {
    db.close();
    url = TestDatabases.freshUrl(kind, dir);
    // Flyway holds two connections at once; it must not take them from a pool of one
    db = open(DatabaseOptions.builder(url).poolSize(1).migrations("classpath:db/testmigration"));
    assertThat(await(insert("one"))).isPositive();
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void callsAfterCloseFail() {
    db.close();
    assertThatThrownBy(() -> db.withHandle(h -> 1).join())
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database is closed");
  }
}
