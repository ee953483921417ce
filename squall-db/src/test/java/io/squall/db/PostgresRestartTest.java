package io.squall.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.ioloop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL goes away and comes back: calls fail with {@link DatabaseUnavailableException}
 * within the connection timeout while the loop keeps running, and the pool serves again once the
 * server is back, with no restart of the application.
 */
class PostgresRestartTest {
  private static final long WAIT = 60;

  private PostgresServer server;
  private Database db;
  private IOLoop loop;

  @BeforeEach
  void start() {
    server = PostgresServer.start();
    db =
        Database.open(
            DatabaseOptions.builder(server.createDatabase())
                .poolSize(3)
                .connectionTimeout(Duration.ofSeconds(1))
                .migrations("classpath:db/testmigration")
                .build());
    loop = IOLoop.startOnNewThread("pg-restart-loop");
  }

  @AfterEach
  void stop() {
    if (db != null) {
      db.close();
    }
    if (loop != null) {
      loop.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Runs a count from the loop; the future completes on the loop. */
  private CompletableFuture<Long> countFromLoop() {
    CompletableFuture<Long> out = new CompletableFuture<>();
    loop.addCallback(
        () ->
            db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items").mapTo(Long.class).one())
                .whenComplete(
                    (v, e) -> {
                      if (!loop.inLoopThread()) {
                        out.completeExceptionally(new AssertionError("completed off the loop"));
                      } else if (e != null) {
                        out.completeExceptionally(e);
                      } else {
                        out.complete(v);
                      }
                    }));
    return out;
  }

  @Test
  void callsFailClearlyWhileTheServerIsDownAndSucceedAgainWhenItIsBack() throws Exception {
    db.withHandle(h -> h.execute("INSERT INTO items (name) VALUES ('before')"))
        .get(WAIT, TimeUnit.SECONDS);
    assertThat(countFromLoop().get(WAIT, TimeUnit.SECONDS)).isEqualTo(1);

    server.stop();

    for (int i = 0; i < 3; i++) {
      CompletableFuture<Long> down = countFromLoop();
      // the loop is not held up while the call waits for a connection
      CompletableFuture<Boolean> tick = new CompletableFuture<>();
      loop.addCallback(() -> loop.callLater(Duration.ofMillis(50), () -> tick.complete(true)));
      assertThat(tick.get(WAIT, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> down.get(WAIT, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("database unavailable");
    }

    server.restart();

    // A connection that broke with the server is dropped when it is next used, so at most the
    // pool's size of calls can still fail; then the pool serves from new connections.
    Long count = null;
    for (int attempt = 0; attempt <= 3 && count == null; attempt++) {
      try {
        count = countFromLoop().get(WAIT, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(DatabaseUnavailableException.class);
      }
    }
    assertThat(count).as("the data written before the restart").isEqualTo(1);
    db.withHandle(h -> h.execute("INSERT INTO items (name) VALUES ('after')"))
        .get(WAIT, TimeUnit.SECONDS);
    assertThat(countFromLoop().get(WAIT, TimeUnit.SECONDS)).isEqualTo(2);
  }
}
