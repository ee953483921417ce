package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.HttpError;
import org.junit.jupiter.api.Test;

/** The server's answers to good and bad upgrade requests, seen over a raw socket. */
@SquallTest
class WebSocketHandshakeTest {
  final Sockets.Events events = new Sockets.Events();

  /** Refuses every upgrade in prepare(). */
  public static class Unauthorized extends Sockets.Echo {
    Unauthorized(Sockets.Events events) {
      super(events);
    }

    public void prepare() {
      throw new HttpError(401);
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/args/(\\w+)/(\\w+)", () -> new Sockets.Echo(events))
        .route("/prepared", () -> new Sockets.WithPrepare(events))
        .route("/unauthorized", () -> new Unauthorized(events))
        .route("/subprotocols", () -> new Sockets.Subprotocols(events))
        .route("/deflate", () -> new Sockets.DeflateEcho(events))
        .build();
  }

  private static RawConnection.Response upgrade(SquallClient client, String request) {
    try (RawConnection raw = client.raw()) {
      return raw.send(request).readResponse();
    }
  }

  @Test
  void validRequestGets101WithTheAcceptKey(SquallClient client) throws Exception {
    try (RawConnection raw = client.raw()) {
      RawConnection.Response r = raw.send(RawFrames.upgrade(client.port(), "/echo")).readResponse();
      assertThat(r.status()).isEqualTo(101);
      // RFC 6455 section 1.3's worked example.
      assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      assertThat(r.header("Upgrade")).isEqualToIgnoringCase("websocket");
      assertThat(r.header("Connection")).isEqualToIgnoringCase("Upgrade");
      assertThat(r.header("Content-Type")).isNull();
      assertThat(r.header("Content-Length")).isNull();
      assertThat(r.header("Transfer-Encoding")).isNull();
      assertThat(r.header("Sec-WebSocket-Protocol")).isNull();
      assertThat(r.header("Sec-WebSocket-Extensions")).isNull();
      assertThat(events.next()).isEqualTo("open ");
      raw.send(RawFrames.text("hi")).send(RawFrames.close(1000, ""));
      assertThat(RawFrames.parse(raw.readAll()))
          .extracting(RawFrames.Frame::opcode)
          .containsExactly(RawFrames.TEXT, RawFrames.CLOSE);
    }
  }

  @Test
  void routeGroupsReachOpen(SquallClient client) throws Exception {
    try (RawConnection raw = client.raw()) {
      assertThat(raw.send(RawFrames.upgrade(client.port(), "/args/ab/cd")).readResponse().status())
          .isEqualTo(101);
      assertThat(events.next()).isEqualTo("open ab,cd");
    }
  }

  @Test
  void missingKeyIs400(SquallClient client) {
    String req =
        "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    assertThat(upgrade(client, req).status()).isEqualTo(400);
  }

  @Test
  void malformedKeyIs400(SquallClient client) {
    String req =
        RawFrames.upgrade(client.port(), "/echo")
            .replace("dGhlIHNhbXBsZSBub25jZQ==", "not-base64-of-16-bytes");
    assertThat(upgrade(client, req).status()).isEqualTo(400);
  }

  @Test
  void plainGetIs400(SquallClient client) {
    RawConnection.Response r = upgrade(client, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).contains("Upgrade");
  }

  @Test
  void connectionWithoutUpgradeTokenIs400(SquallClient client) {
    String req =
        RawFrames.upgrade(client.port(), "/echo")
            .replace("Connection: Upgrade", "Connection: keep-alive");
    assertThat(upgrade(client, req).status()).isEqualTo(400);
  }

  @Test
  void connectionHeaderMayListSeveralTokens(SquallClient client) {
    String req =
        RawFrames.upgrade(client.port(), "/echo")
            .replace("Connection: Upgrade", "Connection: keep-alive, Upgrade");
    assertThat(upgrade(client, req).status()).isEqualTo(101);
  }

  @Test
  void unsupportedVersionIs426WithTheSupportedOne(SquallClient client) {
    String req =
        RawFrames.upgrade(client.port(), "/echo")
            .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
    RawConnection.Response r = upgrade(client, req);
    assertThat(r.status()).isEqualTo(426);
    assertThat(r.header("Sec-WebSocket-Version")).isEqualTo("13");
  }

  @Test
  void postIs405(SquallClient client) {
    String req = RawFrames.upgrade(client.port(), "/echo").replace("GET ", "POST ");
    assertThat(upgrade(client, req).status()).isEqualTo(405);
  }

  @Test
  void crossOriginIs403(SquallClient client) {
    RawConnection.Response r =
        upgrade(client, RawFrames.upgrade(client.port(), "/echo", "Origin: http://evil.example"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.text()).contains("Cross origin");
  }

  @Test
  void sameOriginIsAccepted(SquallClient client) {
    String origin = "Origin: http://127.0.0.1:" + client.port();
    assertThat(upgrade(client, RawFrames.upgrade(client.port(), "/echo", origin)).status())
        .isEqualTo(101);
  }

  @Test
  void sameHostOnAnotherPortIs403(SquallClient client) {
    String origin = "Origin: http://127.0.0.1:" + (client.port() + 1);
    assertThat(upgrade(client, RawFrames.upgrade(client.port(), "/echo", origin)).status())
        .isEqualTo(403);
  }

  @Test
  void headersSetInPrepareReachThe101(SquallClient client) {
    RawConnection.Response r = upgrade(client, RawFrames.upgrade(client.port(), "/prepared"));
    assertThat(r.status()).isEqualTo(101);
    assertThat(r.header("X-Prepared")).isEqualTo("yes");
  }

  @Test
  void prepareMayRefuseTheUpgrade(SquallClient client) {
    assertThat(upgrade(client, RawFrames.upgrade(client.port(), "/unauthorized")).status())
        .isEqualTo(401);
  }

  @Test
  void selectedSubprotocolIsAnswered(SquallClient client) throws Exception {
    RawConnection.Response r =
        upgrade(
            client,
            RawFrames.upgrade(
                client.port(), "/subprotocols", "Sec-WebSocket-Protocol: chat.v1, chat.v2"));
    assertThat(r.status()).isEqualTo(101);
    assertThat(r.header("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
    assertThat(events.next()).isEqualTo("offered [chat.v1, chat.v2]");
  }

  @Test
  void selectSubprotocolIsCalledWithAnEmptyListWhenNoneIsOffered(SquallClient client)
      throws Exception {
    RawConnection.Response r = upgrade(client, RawFrames.upgrade(client.port(), "/subprotocols"));
    assertThat(r.header("Sec-WebSocket-Protocol")).isNull();
    assertThat(events.next()).isEqualTo("offered []");
  }

  @Test
  void compressionIsNegotiatedOnlyWhenTheHandlerOffersIt(SquallClient client) {
    String ext = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
    RawConnection.Response on = upgrade(client, RawFrames.upgrade(client.port(), "/deflate", ext));
    assertThat(on.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
    RawConnection.Response off = upgrade(client, RawFrames.upgrade(client.port(), "/echo", ext));
    assertThat(off.status()).isEqualTo(101);
    assertThat(off.header("Sec-WebSocket-Extensions")).isNull();
  }
}
