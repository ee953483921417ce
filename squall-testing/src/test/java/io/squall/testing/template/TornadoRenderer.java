package io.squall.testing.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders a whole corpus of template cases with real Tornado in one Python process: the corpus goes
 * in as one JSON document, the results (output or error per case name) come back as another.
 */
final class TornadoRenderer {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIR = "templates/differential/";

  private TornadoRenderer() {}

  /** One case's result in Tornado: its output, or the exception it raised. */
  record Result(String output, String error) {}

  static List<Map<String, Object>> resourceCases(String name) {
    try (InputStream in = resource(name)) {
      return JSON.readValue(in, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Renders every case.
   *
   * @param extras the name of a Python file in the resources defining {@code EXTRAS}, or null
   */
  static Map<String, Result> render(List<Map<String, Object>> corpus, Path dir, String extras)
      throws IOException, InterruptedException {
    ExternalTools.requirePythonModule("tornado", "python3-tornado");
    Path script = copy("render_corpus.py", dir);
    Path input = dir.resolve("corpus.json");
    JSON.writeValue(input.toFile(), corpus);
    Path output = dir.resolve("tornado-results.json");
    Path errors = dir.resolve("tornado-stderr.txt");
    ProcessBuilder pb =
        extras == null
            ? new ProcessBuilder(
                ExternalTools.python().toString(), script.toString(), input.toString())
            : new ProcessBuilder(
                ExternalTools.python().toString(),
                script.toString(),
                input.toString(),
                copy(extras, dir).toString());
    Process p = pb.redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Tornado did not render the corpus within 5 minutes");
      }
    } finally {
      p.destroyForcibly();
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "the Tornado renderer failed (exit " + p.exitValue() + "): " + Files.readString(errors));
    }
    Map<String, Map<String, String>> raw =
        JSON.readValue(output.toFile(), new TypeReference<>() {});
    Map<String, Result> out = new java.util.HashMap<>();
    raw.forEach((k, v) -> out.put(k, new Result(v.get("output"), v.get("error"))));
    return out;
  }

  private static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = resource(name)) {
      Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return target;
  }

  private static InputStream resource(String name) {
    InputStream in = TornadoRenderer.class.getClassLoader().getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + DIR + name);
    }
    return in;
  }
}
