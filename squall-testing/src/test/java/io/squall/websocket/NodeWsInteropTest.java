package io.squall.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ws} package from npm, driven by Node, against Squall's server: an independent
 * implementation on the other end. Skipped when {@code node} or the package is missing (CI installs
 * them: {@code .ci/npm}).
 */
@SquallTest
class NodeWsInteropTest {
  final Sockets.Events events = new Sockets.Events();

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/echo", () -> new Sockets.Echo(events))
        .route("/echo-deflate", () -> new Sockets.DeflateEcho(events))
        .route("/going-away", () -> new Sockets.GoingAway(events))
        .build();
  }

  /** {@code .ci/npm/node_modules} of the repository, or null. */
  private static Path nodeModules() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(".ci/npm/node_modules");
      if (Files.isRegularFile(candidate.resolve("ws/package.json"))) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void scriptedExchange(SquallClient client, @TempDir Path dir) throws Exception {
    Path modules = nodeModules();
    assumeTrue(modules != null, "the ws package is not installed (cd .ci/npm && npm ci)");
    assumeTrue(nodeAvailable(), "node is not installed");

    Path script = dir.resolve("ws-client.js");
    try (InputStream in = getClass().getResourceAsStream("/websocket/ws-client.js")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder pb = new ProcessBuilder("node", script.toString(), client.url(""));
    pb.environment().put("NODE_PATH", modules.toString());
    pb.redirectErrorStream(false);
    Process node = pb.start();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
    String stdout = readAll(node.getInputStream());
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String errors = stderr.get(10, TimeUnit.SECONDS);

    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (!line.isBlank()) {
        JsonNode n = json.readTree(line);
        steps.put(n.get("step").asText(), n);
      }
    }
    assertThat(steps)
        .as("node output:\n%s\nstderr:\n%s", stdout, errors)
        .doesNotContainKey("error");
    assertThat(node.exitValue()).as(errors).isZero();

    assertThat(steps.get("open").get("extensions").asText()).isEmpty();
    assertThat(steps.get("text").get("data").asText()).isEqualTo("hello, squall");
    assertThat(steps.get("text").get("isBinary").asBoolean()).isFalse();
    assertThat(steps.get("binary").get("hex").asText()).isEqualTo("0001027f80ff");
    assertThat(steps.get("binary").get("isBinary").asBoolean()).isTrue();
    assertThat(steps.get("fragmented").get("data").asText()).isEqualTo("fragmented ✓");
    assertThat(steps.get("large").get("length").asInt()).isEqualTo(1024 * 1024 + 7);
    assertThat(steps.get("large").get("equal").asBoolean()).isTrue();
    assertThat(steps.get("ping").get("data").asText()).isEqualTo("are you there");
    assertThat(steps.get("close").get("code").asInt()).isEqualTo(4000);

    JsonNode compressed = steps.get("compressed");
    assertThat(compressed.get("extensions").asText()).startsWith("permessage-deflate");
    assertThat(compressed.get("equal").asBoolean()).isTrue();
    // 140,000 characters of repetition arrive in a small fraction of their size.
    assertThat(compressed.get("bytesRead").asInt())
        .isLessThan(compressed.get("length").asInt() / 10);

    assertThat(steps.get("server-close").get("code").asInt()).isEqualTo(CloseCode.GOING_AWAY);
    assertThat(steps.get("server-close").get("reason").asText()).isEqualTo("server going away");

    // What the server saw of the client's close.
    assertThat(events.nextClose()).isEqualTo(new Sockets.Closed(4000, "client bye"));
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
