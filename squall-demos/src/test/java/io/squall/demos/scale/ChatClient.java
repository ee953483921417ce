package io.squall.demos.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat client over the JDK's WebSocket: posts bodies to the chat demo and keeps every body it
 * receives, in order.
 */
final class ChatClient implements AutoCloseable {
  private static final long WAIT_SECONDS = 20;

  final String name;
  private final WebSocket ws;
  private final List<String> received = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private ChatClient(String name, HttpClient http, URI uri) throws Exception {
    this.name = name;
    ws =
        http.newWebSocketBuilder()
            .buildAsync(uri, new Listener())
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Connects to the chat socket at {@code http://127.0.0.1:PORT/chat/socket}. */
  static ChatClient connect(String name, HttpClient http, int port) throws Exception {
    return new ChatClient(name, http, URI.create("ws://127.0.0.1:" + port + "/chat/socket"));
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String body;
        try {
          JsonNode node = Json.mapper().readTree(text.toString());
          body = node.get("body").asText();
        } catch (Exception e) {
          body = "<not a chat message: " + text + ">";
        }
        text.setLength(0);
        synchronized (received) {
          received.add(body);
          received.notifyAll();
        }
      }
      w.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
      closed.complete(code);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  /** Posts {@code body} and waits until it is sent. */
  void post(String body) throws Exception {
    String json = Json.mapper().writeValueAsString(Map.of("body", body));
    ws.sendText(json, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Waits until {@code n} received bodies match {@code filter} (at most {@code timeout}) and
   * returns those, in the order they came.
   */
  List<String> await(Predicate<String> filter, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (true) {
        List<String> match = received.stream().filter(filter).toList();
        long left = deadline - System.nanoTime();
        if (match.size() >= n || left <= 0) {
          return match;
        }
        TimeUnit.NANOSECONDS.timedWait(received, left);
      }
    }
  }

  /** Whether {@code body} was received within {@code timeout}. */
  boolean saw(String body, Duration timeout) throws InterruptedException {
    return !await(body::equals, 1, timeout).isEmpty();
  }

  /** The close code the server sent. */
  CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Closes the socket (1000) and waits for the server's Close. */
  @Override
  public void close() throws Exception {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    try {
      closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      ws.abort();
    }
  }
}
