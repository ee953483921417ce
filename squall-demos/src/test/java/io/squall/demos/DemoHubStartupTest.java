package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./demo} shows at start-up, as a real process: the URL to open and what each flag does
 * (and is set to); with {@code --debug} error pages carry the stack, without it they do not. {@code
 * ./demo} itself checks the flags and hands them to {@link DemoHub#main}.
 */
class DemoHubStartupTest {
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at (http://localhost:(\\d+)/)");

  @Test
  void startUpPrintsTheUrlAndTheFlagsAndDebugShowsStacks() throws Exception {
    try (HubProcess hub = HubProcess.start("--port=0", "--debug")) {
      Matcher m = hub.awaitLine(READY);
      hub.awaitLine(Pattern.compile("Open that URL in a browser"));
      hub.awaitLine(Pattern.compile("--port=N +listening on " + m.group(2) + " \\(a free port"));
      hub.awaitLine(Pattern.compile("--debug +on: error pages show the stack trace"));
      HttpResponse<String> r = get(m.group(1) + "errors/raise");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("IllegalStateException").contains("\tat ");
    }
  }

  @Test
  void withoutDebugErrorPagesHaveNoStack() throws Exception {
    try (HubProcess hub = HubProcess.start("--port=0")) {
      Matcher m = hub.awaitLine(READY);
      hub.awaitLine(Pattern.compile("--debug +off: error pages are plain"));
      HttpResponse<String> r = get(m.group(1) + "errors/raise");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("500: Internal Server Error").doesNotContain("Exception");
    }
  }

  @Test
  void helpDescribesEveryFlagAndExits() throws Exception {
    try (HubProcess hub = HubProcess.start("--help")) {
      assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process().exitValue()).isZero();
      assertThat(hub.outputToTheEnd()).isEqualTo(DemoArgs.USAGE);
    }
    Process script =
        new ProcessBuilder("bash", "demo", "--help")
            .directory(Path.of("").toAbsolutePath().getParent().toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).isZero();
    assertThat(out.strip()).as("./demo --help says what Java says").isEqualTo(DemoArgs.USAGE);
  }

  static HttpResponse<String> get(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
