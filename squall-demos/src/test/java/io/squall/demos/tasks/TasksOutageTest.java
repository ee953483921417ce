package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.db.Database;
import io.squall.db.DatabaseOptions;
import io.squall.db.PostgresServer;
import io.squall.db.TestDatabases;
import io.squall.demos.DemoHub;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The API when the database cannot serve: 503 with a JSON error body within the pool's connection
 * timeout, and service again once it can, without restarting the application.
 */
class TasksOutageTest {
  private static final long WAIT = 60;

  private static Database open(String url) {
    return Database.open(
        DatabaseOptions.builder(url)
            .poolSize(1)
            .connectionTimeout(Duration.ofMillis(500))
            .migrations(TaskStore.MIGRATIONS)
            .build());
  }

  static void assert503(FetchResponse r) {
    assertThat(r.status()).as(r.text()).isEqualTo(503);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Retry-After")).isEqualTo("1");
    JsonNode error = r.json().get("error");
    assertThat(error.get("status").intValue()).isEqualTo(503);
    assertThat(error.get("message").textValue())
        .isEqualTo("the database is unavailable; try again later");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.squall.db.TestDatabases#KINDS")
  void anExhaustedPoolIs503UntilAConnectionIsFree(String kind, @TempDir Path dir) throws Exception {
    try (Database db = open(TestDatabases.freshUrl(kind, dir));
        SquallClient client = SquallClient.start(DemoHub.app(new TaskStore(db)))) {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Integer> holder =
          db.withHandle(
              h -> {
                holding.countDown();
                release.await(WAIT, TimeUnit.SECONDS);
                return 1;
              });
      assertThat(holding.await(WAIT, TimeUnit.SECONDS)).isTrue();

      assert503(client.fetch("/api/tasks"));
      assert503(
          client.fetch(
              "/api/tasks",
              FetchOptions.post()
                  .header("Content-Type", "application/json")
                  .body("{\"name\": \"while busy\"}")));
      assertThat(release.getCount()).as("answered while the connection was still held").isOne();

      release.countDown();
      assertThat(holder.get(WAIT, TimeUnit.SECONDS)).isEqualTo(1);
      FetchResponse ok = client.fetch("/api/tasks");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.json().size()).as("the refused POST stored nothing").isZero();
    }
  }

  @Test
  void aStoppedPostgresIs503AndTheApiServesAgainWhenItIsBack() throws Exception {
    try (PostgresServer server = PostgresServer.start();
        Database db = open(server.createDatabase());
        SquallClient client = SquallClient.start(DemoHub.app(new TaskStore(db)))) {
      FetchResponse created =
          client.fetch(
              "/api/tasks",
              FetchOptions.method("POST", "{\"name\": \"kept\"}".getBytes(StandardCharsets.UTF_8))
                  .header("Content-Type", "application/json"));
      assertThat(created.status()).isEqualTo(201);

      server.stop();
      for (int i = 0; i < 2; i++) {
        assert503(client.fetch("/api/tasks"));
      }
      assertThat(client.fetch("/tasks/").status()).isEqualTo(503);
      assertThat(client.fetch("/hello").text())
          .as("the rest of the hub serves")
          .isEqualTo("Hello, world");

      server.restart();
      // a connection that broke with the server may fail one more call before it is dropped
      FetchResponse back = client.fetch("/api/tasks");
      if (back.status() == 503) {
        back = client.fetch("/api/tasks");
      }
      assertThat(back.status()).as(back.text()).isEqualTo(200);
      assertThat(back.json().size()).isEqualTo(1);
      assertThat(back.json().get(0)).isEqualTo(created.json());
    }
  }
}
