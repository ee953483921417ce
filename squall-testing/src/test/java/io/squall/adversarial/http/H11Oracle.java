package io.squall.adversarial.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python's h11 (Debian's {@code python3-h11}), the third oracle: one {@code /usr/bin/python3}
 * process answers for the whole corpus (script {@code adversarial/h11_oracle.py}).
 */
final class H11Oracle {
  private H11Oracle() {}

  static List<Outcome> parseAll(List<byte[]> inputs, Path workDir) throws Exception {
    ExternalTools.requirePythonModule("h11", "python3-h11");
    Path script = workDir.resolve("h11_oracle.py");
    try (InputStream in = H11Oracle.class.getResourceAsStream("/adversarial/h11_oracle.py")) {
      Files.write(script, in.readAllBytes());
    }
    ObjectMapper json = new ObjectMapper();
    List<String> encoded = new ArrayList<>();
    for (byte[] b : inputs) {
      encoded.add(Base64.getEncoder().encodeToString(b));
    }
    Process p =
        new ProcessBuilder(ExternalTools.python().toString(), script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (OutputStream stdin = p.getOutputStream()) {
        json.writeValue(stdin, encoded);
      }
      byte[] answer = out.get(120, TimeUnit.SECONDS);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("h11 oracle failed with exit status " + p.exitValue());
      }
      JsonNode root = json.readTree(answer);
      List<Outcome> outcomes = new ArrayList<>();
      for (JsonNode n : root) {
        List<Outcome.Message> msgs = new ArrayList<>();
        for (JsonNode m : n.get("messages")) {
          msgs.add(
              new Outcome.Message(
                  m.get("method").asText(),
                  m.get("target").asText(),
                  Base64.getDecoder().decode(m.get("body").asText())));
        }
        outcomes.add(
            new Outcome(
                msgs,
                Outcome.End.valueOf(n.get("end").asText()),
                n.get("closed").asBoolean(),
                n.get("detail").asText()));
      }
      if (outcomes.size() != inputs.size()) {
        throw new IllegalStateException("h11 answered " + outcomes.size() + " of " + inputs.size());
      }
      return outcomes;
    } finally {
      p.destroyForcibly();
    }
  }
}
