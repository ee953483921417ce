package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.db.Database;
import io.squall.db.TestDatabases;
import io.squall.demos.DemoHub;
import io.squall.escape.Json;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The task API of the hub, through real clients, against each real database (H2 file and
 * PostgreSQL): the CRUD contract, JSON error bodies, every request body framing, forms in UTF-8,
 * gzip, concurrent creates and a restart.
 */
@SquallTest
@ParameterizedClass(name = "{0}")
@FieldSource("io.squall.db.TestDatabases#KINDS")
class TasksApiTest {
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  @Parameter String kind;

  private Path dir;
  private String url;
  private Database db;
  private TaskStore store;

  @TestApplication
  Application app() throws IOException {
    dir = Files.createTempDirectory("squall-tasks-test-");
    url = TestDatabases.freshUrl(kind, dir);
    db = TasksDemo.openDatabase(url);
    store = new TaskStore(db);
    return DemoHub.app(store);
  }

  @AfterEach
  void closeDatabase() throws IOException {
    if (db != null) {
      db.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static FetchOptions json(String method, String body) {
    return FetchOptions.method(method, body.getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", JSON);
  }

  static void assertError(FetchResponse r, int status, String messagePart) {
    assertThat(r.status()).as("status of %s", r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith(JSON);
    JsonNode error = r.json().get("error");
    assertThat(error).as("error body %s", r.text()).isNotNull();
    assertThat(error.get("status").intValue()).isEqualTo(status);
    assertThat(error.get("message").textValue()).contains(messagePart);
    assertThat(r.json().size()).as("only the error member").isEqualTo(1);
  }

  @Test
  void createReadUpdateDelete(SquallClient client) {
    assertThat(client.fetch("/api/tasks").json().size()).isZero();

    FetchResponse created =
        client.fetch(
            "/api/tasks",
            json(
                "POST",
                "{\"name\": \"Write tests\", \"note\": \"all of them\", \"due_date\": \"2026-12-24\"}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith(JSON);
    JsonNode task = created.json();
    long id = task.get("id").longValue();
    assertThat(task.get("id").isIntegralNumber()).isTrue();
    assertThat(id).isPositive();
    assertThat(created.header("Location")).isEqualTo("/api/tasks/" + id);
    assertThat(task.get("name").textValue()).isEqualTo("Write tests");
    assertThat(task.get("note").textValue()).isEqualTo("all of them");
    assertThat(task.get("due_date").textValue()).isEqualTo("2026-12-24");
    assertThat(task.get("completed").booleanValue()).isFalse();

    FetchResponse one = client.fetch(created.header("Location"));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(task);
    JsonNode list = client.fetch("/api/tasks").json();
    assertThat(list.isArray()).isTrue();
    assertThat(list).containsExactly(task);

    FetchResponse done = client.fetch("/api/tasks/" + id, json("PUT", "{\"completed\": true}"));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.json().get("completed").booleanValue()).isTrue();
    assertThat(done.json().get("name").textValue())
        .as("a partial update keeps the rest")
        .isEqualTo("Write tests");
    assertThat(done.json().get("due_date").textValue()).isEqualTo("2026-12-24");

    FetchResponse full =
        client.fetch(
            "/api/tasks/" + id,
            json(
                "PUT",
                "{\"id\": "
                    + id
                    + ", \"name\": \"Renamed\", \"note\": null, \"due_date\": null, \"completed\": false}"));
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.json().get("name").textValue()).isEqualTo("Renamed");
    assertThat(full.json().get("note").isNull()).isTrue();
    assertThat(full.json().get("due_date").isNull()).isTrue();
    assertThat(full.json().get("completed").booleanValue()).isFalse();
    assertThat(client.fetch("/api/tasks/" + id).json()).isEqualTo(full.json());

    FetchResponse deleted = client.fetch("/api/tasks/" + id, FetchOptions.get().method("DELETE"));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertError(client.fetch("/api/tasks/" + id), 404, "no task with id " + id);
    assertError(
        client.fetch("/api/tasks/" + id, FetchOptions.get().method("DELETE")), 404, "no task");
    assertError(
        client.fetch("/api/tasks/" + id, json("PUT", "{\"completed\": true}")), 404, "no task");
    assertThat(client.fetch("/api/tasks").json().size()).isZero();
  }

  @Test
  void badInputIs400WithAJsonErrorBody(SquallClient client) {
    assertError(client.fetch("/api/tasks", json("POST", "{\"name\": ")), 400, "invalid JSON");
    assertError(client.fetch("/api/tasks", json("POST", "")), 400, "body is empty");
    assertError(client.fetch("/api/tasks", json("POST", "[1, 2]")), 400, "must be a JSON object");
    assertError(client.fetch("/api/tasks", json("POST", "{}")), 400, "name is required");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"note\": \"x\"}")), 400, "name is required");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"  \"}")),
        400,
        "name must not be empty");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": 5}")), 400, "name must be a string");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"a\", \"completed\": \"yes\"}")),
        400,
        "completed must be true or false");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"a\", \"due_date\": \"2026-13-01\"}")),
        400,
        "ISO-8601");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"a\", \"due_date\": 20261201}")),
        400,
        "due_date must be");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"a\", \"note\": 1}")),
        400,
        "note must be");
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"a\", \"owner\": 1}")),
        400,
        "unknown field 'owner'");
    String tooLong = "é".repeat(TaskInput.MAX_NAME + 1);
    assertError(
        client.fetch("/api/tasks", json("POST", "{\"name\": \"" + tooLong + "\"}")),
        400,
        "201 characters long; the limit is 200");
    // 200 characters is fine, emoji counted as one character each
    String longest = "🎉".repeat(TaskInput.MAX_NAME);
    FetchResponse ok = client.fetch("/api/tasks", json("POST", "{\"name\": \"" + longest + "\"}"));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.json().get("name").textValue()).isEqualTo(longest);

    assertError(
        client.fetch("/api/tasks/abc"), 400, "task id must be a positive integer, got 'abc'");
    assertError(client.fetch("/api/tasks/0"), 400, "positive integer");
    assertError(client.fetch("/api/tasks/99999999999999999999"), 400, "positive integer");
    assertError(client.fetch("/api/tasks/abc", json("PUT", "{}")), 400, "positive integer");
    assertError(
        client.fetch("/api/tasks/" + ok.json().get("id"), json("PUT", "{\"name\": null}")),
        400,
        "name must be a string");
    assertError(
        client.fetch(
            "/api/tasks", FetchOptions.post().header("Content-Type", "text/plain").body("name=x")),
        415,
        "Content-Type must be application/json");
    assertError(
        client.fetch("/api/tasks", FetchOptions.post().body("{\"name\": \"x\"}")),
        415,
        "Content-Type must be");
    assertThat(client.fetch("/api/tasks").json().size()).as("nothing bad was stored").isEqualTo(1);
  }

  @Test
  void unknownPathsAre404AndOtherMethods405AllAsJson(SquallClient client) {
    assertError(client.fetch("/api/nothing"), 404, "no API resource at /api/nothing");
    assertError(client.fetch("/api"), 404, "no API resource");
    assertError(client.fetch("/api/tasks/1/sub"), 404, "no API resource at /api/tasks/1/sub");
    assertError(client.fetch("/api/nothing", json("POST", "{}")), 404, "no API resource");

    FetchResponse patch = client.fetch("/api/tasks", json("PATCH", "{}"));
    assertError(patch, 405, "method PATCH is not allowed on /api/tasks");
    assertThat(patch.header("Allow")).contains("GET", "POST");
    assertError(
        client.fetch("/api/tasks", FetchOptions.get().method("DELETE")),
        405,
        "DELETE is not allowed");
    assertError(client.fetch("/api/tasks/1", json("POST", "{}")), 405, "POST is not allowed");
    assertError(client.fetch("/api/tasks/1", FetchOptions.get().method("OPTIONS")), 405, "OPTIONS");
    FetchResponse head = client.fetch("/api/tasks", FetchOptions.get().method("HEAD"));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  private static String post(String body, String... extraHeaders) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\n");
    sb.append("Content-Type: ").append(JSON).append("\r\n");
    for (String h : extraHeaders) {
      sb.append(h).append("\r\n");
    }
    return sb.append("Content-Length: ").append(b.length).append("\r\n\r\n").toString();
  }

  private static JsonNode json(RawConnection.Response r) {
    try {
      return Json.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.text(), e);
    }
  }

  @Test
  void bodiesArriveInEveryFraming(SquallClient client) {
    try (RawConnection c = client.raw()) {
      // Content-Length
      String body = "{\"name\": \"by length\"}";
      c.send(post(body) + body);
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(201);
      assertThat(json(r).get("name").textValue()).isEqualTo("by length");

      // chunked, in pieces that split a UTF-8 character
      byte[] name = "{\"name\": \"chunked ✓\"}".getBytes(StandardCharsets.UTF_8);
      int cut = 20; // inside the three bytes of the check mark
      c.send(
          "POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");
      c.send(Integer.toHexString(cut) + "\r\n");
      c.send(java.util.Arrays.copyOfRange(name, 0, cut));
      c.send("\r\n" + Integer.toHexString(name.length - cut) + "\r\n");
      c.send(java.util.Arrays.copyOfRange(name, cut, name.length));
      c.send("\r\n0\r\n\r\n");
      r = c.readResponse();
      assertThat(r.status()).isEqualTo(201);
      assertThat(json(r).get("name").textValue()).isEqualTo("chunked ✓");

      // Expect: 100-continue: the interim answer, then the body, then the real answer
      body = "{\"name\": \"expected\"}";
      c.send(post(body, "Expect: 100-continue"));
      assertThat(c.readResponse().status()).isEqualTo(100);
      c.send(body);
      r = c.readResponse();
      assertThat(r.status()).isEqualTo(201);
      assertThat(json(r).get("name").textValue()).isEqualTo("expected");
    }
    assertThat(client.fetch("/api/tasks").json().size()).isEqualTo(3);
  }

  @Test
  void noInterim100ForARequestThatWillBeRefused(SquallClient client) {
    String[][] refused = {
      {"PATCH /api/tasks", "application/json", "405"},
      {"POST /api/tasks", "text/plain", "415"},
      {"PUT /api/tasks/abc", "application/json", "400"},
      {"POST /api/elsewhere", "application/json", "404"},
    };
    for (String[] req : refused) {
      try (RawConnection c = client.raw()) {
        c.send(
            req[0]
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + req[1]
                + "\r\nContent-Length: 20\r\nExpect: 100-continue\r\n\r\n");
        RawConnection.Response r = c.readResponse();
        assertThat(r.status())
            .as("%s: the final answer, no 100 first", req[0])
            .isEqualTo(Integer.parseInt(req[2]));
        assertThat(r.header("Content-Type")).startsWith(JSON);
        assertThat(json(r).get("error").get("status").intValue())
            .isEqualTo(Integer.parseInt(req[2]));
      }
    }
    assertThat(client.fetch("/api/tasks").json().size()).isZero();
  }

  @Test
  void aBodyOverTheLimitIs413AsJsonWhetherDeclaredOrChunked(SquallClient client) {
    int over = (int) ApiHandler.MAX_BODY + 1;
    try (RawConnection c = client.raw()) {
      c.send(
          "POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + over
              + "\r\nExpect: 100-continue\r\n\r\n");
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).as("no 100 for a body that is too large").isEqualTo(413);
      assertThat(json(r).get("error").get("message").textValue()).contains("over the limit");
    }
    try (RawConnection c = client.raw()) {
      c.send(
          "POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(over)
              + "\r\n"
              + "x".repeat(over)
              + "\r\n");
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.header("Content-Type")).startsWith(JSON);
      assertThat(json(r).get("error").get("status").intValue()).isEqualTo(413);
      assertThat(c.isClosedByServer()).as("the rest of the body is not read").isTrue();
    }
    assertThat(client.fetch("/api/tasks").json().size()).isZero();
  }

  @Test
  void pipelinedPostsOnOneConnectionAreAnsweredInOrder(SquallClient client) {
    int n = 25;
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String body = "{\"name\": \"pipelined " + i + "\"}";
      all.append(post(body)).append(body);
    }
    List<Long> ids = new ArrayList<>();
    try (RawConnection c = client.raw()) {
      c.send(all.toString().getBytes(StandardCharsets.UTF_8)); // all at once, one write
      for (int i = 0; i < n; i++) {
        RawConnection.Response r = c.readResponse();
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = json(r);
        assertThat(t.get("name").textValue()).isEqualTo("pipelined " + i);
        ids.add(t.get("id").longValue());
      }
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    JsonNode list = client.fetch("/api/tasks").json();
    assertThat(list.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(list.get(i).get("name").textValue()).isEqualTo("pipelined " + i);
    }
  }

  @Test
  void formBodiesInUtf8AreStoredAndReturnedExactly(SquallClient client) {
    String name = "Crème brûlée für Zoë — 東京タワー 🗼🎉 naïve";
    String note = "ligne 1\nligne 2 & 3 = 50% + ½";
    String form =
        "name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&note="
            + URLEncoder.encode(note, StandardCharsets.UTF_8)
            + "&due_date=2027-01-31&completed=on";
    FetchResponse r =
        client.fetch(
            "/api/tasks",
            FetchOptions.post().header("Content-Type", FORM + "; charset=UTF-8").body(form));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("name").textValue()).isEqualTo(name);
    assertThat(r.json().get("note").textValue()).isEqualTo(note);
    assertThat(r.json().get("completed").booleanValue()).isTrue();
    FetchResponse again = client.fetch(r.header("Location"));
    assertThat(again.json().get("name").textValue()).isEqualTo(name);
    assertThat(again.json().get("note").textValue()).isEqualTo(note);
    assertThat(again.json().get("due_date").textValue()).isEqualTo("2027-01-31");

    // a form PUT, and a form with bytes that are not UTF-8
    FetchResponse put =
        client.fetch(
            r.header("Location"),
            FetchOptions.method("PUT", "completed=false&note=".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", FORM));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("completed").booleanValue()).isFalse();
    assertThat(put.json().get("note").isNull()).isTrue();
    assertError(
        client.fetch(
            "/api/tasks", FetchOptions.post().header("Content-Type", FORM).body("name=%FF%FE")),
        400,
        "");
    assertError(
        client.fetch(
            "/api/tasks", FetchOptions.post().header("Content-Type", FORM).body("note=no+name")),
        400,
        "name is required");
  }

  @Test
  void aLargeListIsGzippedForClientsThatAcceptIt(SquallClient client) throws Exception {
    List<CompletableFuture<Task>> creating = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      creating.add(
          store.create(
              new TaskInput(
                  "task number " + i + " with some words to compress", null, null, null)));
    }
    for (CompletableFuture<Task> f : creating) {
      f.get(30, TimeUnit.SECONDS);
    }
    FetchResponse plain = client.fetch("/api/tasks");
    assertThat(plain.header("Content-Encoding")).isNull();
    assertThat(plain.json().size()).isEqualTo(300);

    FetchResponse gz =
        client.fetch("/api/tasks", FetchOptions.get().header("Accept-Encoding", "gzip"));
    assertThat(gz.status()).isEqualTo(200);
    assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gz.header("Vary")).containsIgnoringCase("Accept-Encoding");
    assertThat(gz.header("Content-Type")).startsWith(JSON);
    byte[] inflated;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      inflated = in.readAllBytes();
    }
    assertThat(inflated).isEqualTo(plain.body());
    assertThat(gz.body().length).isLessThan(plain.body().length / 4);
  }

  @Test
  void twoHundredConcurrentPostsMakeTwoHundredTasks(SquallClient client) throws Exception {
    int n = 200;
    List<CompletableFuture<FetchResponse>> posts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      posts.add(
          client.fetchAsync(
              "/api/tasks",
              json("POST", "{\"name\": \"concurrent " + i + "\"}")
                  .timeout(java.time.Duration.ofSeconds(60))));
    }
    Set<Long> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (CompletableFuture<FetchResponse> f : posts) {
      FetchResponse r = f.get(90, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.text()).isEqualTo(201);
      ids.add(r.json().get("id").longValue());
      names.add(r.json().get("name").textValue());
    }
    assertThat(ids).hasSize(n);
    assertThat(names).hasSize(n);
    List<Task> rows = store.list().get(30, TimeUnit.SECONDS);
    assertThat(rows).hasSize(n);
    assertThat(rows.stream().map(Task::id).toList()).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void tasksSurviveARestartOfTheApplication(SquallClient client) throws Exception {
    FetchResponse created =
        client.fetch("/api/tasks", json("POST", "{\"name\": \"still here\", \"completed\": true}"));
    assertThat(created.status()).isEqualTo(201);
    // the database closes and opens again under a new application; the first server is left to
    // the extension (SquallClient.close is not idempotent: a second close waits 10 s)
    db.close();

    db = TasksDemo.openDatabase(url);
    store = new TaskStore(db);
    try (SquallClient again = SquallClient.start(DemoHub.app(store))) {
      JsonNode list = again.fetch("/api/tasks").json();
      assertThat(list).hasSize(1);
      assertThat(list.get(0)).isEqualTo(created.json());
      assertThat(again.fetch("/tasks/").text()).contains("still here");
    }
  }

  @Test
  void thePageListsTheTasksEscaped(SquallClient client) {
    client.fetch("/api/tasks", json("POST", "{\"name\": \"<script>alert(1)</script> & more\"}"));
    FetchResponse page = client.fetch("/tasks/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>alert(1)")
        .contains("data-api=\"/api/tasks\"")
        .contains("tasks.js");
    assertThat(client.fetch("/tasks").text())
        .as("/tasks redirects to /tasks/")
        .contains("id=\"tasks\"");
    FetchResponse index = client.fetch("/");
    assertThat(index.text()).contains("href=\"/tasks/\"", "href=\"/api/tasks\"");
  }
}
