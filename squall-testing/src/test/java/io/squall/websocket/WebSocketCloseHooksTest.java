package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tornado's close hooks: on_ws_connection_close, then on_connection_close, then on_close once. */
@SquallTest
class WebSocketCloseHooksTest {
  final Sockets.Events events = new Sockets.Events();

  /** Records the order of the close hooks. */
  public static class Hooks extends Sockets.Echo {
    Hooks(Sockets.Events events) {
      super(events);
    }

    @Override
    protected void onWsConnectionClose(int code, String reason) {
      events.add("ws-close " + code + " " + reason);
      super.onWsConnectionClose(code, reason);
    }

    @Override
    public void onConnectionClose() {
      events.add("connection-close");
      super.onConnectionClose();
      super.onConnectionClose(); // a second call does not run onClose again
    }
  }

  @TestApplication
  Application app() {
    return Application.builder().route("/hooks", () -> new Hooks(events)).build();
  }

  @Test
  void closeHooksRunInTornadosOrderAndOnCloseOnce(SquallClient client) throws Exception {
    WebSocketConnection conn = client.websocketConnect("/hooks");
    assertThat(events.next()).isEqualTo("open ");
    conn.close(1001, "bye");
    conn.closeFuture().get(10, TimeUnit.SECONDS);
    assertThat(events.next()).isEqualTo("ws-close 1001 bye");
    assertThat(events.next()).isEqualTo("connection-close");
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(1001, "bye"));
    assertThat(events.closes.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }
}
