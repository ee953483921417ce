package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK's own WebSocket client ({@code java.net.http.WebSocket}) against Squall's server. */
@SquallTest
class JdkWebSocketInteropTest {
  final Sockets.Events events = new Sockets.Events();
  final HttpClient http = HttpClient.newHttpClient();

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/going-away", () -> new Sockets.GoingAway(events))
        .build();
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  /** Collects whole messages, pongs and the close; asks for one event at a time. */
  static final class Recorder implements WebSocket.Listener {
    final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(text.toString());
        text = new StringBuilder();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ByteBuffer grown = ByteBuffer.allocate(binary.remaining() + data.remaining());
      grown.put(binary).put(data).flip();
      binary = grown;
      if (last) {
        byte[] b = new byte[binary.remaining()];
        binary.get(b);
        received.add(b);
        binary = ByteBuffer.allocate(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      received.add("pong:" + StandardCharsets.UTF_8.decode(message));
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }

    Object next() throws InterruptedException {
      Object o = received.poll(10, TimeUnit.SECONDS);
      if (o == null) {
        throw new AssertionError("nothing received within 10 s");
      }
      return o;
    }
  }

  private WebSocket connect(SquallClient client, String path, Recorder recorder) throws Exception {
    return http.newWebSocketBuilder()
        .buildAsync(URI.create(client.wsUrl(path)), recorder)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void textBinaryFragmentsLargePingAndClientClose(SquallClient client) throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect(client, "/echo", r);

    ws.sendText("hello from the JDK", true).get(10, TimeUnit.SECONDS);
    assertThat(r.next()).isEqualTo("hello from the JDK");

    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 200}), true)
        .get(10, TimeUnit.SECONDS);
    assertThat((byte[]) r.next()).containsExactly(1, 2, 3, 200);

    ws.sendText("frag", false).get(10, TimeUnit.SECONDS);
    ws.sendText("men", false).get(10, TimeUnit.SECONDS);
    ws.sendText("ted ✓", true).get(10, TimeUnit.SECONDS);
    assertThat(r.next()).isEqualTo("fragmented ✓");

    byte[] big = new byte[1024 * 1024 + 3];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7 + (i >> 10));
    }
    ws.sendBinary(ByteBuffer.wrap(big), true).get(10, TimeUnit.SECONDS);
    assertThat((byte[]) r.next()).isEqualTo(big);

    ws.sendPing(ByteBuffer.wrap("ping!".getBytes(StandardCharsets.UTF_8)))
        .get(10, TimeUnit.SECONDS);
    assertThat(r.next()).isEqualTo("pong:ping!");

    ws.sendClose(4000, "client bye").get(10, TimeUnit.SECONDS);
    assertThat(r.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4000 ");
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(4000, "client bye"));
  }

  @Test
  void serverCloseWith1001(SquallClient client) throws Exception {
    Recorder r = new Recorder();
    connect(client, "/going-away", r);
    assertThat(r.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1001 server going away");
  }
}
