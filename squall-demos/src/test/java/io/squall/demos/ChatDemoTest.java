package io.squall.demos;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.squall.demos.chat.ChatDemo;
import io.squall.demos.chat.ChatMessage;
import io.squall.demos.chat.ChatRoom;
import io.squall.escape.Json;
import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.ioloop.IOLoop;
import io.squall.tcp.TcpServer;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.testing.TestServerOptions;
import io.squall.web.Application;
import io.squall.websocket.CompressionOptions;
import io.squall.websocket.WebSocketClient;
import io.squall.websocket.WebSocketClientOptions;
import io.squall.websocket.WebSocketConnection;
import io.squall.websocket.WebSocketMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The WebSocket chat: fan-out to every client in one order, history, escaping, bad clients. */
@SquallTest
class ChatDemoTest {
  private static final String SOCKET = "/chat/socket";

  /** A small room, so the history's bound shows. */
  private final ChatRoom room = new ChatRoom(5);

  @TestApplication
  Application app() {
    return Application.builder().mount("/chat", ChatDemo.app(room)).build();
  }

  /** A small cap on queued output, so a client that stops reading is closed soon. */
  @TestServerOptions
  HttpServerOptions options() {
    return HttpServerOptions.builder().maxWriteBufferSize(256 * 1024).build();
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<Void> say(WebSocketConnection conn, String body) {
    return conn.writeMessage(json(Map.of("body", body)));
  }

  /** The next message, which must be a chat message. */
  private static JsonNode next(WebSocketConnection conn) throws Exception {
    WebSocketMessage m = conn.readMessage().get(10, SECONDS);
    assertThat(m).as("a message, not the end of the connection").isNotNull();
    assertThat(m.isText()).isTrue();
    JsonNode node = Json.mapper().readTree(m.asText());
    assertThat(node.get("id").isTextual()).isTrue();
    assertThat(node.get("body").isTextual()).isTrue();
    assertThat(node.get("html").isTextual()).isTrue();
    return node;
  }

  private static List<JsonNode> next(WebSocketConnection conn, int count) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(next(conn));
    }
    return out;
  }

  /** Reads until a message with {@code body}, and returns everything read, that one included. */
  private static List<JsonNode> until(WebSocketConnection conn, String body) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JsonNode m;
    do {
      m = next(conn);
      out.add(m);
    } while (!m.get("body").asText().equals(body));
    return out;
  }

  private static List<String> ids(List<JsonNode> messages) {
    return messages.stream().map(m -> m.get("id").asText()).toList();
  }

  private static List<String> bodies(List<JsonNode> messages) {
    return messages.stream().map(m -> m.get("body").asText()).toList();
  }

  /** Polls {@code value} until it equals {@code expected}, for at most five seconds. */
  private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(5);
    while (value.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(value.getAsInt()).isEqualTo(expected);
  }

  /** A WebSocket made by hand on a plain socket, which reads nothing after the handshake. */
  private static RawConnection rawSocket(SquallClient client) {
    RawConnection raw = client.raw();
    raw.send(
        "GET "
            + SOCKET
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + client.port()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(raw.readResponse().status()).isEqualTo(101);
    return raw;
  }

  // ------------------------------------------------------------------------------------------
  // fan-out and order

  @Test
  void threeClientsOnThreeLoopsSeeEveryMessageOnceInTheSameOrder() throws Exception {
    ChatRoom bigRoom = new ChatRoom();
    HttpServer server =
        new HttpServer(
            Application.builder().mount("/chat", ChatDemo.app(bigRoom)).build(),
            HttpServerOptions.defaults());
    List<IOLoop> clientLoops = new ArrayList<>();
    try {
      server.bind(0, "127.0.0.1", TcpServer.DEFAULT_BACKLOG, false);
      server.start(3);
      String url = "ws://127.0.0.1:" + server.port() + SOCKET;
      List<WebSocketConnection> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        IOLoop loop = IOLoop.startOnNewThread("chat-client-" + i);
        clientLoops.add(loop);
        WebSocketClientOptions options = WebSocketClientOptions.builder().loop(loop).build();
        clients.add(WebSocketClient.connect(url, options).get(10, SECONDS));
      }
      awaitValue(bigRoom::memberCount, 3);
      // One acceptor on the first loop, which hands connections to the loops in turn.
      List<Integer> channels = new ArrayList<>();
      for (IOLoop loop : server.loops()) {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        loop.addCallback(() -> n.complete(loop.handlerCount()));
        channels.add(n.get(5, SECONDS));
      }
      assertThat(channels).as("channels per server loop").containsExactly(2, 1, 1);

      // Each client sends 10 messages from its own thread, all at once.
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> senders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WebSocketConnection c = clients.get(i);
        String name = "c" + i;
        senders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      for (int k = 0; k < 10; k++) {
                        say(c, name + "-" + k);
                      }
                    }));
      }
      go.countDown();
      for (Thread t : senders) {
        t.join(10_000);
      }

      List<List<JsonNode>> seen = new ArrayList<>();
      for (WebSocketConnection c : clients) {
        seen.add(next(c, 30));
      }
      List<String> order = ids(seen.get(0));
      assertThat(new HashSet<>(order)).hasSize(30);
      assertThat(ids(seen.get(1))).isEqualTo(order);
      assertThat(ids(seen.get(2))).isEqualTo(order);
      List<String> received = bodies(seen.get(0));
      for (int i = 0; i < 3; i++) {
        String prefix = "c" + i + "-";
        List<String> own = received.stream().filter(b -> b.startsWith(prefix)).toList();
        assertThat(own)
            .as("client %d's messages, in the order it sent them", i)
            .containsExactly(
                java.util.stream.IntStream.range(0, 10)
                    .mapToObj(k -> prefix + k)
                    .toArray(String[]::new));
      }

      // Nothing more was sent to anyone: the next message each client gets is the last one.
      say(clients.get(2), "end");
      for (WebSocketConnection c : clients) {
        assertThat(next(c).get("body").asText()).isEqualTo("end");
      }
      List<String> cached = bigRoom.messages().stream().map(ChatMessage::id).toList();
      assertThat(cached.subList(0, 30)).isEqualTo(order);
      for (WebSocketConnection c : clients) {
        c.close();
      }
      awaitValue(bigRoom::memberCount, 0);
    } finally {
      server.close();
      clientLoops.forEach(IOLoop::shutdown);
    }
  }

  @Test
  void aScriptInABodyIsEscapedInTheHtmlAndVerbatimInTheBody(SquallClient client) throws Exception {
    WebSocketConnection a = client.websocketConnect(SOCKET);
    WebSocketConnection b = client.websocketConnect(SOCKET);
    awaitValue(room::memberCount, 2);
    String body = "<script>alert('x')</script> & see http://example.com";
    say(a, body);
    for (WebSocketConnection c : List.of(a, b)) {
      JsonNode m = next(c);
      assertThat(m.get("body").asText()).isEqualTo(body);
      assertThat(m.get("html").asText())
          .isEqualTo(
              "<div class=\"message\" id=\"m"
                  + m.get("id").asText()
                  + "\">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; see "
                  + "<a href=\"http://example.com\">http://example.com</a></div>\n");
    }
  }

  // ------------------------------------------------------------------------------------------
  // history

  @Test
  void aNewClientGetsTheRecentHistoryThenWhatFollows(SquallClient client) throws Exception {
    WebSocketConnection a = client.websocketConnect(SOCKET);
    for (int i = 1; i <= 7; i++) {
      say(a, "m" + i);
    }
    List<JsonNode> sent = next(a, 7);

    WebSocketConnection b = client.websocketConnect(SOCKET);
    List<JsonNode> history = next(b, 5); // the room keeps five
    assertThat(bodies(history)).containsExactly("m3", "m4", "m5", "m6", "m7");
    assertThat(ids(history)).isEqualTo(ids(sent.subList(2, 7)));
    assertThat(history.get(4).get("html").asText()).isEqualTo(sent.get(6).get("html").asText());

    say(a, "live");
    assertThat(next(b).get("body").asText()).isEqualTo("live");
    assertThat(next(a).get("body").asText()).isEqualTo("live");
  }

  @Test
  void aClientJoiningWhileOthersTalkMissesNothingAndGetsNothingTwice(SquallClient client)
      throws Exception {
    WebSocketConnection a = client.websocketConnect(SOCKET);
    for (int i = 0; i < 40; i++) {
      say(a, "m" + i);
    }
    WebSocketConnection b = client.websocketConnect(SOCKET); // somewhere in the stream
    say(a, "end");
    List<String> all = ids(until(a, "end"));
    List<String> joined = ids(until(b, "end"));
    assertThat(joined.size()).isGreaterThanOrEqualTo(Math.min(5, all.size()));
    // What b saw is an unbroken tail of what a saw: the history at its join, then every message.
    assertThat(joined).isEqualTo(all.subList(all.size() - joined.size(), all.size()));
  }

  // ------------------------------------------------------------------------------------------
  // clients that leave or misbehave

  @Test
  void aClientThatDisconnectsIsDroppedWithoutErrorsForTheOthers(SquallClient client)
      throws Exception {
    try (ExpectLog core = ExpectLog.forbid("io.squall", "Uncaught|Exception in|could not");
        ExpectLog chat = ExpectLog.forbid("io.squall.demos.chat", ".")) {
      WebSocketConnection a = client.websocketConnect(SOCKET);
      WebSocketConnection b = client.websocketConnect(SOCKET);
      WebSocketConnection leaving = client.websocketConnect(SOCKET);
      RawConnection vanishing = rawSocket(client);
      awaitValue(room::memberCount, 4);

      for (int i = 0; i < 20; i++) {
        say(a, "a" + i);
        say(b, "b" + i);
        if (i == 5) {
          leaving.close(); // a clean close
          vanishing.close(); // no Close frame; unread data makes it a reset
        }
      }
      List<JsonNode> seenByA = next(a, 40);
      List<JsonNode> seenByB = next(b, 40);
      assertThat(ids(seenByB)).isEqualTo(ids(seenByA));
      assertThat(bodies(seenByA)).filteredOn(s -> s.startsWith("a")).hasSize(20);
      assertThat(bodies(seenByA)).filteredOn(s -> s.startsWith("b")).hasSize(20);
      awaitValue(room::memberCount, 2);

      // The two that stayed keep chatting.
      say(b, "still here");
      assertThat(next(a).get("body").asText()).isEqualTo("still here");
      assertThat(next(b).get("body").asText()).isEqualTo("still here");
      assertThat(leaving.closeCode()).isEqualTo(1000);
    }
  }

  @Test
  void invalidMessagesCloseOnlyTheirSendersConnection(SquallClient client) throws Exception {
    try (ExpectLog core = ExpectLog.forbid("io.squall", "Uncaught|Exception in|could not")) {
      WebSocketConnection good = client.websocketConnect(SOCKET);
      record Bad(String what, Object message, int code) {}
      List<Bad> bad =
          List.of(
              new Bad("not JSON", "hello there", 1007),
              new Bad("truncated JSON", "{\"body\": \"x", 1007),
              new Bad("a JSON array", "[\"body\"]", 1007),
              new Bad("a number as body", "{\"body\": 5}", 1007),
              new Bad("no body", "{\"text\": \"x\"}", 1007),
              new Bad("JSON null", "null", 1007),
              new Bad("an empty message", "", 1007),
              new Bad("a binary message", new byte[] {'{', '}'}, 1003),
              new Bad(
                  "a body over the limit",
                  json(Map.of("body", "x".repeat(ChatDemo.MAX_BODY_LENGTH + 1))),
                  1009),
              new Bad("a message over the limit", "x".repeat(ChatDemo.MAX_MESSAGE_SIZE + 1), 1009));
      for (Bad b : bad) {
        WebSocketConnection conn = client.websocketConnect(SOCKET);
        if (b.message() instanceof String s) {
          conn.writeMessage(s);
        } else {
          conn.writeMessage((byte[]) b.message());
        }
        assertThat(conn.readMessage().get(10, SECONDS)).as(b.what()).isNull();
        assertThat(conn.closeCode()).as(b.what()).isEqualTo(b.code());
        if (b.code() == 1007) {
          assertThat(conn.closeReason()).contains("{\"body\": \"...\"}");
        }
      }
      // What a client sends after the bad message, before it hears of the close, is not posted.
      WebSocketConnection sneaky = client.websocketConnect(SOCKET);
      sneaky.writeMessage("oops");
      say(sneaky, "sent after the bad one");
      assertThat(sneaky.readMessage().get(10, SECONDS)).isNull();
      assertThat(sneaky.closeCode()).isEqualTo(1007);
      awaitValue(room::memberCount, 1);

      // A blank body is ignored; the connection stays open.
      say(good, "  \t");
      say(good, "fine");
      assertThat(next(good).get("body").asText()).isEqualTo("fine");
      assertThat(room.messages()).extracting(ChatMessage::body).containsExactly("fine");
      assertThat(good.isClosing()).isFalse();
    }
  }

  @Test
  void aClientThatStopsReadingIsDroppedBeforeItCostsUnboundedMemory(SquallClient client)
      throws Exception {
    WebSocketConnection a = client.websocketConnect(SOCKET);
    try (RawConnection stuck = rawSocket(client);
        ExpectLog log = ExpectLog.expect("io.squall.websocket", "not reading")) {
      awaitValue(room::memberCount, 2);
      String big = "y".repeat(ChatDemo.MAX_BODY_LENGTH - 10);
      int sent = 0;
      // Fill the socket buffers of the client that reads nothing, until the room lets it go.
      while (room.memberCount() == 2 && sent < 20_000) {
        say(a, big + sent);
        assertThat(next(a).get("body").asText()).isEqualTo(big + sent);
        sent++;
      }
      assertThat(room.memberCount()).as("members after %d messages", sent).isEqualTo(1);
      say(a, "after");
      assertThat(next(a).get("body").asText()).isEqualTo("after");
    }
  }

  // ------------------------------------------------------------------------------------------
  // the page, compression, the hub

  @Test
  void thePageShowsTheHistoryEscapedAndOpensTheSocket(SquallClient client) throws Exception {
    WebSocketConnection a = client.websocketConnect(SOCKET);
    say(a, "<b>bold</b> & co");
    say(a, "plain");
    next(a, 2);

    FetchResponse r = client.fetch("/chat/");
    assertThat(r.status()).isEqualTo(200);
    String html = r.text();
    assertThat(html).contains("<title>WebSocket chat</title>");
    assertThat(html).contains("data-socket=\"/chat/socket\"");
    assertThat(html).containsPattern("src=\"/chat/static/chat\\.js\\?v=[0-9a-f]+\"");
    assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; &amp; co").doesNotContain("<b>bold");
    assertThat(html.indexOf("&lt;b&gt;bold")).isLessThan(html.indexOf(">plain<"));

    FetchResponse js = client.fetch("/chat/static/chat.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.text()).contains("new WebSocket(").contains("JSON.stringify({ body: text })");
  }

  @Test
  void compressedAndPlainClientsShareTheRoom(SquallClient client) throws Exception {
    WebSocketConnection zipped =
        client.websocketConnect(
            SOCKET,
            WebSocketClientOptions.builder().compression(CompressionOptions.defaults()).build());
    WebSocketConnection plain = client.websocketConnect(SOCKET);
    assertThat(zipped.responseHeaders().get("Sec-WebSocket-Extensions"))
        .startsWith("permessage-deflate");
    assertThat(plain.responseHeaders().get("Sec-WebSocket-Extensions")).isNull();
    String long1 = "squeeze me ".repeat(150);
    say(zipped, long1);
    for (WebSocketConnection c : List.of(zipped, plain)) {
      assertThat(next(c).get("body").asText()).isEqualTo(long1);
    }
    say(plain, "short");
    for (WebSocketConnection c : List.of(zipped, plain)) {
      assertThat(next(c).get("body").asText()).isEqualTo("short");
    }
  }

  @Test
  void theHubMountsTheDemoAndItServesAlone() throws Exception {
    try (SquallClient hub = SquallClient.start(DemoHub.app())) {
      assertThat(hub.fetch("/").text()).contains("href=\"/chat/\"");
      assertThat(hub.fetch("/chat/").text()).contains("data-socket=\"/chat/socket\"");
      WebSocketConnection conn = hub.websocketConnect(SOCKET);
      say(conn, "via the hub");
      assertThat(next(conn).get("body").asText()).isEqualTo("via the hub");
      conn.close();
    }
    try (SquallClient alone = SquallClient.start(ChatDemo.standalone())) {
      WebSocketConnection conn = alone.websocketConnect(SOCKET);
      say(conn, "alone");
      assertThat(next(conn).get("body").asText()).isEqualTo("alone");
      assertThat(alone.fetch("/hello").status()).isEqualTo(404);
      conn.close();
    }
  }
}
