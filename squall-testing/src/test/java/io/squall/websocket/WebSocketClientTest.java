package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Squall's client against Squall's server. */
@SquallTest
class WebSocketClientTest {
  final Sockets.Events events = new Sockets.Events();
  final CompletableFuture<Void> gate = new CompletableFuture<>();

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/deflate", () -> new Sockets.DeflateEcho(events))
        .route("/going-away", () -> new Sockets.GoingAway(events))
        .route("/subprotocols", () -> new Sockets.Subprotocols(events))
        .route("/slow-open", () -> new Sockets.SlowOpen(events, gate))
        .route("/blocking", () -> new Sockets.BlockingRecorder(events))
        .route("/json", () -> new Sockets.Json(events))
        .build();
  }

  private static WebSocketMessage read(WebSocketConnection conn) throws Exception {
    return conn.readMessage().get(10, TimeUnit.SECONDS);
  }

  @Test
  void echoesTextAndBinary(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo");
    conn.writeMessage("héllo ✓").get(10, TimeUnit.SECONDS);
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("héllo ✓"));
    conn.writeMessage(new byte[] {0, 1, (byte) 255});
    WebSocketMessage m = read(conn);
    assertThat(m.isText()).isFalse();
    assertThat(m.asBytes()).containsExactly(0, 1, 255);
    conn.writeMessage("");
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text(""));
    conn.close();
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(1000, ""));
  }

  @Test
  void readMessageIsNullOnceClosed(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo");
    conn.writeMessage("last");
    conn.close(4000, "client bye");
    // The echo sent before the close still arrives, then null.
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("last"));
    assertThat(read(conn)).isNull();
    assertThat(read(conn)).isNull();
    conn.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(conn.closeCode()).isEqualTo(4000); // the server echoed our code
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(4000, "client bye"));
  }

  @Test
  void closeWithAnUnreadMessageStillCompletesTheClosingHandshake(SquallClient client)
      throws Exception {
    // A long close timeout: the handshake must finish by reading the server's Close, not by it.
    WebSocketConnection conn =
        client.websocketConnect(
            "/echo", WebSocketClientOptions.builder().closeTimeout(Duration.ofSeconds(60)).build());
    conn.writeMessage("first");
    conn.writeMessage("unread");
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("first"));
    // "unread" now waits to be read (or is on its way), which holds back reading from the socket.
    conn.close(4001, "not reading");
    conn.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(conn.closeCode()).isEqualTo(4001);
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(4001, "not reading"));
    assertThat(read(conn)).isEqualTo(WebSocketMessage.text("unread"));
    assertThat(read(conn)).isNull();
  }

  @Test
  void writingAfterCloseFailsWithATypedException(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo");
    conn.close();
    CompletableFuture<Void> write = conn.writeMessage("too late");
    assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketClosedException.class);
    assertThat(conn.isClosing()).isTrue();
  }

  @Test
  void serverCloseReachesTheClient(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/going-away");
    assertThat(read(conn)).isNull();
    assertThat(conn.closeCode()).isEqualTo(CloseCode.GOING_AWAY);
    assertThat(conn.closeReason()).isEqualTo("server going away");
    assertThat(events.nextClose().code()).isEqualTo(CloseCode.GOING_AWAY); // our echo
  }

  @Test
  void subprotocolIsSelectedByTheServer(SquallClient client) throws Exception {
    WebSocketConnection conn =
        client.websocketConnect(
            "/subprotocols",
            WebSocketClientOptions.builder().subprotocols("chat.v1", "chat.v2").build());
    assertThat(conn.selectedSubprotocol()).isEqualTo("chat.v2");
    assertThat(read(conn).asText()).isEqualTo("selected chat.v2");

    WebSocketConnection none = client.websocketConnect("/subprotocols");
    assertThat(none.selectedSubprotocol()).isNull();
    assertThat(read(none).asText()).isEqualTo("selected null");
  }

  @Test
  void compressionWhenBothSidesWantIt(SquallClient client) throws Exception {
    WebSocketClientOptions deflate =
        WebSocketClientOptions.builder().compression(CompressionOptions.defaults()).build();
    String text = "squall ".repeat(10_000);

    WebSocketConnection both = client.websocketConnect("/deflate", deflate);
    assertThat(both.responseHeaders().get("Sec-WebSocket-Extensions"))
        .startsWith("permessage-deflate");
    for (int i = 0; i < 3; i++) { // context takeover across messages
      both.writeMessage(text + i);
      assertThat(read(both).asText()).isEqualTo(text + i);
    }
    byte[] bytes = new byte[100_000];
    both.writeMessage(bytes);
    assertThat(read(both).asBytes()).isEqualTo(bytes);

    WebSocketConnection serverSaysNo = client.websocketConnect("/echo", deflate);
    assertThat(serverSaysNo.responseHeaders().get("Sec-WebSocket-Extensions")).isNull();
    serverSaysNo.writeMessage(text);
    assertThat(read(serverSaysNo).asText()).isEqualTo(text);

    WebSocketConnection clientSaysNo = client.websocketConnect("/deflate");
    assertThat(clientSaysNo.responseHeaders().get("Sec-WebSocket-Extensions")).isNull();
    clientSaysNo.writeMessage(text);
    assertThat(read(clientSaysNo).asText()).isEqualTo(text);
  }

  @Test
  void crossOriginRefusalIsATypedFailure(SquallClient client) throws Exception {
    WebSocketRequest request =
        new WebSocketRequest(
            client.wsUrl("/echo"), Map.of("Origin", "http://evil.example"), List.of());
    CompletableFuture<WebSocketConnection> f =
        WebSocketClient.connect(
            request, WebSocketClientOptions.builder().loop(client.loop()).build());
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    WebSocketHandshakeException h = (WebSocketHandshakeException) e.getCause();
    assertThat(h.status()).isEqualTo(403);
    assertThat(h.body()).contains("Cross origin");
  }

  @Test
  void unknownPathIsATypedFailure(SquallClient client) throws Exception {
    CompletableFuture<WebSocketConnection> f =
        WebSocketClient.connect(
            client.wsUrl("/nowhere"), WebSocketClientOptions.builder().loop(client.loop()).build());
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(c -> assertThat(((WebSocketHandshakeException) c).status()).isEqualTo(404));
  }

  @Test
  void connectTimesOutWhenTheServerNeverAnswers(SquallClient client) throws Exception {
    // The kernel accepts connections into the backlog, but nobody ever answers the handshake.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      WebSocketClientOptions options =
          WebSocketClientOptions.builder()
              .loop(client.loop())
              .connectTimeout(Duration.ofMillis(300))
              .build();
      CompletableFuture<WebSocketConnection> f =
          WebSocketClient.connect("ws://127.0.0.1:" + silent.getLocalPort() + "/", options);
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void connectionRefusedFails(SquallClient client) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CompletableFuture<WebSocketConnection> f =
        WebSocketClient.connect(
            "ws://127.0.0.1:" + port + "/",
            WebSocketClientOptions.builder().loop(client.loop()).build());
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void badUrlsAreRefusedAtOnce() {
    assertThatThrownBy(() -> WebSocketClient.connect("ftp://example.com/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                WebSocketClient.connect(
                    new WebSocketRequest(
                        "ws://example.com/", Map.of("Sec-WebSocket-Key", "x"), List.of()),
                    WebSocketClientOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onMessageCallbackGetsEveryMessage(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo");
    LinkedBlockingQueue<WebSocketMessage> got = new LinkedBlockingQueue<>();
    conn.writeMessage("before the callback");
    conn.onMessage(got::add);
    conn.writeMessage("after");
    assertThat(got.poll(10, TimeUnit.SECONDS))
        .isEqualTo(WebSocketMessage.text("before the callback"));
    assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(WebSocketMessage.text("after"));
    assertThatThrownBy(conn::readMessage).isInstanceOf(IllegalStateException.class);
    conn.close();
    conn.closeFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void onMessageAfterReadMessageIsRefused(SquallClient client) {
    WebSocketConnection conn = client.websocketConnect("/echo");
    conn.readMessage();
    assertThatThrownBy(() -> conn.onMessage(m -> {})).isInstanceOf(IllegalStateException.class);
    conn.close();
  }

  @Test
  void pingIsAnsweredWithPong(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/echo");
    conn.ping("x".getBytes()).get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> conn.ping(new byte[126])).isInstanceOf(IllegalArgumentException.class);
    conn.close();
  }

  @Test
  void messagesWaitUntilOpenCompletes(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/slow-open");
    assertThat(events.next()).isEqualTo("opening");
    conn.writeMessage("early").get(10, TimeUnit.SECONDS);
    client.loop().addCallback(() -> gate.complete(null));
    assertThat(read(conn).asText()).isEqualTo("early");
    assertThat(events.next()).isEqualTo("opened");
    assertThat(events.next()).isEqualTo("message early");
  }

  @Test
  void writeMessageOfAnObjectSendsJson(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/json");
    WebSocketMessage m = read(conn);
    assertThat(m.isText()).isTrue();
    assertThat(m.asText()).isEqualTo("{\"hello\":[1,2]}");
  }

  @Test
  void blockingHandlerTakesOneMessageAtATimeInOrder(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/blocking");
    assertThat(events.next()).isEqualTo("open virtual=true");
    int n = 20;
    for (int i = 0; i < n; i++) {
      conn.writeMessage(Integer.toString(i)); // all sent at once: they queue up at the server
    }
    conn.writeMessage("last");
    assertThat(read(conn).asText()).isEqualTo("done");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add("start " + i);
      expected.add("end " + i + " virtual=true");
    }
    expected.add("start last");
    expected.add("end last virtual=true");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      seen.add(events.next());
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    conn.close();
    assertThat(events.next()).isEqualTo("close virtual=true");
    assertThat(events.nextClose().code()).isEqualTo(1000);
  }
}
