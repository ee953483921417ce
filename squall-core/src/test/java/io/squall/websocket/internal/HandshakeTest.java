package io.squall.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.websocket.WebSocketHandshakeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  /** Case-insensitive header lookup over the given pairs; a null value removes the header. */
  private static Function<String, String> headers(String... pairs) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.put("Host", "example.com");
    map.put("Upgrade", "websocket");
    map.put("Connection", "Upgrade");
    map.put("Sec-WebSocket-Key", KEY);
    map.put("Sec-WebSocket-Version", "13");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        map.remove(pairs[i]);
      } else {
        map.put(pairs[i], pairs[i + 1]);
      }
    }
    return map::get;
  }

  @Test
  void acceptKeyFromRfc() {
    assertThat(Handshake.acceptKey(KEY)).isEqualTo(ACCEPT);
  }

  @Test
  void validRequest() {
    UpgradeCheck c = Handshake.checkUpgradeRequest("GET", headers());
    assertThat(c.ok()).isTrue();
    assertThat(c.status()).isEqualTo(101);
    assertThat(c.acceptValue()).isEqualTo(ACCEPT);
    assertThat(c.responseHeaders())
        .containsExactly(
            Map.entry("Upgrade", "websocket"),
            Map.entry("Connection", "Upgrade"),
            Map.entry("Sec-WebSocket-Accept", ACCEPT));
  }

  @Test
  void tokensAreMatchedInListsIgnoringCase() {
    assertThat(
            Handshake.checkUpgradeRequest(
                    "GET", headers("Upgrade", "WebSocket", "Connection", "keep-alive, UPGRADE"))
                .ok())
        .isTrue();
    assertThat(
            Handshake.checkUpgradeRequest(
                    "GET", headers("Upgrade", "h2c ,\twebsocket", "Connection", "Upgrade,close"))
                .ok())
        .isTrue();
    assertThat(
            Handshake.checkUpgradeRequest(
                    "GET",
                    headers("Sec-WebSocket-Key", " " + KEY + " ", "Sec-WebSocket-Version", " 13"))
                .acceptValue())
        .isEqualTo(ACCEPT);
  }

  @Test
  void badRequests() {
    assertThat(Handshake.checkUpgradeRequest("POST", headers()))
        .satisfies(c -> assertThat(c.status()).isEqualTo(405))
        .satisfies(c -> assertThat(c.responseHeaders()).containsEntry("Allow", "GET"));
    String[][] cases400 = {
      {"Upgrade", null},
      {"Upgrade", "h2c"},
      {"Upgrade", "websockets"},
      {"Connection", null},
      {"Connection", "keep-alive"},
      {"Connection", "upgraded"},
      {"Host", null},
      {"Host", " "},
      {"Sec-WebSocket-Key", null},
      {"Sec-WebSocket-Key", ""},
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ"}, // unpadded
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=!"},
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZSE="}, // 17 bytes
      {"Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAA"}, // 15 bytes
    };
    for (String[] c : cases400) {
      UpgradeCheck check = Handshake.checkUpgradeRequest("GET", headers(c[0], c[1]));
      assertThat(check.status()).as("%s: %s", c[0], c[1]).isEqualTo(400);
      assertThat(check.ok()).isFalse();
      assertThat(check.acceptValue()).isNull();
      assertThat(check.message()).isNotBlank();
    }
  }

  @Test
  void wrongOrMissingVersionIs426WithSupportedVersion() {
    for (String version : new String[] {"8", "12", "14", "13, 8", "", null}) {
      UpgradeCheck c =
          Handshake.checkUpgradeRequest("GET", headers("Sec-WebSocket-Version", version));
      assertThat(c.status()).as(String.valueOf(version)).isEqualTo(426);
      assertThat(c.responseHeaders()).containsExactly(Map.entry("Sec-WebSocket-Version", "13"));
    }
  }

  @Test
  void subprotocols() {
    assertThat(Handshake.parseSubprotocols(null)).isEmpty();
    assertThat(Handshake.parseSubprotocols("")).isEmpty();
    assertThat(Handshake.parseSubprotocols("chat, superchat ,,\tv2.json"))
        .containsExactly("chat", "superchat", "v2.json");
    assertThat(Handshake.parseSubprotocols("good, bad one, \"quoted\", ok"))
        .containsExactly("good", "ok");
  }

  @Test
  void newKeysAreValidAndDistinct() {
    String a = Handshake.newKey();
    String b = Handshake.newKey();
    assertThat(Handshake.isValidKey(a)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(Handshake.checkUpgradeRequest("GET", headers("Sec-WebSocket-Key", a)).ok()).isTrue();
  }

  private static Function<String, String> response(String... pairs) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.put("Upgrade", "websocket");
    map.put("Connection", "Upgrade");
    map.put("Sec-WebSocket-Accept", ACCEPT);
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        map.remove(pairs[i]);
      } else {
        map.put(pairs[i], pairs[i + 1]);
      }
    }
    return name -> map.get(name.toLowerCase(Locale.ROOT));
  }

  @Test
  void clientChecksTheResponse() throws Exception {
    assertThat(Handshake.checkUpgradeResponse(101, response(), KEY, List.of())).isNull();
    assertThat(
            Handshake.checkUpgradeResponse(
                101, response("Sec-WebSocket-Protocol", "chat"), KEY, List.of("v1", "chat")))
        .isEqualTo("chat");
    String[][] bad = {
      {"Upgrade", null, "Upgrade"},
      {"Connection", "close", "Connection"},
      {"Sec-WebSocket-Accept", null, "Accept"},
      {"Sec-WebSocket-Accept", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "Accept"},
      {"Sec-WebSocket-Protocol", "other", "not offered"},
    };
    for (String[] c : bad) {
      assertThatThrownBy(
              () -> Handshake.checkUpgradeResponse(101, response(c[0], c[1]), KEY, List.of("chat")))
          .isInstanceOf(WebSocketHandshakeException.class)
          .hasMessageContaining(c[2]);
    }
    assertThatThrownBy(() -> Handshake.checkUpgradeResponse(200, response(), KEY, List.of()))
        .isInstanceOf(WebSocketHandshakeException.class)
        .hasMessageContaining("101");
  }
}
