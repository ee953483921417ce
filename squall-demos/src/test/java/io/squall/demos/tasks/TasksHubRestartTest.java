package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.demos.DemoHub;
import io.squall.escape.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
    Hub first = Hub.start("--port=0", "--data-dir=" + data);
    try {
      assertThat(first.await(Pattern.compile("Data directory: (.*) \\(task list")).group(1))
          .isEqualTo(data.toAbsolutePath().toString());
      int port = Integer.parseInt(first.await(READY).group(1));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"across restarts ✓\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(201);
      created = r.body();
      first.stop();
    } finally {
      first.process.destroyForcibly();
    }
    assertThat(Files.list(data).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("tasks") && n.endsWith(".db"));

    Hub second = Hub.start("--port=0", "--data-dir=" + data);
    try {
      int port = Integer.parseInt(second.await(READY).group(1));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks")).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode list = Json.mapper().readTree(r.body());
      assertThat(list).hasSize(1);
      assertThat(list.get(0)).isEqualTo(Json.mapper().readTree(created));
      second.stop();
    } finally {
      second.process.destroyForcibly();
    }
  }

  @Test
  void anUnreachableDatabaseEndsTheHubWithAMessageAndStatus1() throws Exception {
    Hub hub = Hub.start("--port=0", "--db=jdbc:postgresql://127.0.0.1:1/none?user=x");
    try {
      assertThat(hub.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process.exitValue()).isEqualTo(1);
      assertThat(hub.await(Pattern.compile("cannot connect to jdbc:postgresql://127.0.0.1:1/none")))
          .isNotNull();
    } finally {
      hub.process.destroyForcibly();
    }
  }

  /** The hub in a child JVM on this test's class path, its output lines queued as they come. */
  private record Hub(Process process, BlockingQueue<String> lines, List<String> seen) {
    static Hub start(String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Dlogback.configurationFile=logback.xml");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(DemoHub.class.getName());
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("<read failed: " + e + ">");
                }
              });
      return new Hub(p, lines, new ArrayList<>());
    }

    Matcher await(Pattern pattern) throws InterruptedException {
      for (String line : seen) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError(
              "the hub never printed " + pattern + "; output:\n" + String.join("\n", seen));
        }
        seen.add(line);
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
    }

    /** SIGTERM, then waits for a clean exit. */
    void stop() throws InterruptedException {
      process.toHandle().destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the hub exits").isTrue();
      assertThat(process.exitValue()).isZero();
    }
  }
}
