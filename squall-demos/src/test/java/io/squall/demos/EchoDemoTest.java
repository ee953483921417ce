package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.demos.ws.EchoDemo;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.websocket.WebSocketClientOptions;
import io.squall.websocket.WebSocketConnection;
import io.squall.websocket.WebSocketHandshakeException;
import io.squall.websocket.WebSocketMessage;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The WebSocket echo demo: text and binary come back as they went, and the page that uses it. */
@SquallTest
class EchoDemoTest {
  @TestApplication
  Application app() {
    return EchoDemo.standalone();
  }

  private static WebSocketMessage read(WebSocketConnection conn) throws Exception {
    return conn.readMessage().get(10, TimeUnit.SECONDS);
  }

  @Test
  void textComesBackAsText(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/ws/echo");
    for (String text : new String[] {"hello", "", "héllo ✓ 日本 🎉", "x".repeat(70_000)}) {
      conn.writeMessage(text);
      assertThat(read(conn)).isEqualTo(WebSocketMessage.text(text));
    }
    conn.close();
    assertThat(read(conn)).isNull();
    assertThat(conn.closeCode()).isEqualTo(1000);
  }

  @Test
  void binaryComesBackAsBinary(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/ws/echo");
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    byte[] big = new byte[100_000];
    new Random(42).nextBytes(big);
    for (byte[] data : new byte[][] {every, new byte[0], big}) {
      conn.writeMessage(data.clone());
      WebSocketMessage m = read(conn);
      assertThat(m).isInstanceOf(WebSocketMessage.Binary.class);
      assertThat(m.asBytes()).isEqualTo(data);
    }
    // Text and binary interleaved keep their kinds and their order.
    conn.writeMessage("t1");
    conn.writeMessage(new byte[] {1, 2});
    conn.writeMessage("t2");
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("t1"));
    assertThat(read(conn)).isEqualTo(WebSocketMessage.binary(new byte[] {1, 2}));
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("t2"));
    conn.close();
  }

  /** A browser-like client: the JDK's, which sends from a page's origin and reassembles frames. */
  @Test
  void theJdkClientGetsTextAndBinaryBack(SquallClient client) throws Exception {
    LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();
          private final java.io.ByteArrayOutputStream binary = new ByteArrayOutputStream();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add(text.toString());
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
              received.add(binary.toByteArray());
              binary.reset();
            }
            ws.request(1);
            return null;
          }
        };
    try (HttpClient http = HttpClient.newHttpClient()) {
      WebSocket ws =
          http.newWebSocketBuilder()
              .header("Origin", "http://127.0.0.1:" + client.port())
              .buildAsync(URI.create(client.wsUrl("/ws/echo")), listener)
              .get(10, TimeUnit.SECONDS);
      ws.sendText("from the JDK", true).get(10, TimeUnit.SECONDS);
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("from the JDK");
      ws.sendBinary(ByteBuffer.wrap(new byte[] {9, 8, 7}), true).get(10, TimeUnit.SECONDS);
      assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new byte[] {9, 8, 7});
      CompletableFuture<WebSocket> closed = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      closed.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anotherSitesPageIsRefused(SquallClient client) {
    WebSocketClientOptions sameSite =
        WebSocketClientOptions.builder().header("Origin", client.url("")).build();
    client.websocketConnect("/ws/echo", sameSite).close();

    WebSocketClientOptions otherSite =
        WebSocketClientOptions.builder().header("Origin", "http://evil.example").build();
    try (ExpectLog log = ExpectLog.expect("squall.access", "403 GET /ws/echo")) {
      assertThatThrownBy(() -> client.websocketConnect("/ws/echo", otherSite))
          .isInstanceOf(UncheckedIOException.class)
          .cause()
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
  }

  @Test
  void thePageOpensTheEchoSocket(SquallClient client) {
    FetchResponse page = client.fetch("/ws/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    String html = page.text();
    assertThat(html).contains("<title>WebSocket echo</title>");
    assertThat(html).contains("data-socket=\"/ws/echo\"");
    assertThat(html).containsPattern("src=\"/ws/static/ws\\.js\\?v=[0-9a-f]+\"");

    FetchResponse js = client.fetch("/ws/static/ws.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.text())
        .contains("new WebSocket(")
        .contains("dataset.socket")
        .contains("binaryType = \"arraybuffer\"")
        .contains("bytes.buffer");
  }

  @Test
  void aPlainGetOfTheSocketIsRefused(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("squall.access", "400 GET /ws/echo")) {
      assertThat(client.fetch("/ws/echo").status()).isEqualTo(400);
    }
  }

  @Test
  void theHubMountsTheDemo() throws Exception {
    try (SquallClient hub = SquallClient.start(DemoHub.app())) {
      assertThat(hub.fetch("/").text()).contains("href=\"/ws/\"");
      assertThat(hub.fetch("/ws/").text()).contains("data-socket=\"/ws/echo\"");
      WebSocketConnection conn = hub.websocketConnect("/ws/echo");
      conn.writeMessage("via the hub");
      assertThat(read(conn)).isEqualTo(WebSocketMessage.text("via the hub"));
      conn.close();
    }
  }
}
