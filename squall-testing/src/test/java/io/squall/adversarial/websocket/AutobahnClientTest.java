package io.squall.adversarial.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.testing.ExternalTools;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An independent WebSocket client, the autobahn library (Debian's {@code python3-autobahn}),
 * against Squall's echo endpoint: text and binary messages from 0 bytes to 1 MiB (across the 7-,
 * 16- and 64-bit length encodings) echo unchanged, with and without permessage-deflate, and the
 * closing handshake is clean.
 */
@SquallTest
class AutobahnClientTest {
  @TempDir Path dir;

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", AutobahnConformanceTest.Echo::new)
        .route("/deflate", AutobahnConformanceTest.DeflateEcho::new)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/echo", "/deflate"})
  void echoesThroughTheAutobahnClient(String path, SquallClient client) throws Exception {
    ExternalTools.requirePythonModule("autobahn", "python3-autobahn");
    Path script = dir.resolve("autobahn_client.py");
    try (InputStream in = getClass().getResourceAsStream("/adversarial/autobahn_client.py")) {
      Files.write(script, in.readAllBytes());
    }
    boolean deflate = path.equals("/deflate");
    Process p =
        new ProcessBuilder(
                ExternalTools.python().toString(),
                script.toString(),
                "ws://127.0.0.1:" + client.port() + path,
                deflate ? "1" : "0")
            .redirectErrorStream(true)
            .start();
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the client ends").isTrue();
    } finally {
      p.destroyForcibly();
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    JsonNode r = new ObjectMapper().readTree(last);
    assertThat(r.get("mismatches").size()).as(out).isZero();
    assertThat(r.get("echoed").asInt()).as(out).isEqualTo(14);
    assertThat(r.get("close").asInt()).as(out).isEqualTo(1000);
    assertThat(r.get("clean").asBoolean()).as(out).isTrue();
    if (deflate) {
      assertThat(r.get("deflate").toString()).as(out).contains("permessage-deflate");
    } else {
      assertThat(r.get("deflate").isNull()).as(out).isTrue();
    }
  }
}
