package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.demos.HubProcess;
import io.squall.escape.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as {@code ./demo} runs it, in a child JVM: it prints where its H2 file lives, and the
 * tasks created before a SIGTERM are there after it starts again.
 */
class TasksHubRestartTest {
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at http://localhost:(\\d+)/");

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void tasksSurviveARestartOfTheHub(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    HttpClient http = HttpClient.newHttpClient();
    String created;
    HubProcess first = HubProcess.start("--port=0", "--data-dir=" + data);
    try {
      assertThat(first.awaitLine(Pattern.compile("Data directory: (.*) \\(task list")).group(1))
          .isEqualTo(data.toAbsolutePath().toString());
      int port = Integer.parseInt(first.awaitLine(READY).group(1));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"across restarts ✓\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(201);
      created = r.body();
      stop(first);
    } finally {
      first.process().destroyForcibly();
    }
    assertThat(Files.list(data).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("tasks") && n.endsWith(".db"));

    HubProcess second = HubProcess.start("--port=0", "--data-dir=" + data);
    try {
      int port = Integer.parseInt(second.awaitLine(READY).group(1));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks")).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode list = Json.mapper().readTree(r.body());
      assertThat(list).hasSize(1);
      assertThat(list.get(0)).isEqualTo(Json.mapper().readTree(created));
      stop(second);
    } finally {
      second.process().destroyForcibly();
    }
  }

  @Test
  void anUnreachableDatabaseEndsTheHubWithAMessageAndStatus1() throws Exception {
    HubProcess hub = HubProcess.start("--port=0", "--db=jdbc:postgresql://127.0.0.1:1/none?user=x");
    try {
      assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process().exitValue()).isEqualTo(1);
      assertThat(
              hub.awaitLine(
                  Pattern.compile("cannot connect to jdbc:postgresql://127.0.0.1:1/none")))
          .isNotNull();
    } finally {
      hub.process().destroyForcibly();
    }
  }

  /** SIGTERM, then waits for a clean exit. */
  private static void stop(HubProcess hub) throws InterruptedException {
    hub.process().toHandle().destroy();
    assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).as("the hub exits").isTrue();
    assertThat(hub.process().exitValue()).isZero();
  }
}
