package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.websocket.WebSocketConnection;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The application on a real server on an unused port, fetched with a real client. */
@SquallTest
class AppTest {
  @TestApplication
  Application app() {
    return App.app(Path.of("."));
  }

  @Test
  void hello(SquallClient client) {
    FetchResponse r = client.fetch("/hello?name=tests");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("Hello, tests");
  }

  @Test
  void pageIsRenderedWithVersionedStaticUrls(SquallClient client) {
    FetchResponse r = client.fetch("/?name=%3Cb%3E");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).contains("Hello, &lt;b&gt;!").containsPattern("/static/app.css\\?v=\\w+");
    assertThat(client.fetch("/static/app.css").status()).isEqualTo(200);
  }

  @Test
  void tasksApi(SquallClient client) {
    FetchResponse created =
        client.fetch("/api/tasks", FetchOptions.post().body("{\"title\": \" write tests \"}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("title").asText()).isEqualTo("write tests");
    String location = created.header("Location");

    FetchResponse one = client.fetch(location);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("done").asBoolean()).isFalse();

    FetchResponse done =
        client.fetch(
            location,
            FetchOptions.method("PUT", "{\"title\": \"write tests\", \"done\": true}".getBytes()));
    assertThat(done.json().get("done").asBoolean()).isTrue();
    assertThat(client.fetch("/api/tasks").json().get("tasks")).hasSize(1);
  }

  @Test
  void apiErrorsAreJson(SquallClient client) {
    FetchResponse noTitle = client.fetch("/api/tasks", FetchOptions.post().body("{}"));
    assertThat(noTitle.status()).isEqualTo(400);
    assertThat(noTitle.header("Content-Type")).startsWith("application/json");
    assertThat(noTitle.json().get("error").asText()).isEqualTo("a task needs a title");

    FetchResponse missing = client.fetch("/api/tasks/99");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("status").asInt()).isEqualTo(404);

    assertThat(client.fetch("/api/tasks", FetchOptions.post().body("not json")).status())
        .isEqualTo(400);
  }

  @Test
  void websocketEchoes(SquallClient client) throws Exception {
    WebSocketConnection ws = client.websocketConnect("/echo");
    ws.writeMessage("hi").get(10, TimeUnit.SECONDS);
    assertThat(ws.readMessage().get(10, TimeUnit.SECONDS).asText()).isEqualTo("You said: hi");
    ws.close();
  }
}
