package io.squall.adversarial.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.websocket.CompressionOptions;
import io.squall.websocket.WebSocketHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Autobahn TestSuite's case list (sections 1-7, 9, 12, 13; see {@link AutobahnCases}) against
 * an echo endpoint over raw sockets. A case passes when the server does what the Autobahn
 * specification requires; NON_STRICT (allowed, e.g. the connection dropped without a Close) is
 * accepted and reported. The table goes to {@code target/adversarial/autobahn.md}.
 */
@SquallTest
class AutobahnConformanceTest {
  static final Map<String, String> results =
      new ConcurrentSkipListMap<>(AutobahnConformanceTest::byId);

  /** Echoes every message as it came. */
  public static class Echo extends WebSocketHandler {
    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    public void onMessage(byte[] message) {
      writeMessage(message);
    }
  }

  /** The same with permessage-deflate offered by the server. */
  public static class DeflateEcho extends Echo {
    @Override
    public CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", Echo::new)
        .route("/deflate", DeflateEcho::new)
        .build();
  }

  static List<AutobahnCases.Case> cases() {
    return AutobahnCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void autobahnCase(AutobahnCases.Case c, SquallClient client) throws IOException {
    AutobahnCases.Result r;
    try (RawWebSocket ws =
        RawWebSocket.connect(client.port(), c.offer() == null ? "/echo" : "/deflate", c.offer())) {
      r = c.script().run(ws);
    }
    results.put(c.id(), c.expected() + " | " + r);
    assertThat(r).as(c.id() + ": " + c.expected()).isNotEqualTo(AutobahnCases.Result.FAIL);
  }

  @AfterAll
  static void writeTable() throws IOException {
    StringBuilder b = new StringBuilder("| case | expected | outcome |\n|---|---|---|\n");
    results.forEach((id, v) -> b.append("| ").append(id).append(" | ").append(v).append(" |\n"));
    Path out = Path.of("target", "adversarial", "autobahn.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, b, StandardCharsets.UTF_8);
    long pass = results.values().stream().filter(v -> v.endsWith("PASS")).count();
    long nonStrict = results.values().stream().filter(v -> v.endsWith("NON_STRICT")).count();
    System.out.println(
        "Autobahn cases: "
            + results.size()
            + ", PASS "
            + pass
            + ", NON_STRICT "
            + nonStrict
            + "; table: "
            + out.toAbsolutePath());
  }

  /** Orders "1.1.10" after "1.1.9". */
  static int byId(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
