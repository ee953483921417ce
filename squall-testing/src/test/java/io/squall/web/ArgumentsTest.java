package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.http.HttpFile;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request input: query and body arguments, uploads, JSON bodies, cookies. */
@SquallTest
class ArgumentsTest {

  /** Echoes what getArgument and friends see. */
  public static class Args extends RequestHandler {
    public void get() {
      echo();
    }

    public void post() {
      echo();
    }

    private void echo() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("a", getArgument("a", "<absent>"));
      out.put("all", getArguments("a"));
      out.put("query", getQueryArgument("a", "<absent>"));
      out.put("queryAll", getQueryArguments("a"));
      out.put("body", getBodyArgument("a", "<absent>"));
      out.put("bodyAll", getBodyArguments("a"));
      write(out);
    }
  }

  /** Needs argument {@code a}. */
  public static class Required extends RequestHandler {
    public void get() {
      write("a=" + getArgument("a"));
    }

    public void post() {
      write("a=" + getBodyArgument("a") + " q=" + getQueryArgument("q"));
    }
  }

  /** Describes uploaded files. */
  public static class Upload extends RequestHandler {
    public void post() {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, List<HttpFile>> e : request().files().entrySet()) {
        for (HttpFile f : e.getValue()) {
          sb.append(e.getKey())
              .append(':')
              .append(f.filename())
              .append(':')
              .append(f.contentType())
              .append(':')
              .append(new String(f.body(), StandardCharsets.UTF_8))
              .append('\n');
        }
      }
      sb.append("title=").append(getArgument("title", "<absent>"));
      write(sb.toString());
    }
  }

  /** A JSON body bound to a record. */
  public record Task(String title, int priority, List<String> tags) {}

  /** Reads a JSON body as a record. */
  public static class JsonRecord extends RequestHandler {
    public void post() {
      Task t = getJsonBody(Task.class);
      write(t.title() + "/" + t.priority() + "/" + t.tags());
    }
  }

  /** Reads a JSON body as a tree. */
  public static class JsonTree extends RequestHandler {
    public void post() {
      JsonNode n = getJsonBody();
      write("items=" + n.get("items").size() + " first=" + n.get("items").get(0).asText());
    }
  }

  /** Echoes cookies. */
  public static class CookieEcho extends RequestHandler {
    public void get() {
      write(
          getCookie("a")
              + " "
              + getCookie("missing")
              + " "
              + getCookie("missing", "dflt")
              + " "
              + cookies().size());
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/args", Args::new)
        .route("/required", Required::new)
        .route("/upload", Upload::new)
        .route("/json/record", JsonRecord::new)
        .route("/json/tree", JsonTree::new)
        .route("/cookies", CookieEcho::new)
        .build();
  }

  private static JsonNode json(SquallClient client, String path) {
    FetchResponse r = client.fetch(path);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void lastValueWinsAndAllValuesAreKept(SquallClient client) {
    JsonNode n = json(client, "/args?a=1&b=x&a=2&a=3");
    assertThat(n.get("a").asText()).isEqualTo("3");
    assertThat(n.get("all").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
  }

  @Test
  void absentArgumentGivesDefaultAndEmptyList(SquallClient client) {
    JsonNode n = json(client, "/args?b=1");
    assertThat(n.get("a").asText()).isEqualTo("<absent>");
    assertThat(n.get("all").size()).isZero();
  }

  @Test
  void emptyValueIsPresent(SquallClient client) {
    assertThat(json(client, "/args?a=").get("a").asText()).isEmpty();
    assertThat(json(client, "/args?a").get("a").asText()).isEmpty();
  }

  @Test
  void queryAndBodyArguments(SquallClient client) {
    FetchResponse r =
        client.fetch("/args?a=fromQuery", FetchOptions.post().form(Map.of("a", "fromBody")));
    JsonNode n = r.json();
    assertThat(n.get("a").asText()).isEqualTo("fromBody");
    assertThat(n.get("all").toString()).isEqualTo("[\"fromQuery\",\"fromBody\"]");
    assertThat(n.get("query").asText()).isEqualTo("fromQuery");
    assertThat(n.get("queryAll").toString()).isEqualTo("[\"fromQuery\"]");
    assertThat(n.get("body").asText()).isEqualTo("fromBody");
    assertThat(n.get("bodyAll").toString()).isEqualTo("[\"fromBody\"]");
  }

  @Test
  void bodyOfOtherTypeIsNotParsedAsArguments(SquallClient client) {
    FetchResponse r =
        client.fetch(
            "/args",
            FetchOptions.post().body("a=1").header("Content-Type", "text/plain; charset=UTF-8"));
    assertThat(r.json().get("a").asText()).isEqualTo("<absent>");
  }

  @Test
  void plusAndPercentDecoding(SquallClient client) {
    assertThat(json(client, "/args?a=x+y%2Bz%26%C3%A9").get("a").asText()).isEqualTo("x y+z&é");
  }

  @Test
  void whitespaceIsStrippedAndControlCharactersReplaced(SquallClient client) {
    assertThat(json(client, "/args?a=%20%09padded%0A%20").get("a").asText()).isEqualTo("padded");
    assertThat(json(client, "/args?a=x%01y%1Fz%00w").get("a").asText()).isEqualTo("x y z w");
    // tab, newline and carriage return inside a value are kept
    assertThat(json(client, "/args?a=x%09y%0Az").get("a").asText()).isEqualTo("x\ty\nz");
    assertThat(json(client, "/args?a=+x+&a=%01y").get("all").toString()).isEqualTo("[\"x\",\"y\"]");
  }

  @Test
  void missingArgumentIs400(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("squall.general", "Missing argument a")) {
      FetchResponse r = client.fetch("/required");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).contains("Missing argument a");
    }
    assertThat(client.fetch("/required?a=ok").text()).isEqualTo("a=ok");
  }

  @Test
  void missingBodyArgumentIs400EvenWhenInQuery(SquallClient client) {
    FetchResponse r = client.fetch("/required?a=1&q=2", FetchOptions.post().form(Map.of()));
    assertThat(r.status()).isEqualTo(400);
    FetchResponse ok = client.fetch("/required?q=2", FetchOptions.post().form(Map.of("a", "1")));
    assertThat(ok.text()).isEqualTo("a=1 q=2");
  }

  @Test
  void invalidUtf8InQueryIs400WithoutErrorLog(SquallClient client) {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", org.slf4j.event.Level.ERROR)) {
      FetchResponse r = client.fetch("/args?a=%ff");
      assertThat(r.status()).isEqualTo(400);
    }
  }

  @Test
  void invalidUtf8InFormBodyIs400(SquallClient client) {
    FetchResponse r =
        client.fetch(
            "/required",
            FetchOptions.post()
                .body("a=%ff%fe")
                .header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void multipartFilesAndFields(SquallClient client) {
    String boundary = "----squallboundary42";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    part(b, boundary, "title", null, null, "My upload");
    part(b, boundary, "doc", "notes.txt", "text/plain", "hello file");
    part(b, boundary, "doc", "data.bin", null, "second");
    b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    FetchResponse r =
        client.fetch(
            "/upload",
            FetchOptions.post()
                .body(b.toByteArray())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text())
        .isEqualTo(
            "doc:notes.txt:text/plain:hello file\n"
                + "doc:data.bin:application/octet-stream:second\n"
                + "title=My upload");
  }

  @Test
  void malformedMultipartLeavesArgumentsEmpty(SquallClient client) {
    FetchResponse r =
        client.fetch(
            "/upload",
            FetchOptions.post()
                .body("--x\r\nno headers end")
                .header("Content-Type", "multipart/form-data; boundary=x"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("title=<absent>");
  }

  private static void part(
      ByteArrayOutputStream b,
      String boundary,
      String name,
      String filename,
      String type,
      String content) {
    StringBuilder sb = new StringBuilder();
    sb.append("--").append(boundary).append("\r\n");
    sb.append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (filename != null) {
      sb.append("; filename=\"").append(filename).append('"');
    }
    sb.append("\r\n");
    if (type != null) {
      sb.append("Content-Type: ").append(type).append("\r\n");
    }
    sb.append("\r\n").append(content).append("\r\n");
    b.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonBodyIntoRecord(SquallClient client) {
    FetchResponse r =
        client.fetch(
            "/json/record",
            FetchOptions.post()
                .body("{\"title\":\"Write tests\",\"priority\":2,\"tags\":[\"a\"]}"));
    assertThat(r.text()).isEqualTo("Write tests/2/[a]");
  }

  @Test
  void jsonBodyAsTree(SquallClient client) {
    FetchResponse r =
        client.fetch("/json/tree", FetchOptions.post().body("{\"items\":[\"x\",\"y\"]}"));
    assertThat(r.text()).isEqualTo("items=2 first=x");
  }

  @Test
  void invalidJsonIs400(SquallClient client) {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", org.slf4j.event.Level.ERROR)) {
      assertThat(client.fetch("/json/tree", FetchOptions.post().body("{\"items\":")).status())
          .isEqualTo(400);
      assertThat(client.fetch("/json/tree", FetchOptions.post().body("")).status()).isEqualTo(400);
      assertThat(
              client
                  .fetch("/json/record", FetchOptions.post().body("{\"priority\":\"high\"}"))
                  .status())
          .isEqualTo(400);
      assertThat(client.fetch("/json/record", FetchOptions.post().body("[1,2]")).status())
          .isEqualTo(400);
    }
  }

  @Test
  void getCookie(SquallClient client) {
    FetchResponse r =
        client.fetch("/cookies", FetchOptions.get().header("Cookie", "a=1; b=\"two\""));
    assertThat(r.text()).isEqualTo("1 null dflt 2");
  }
}
