package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.demos.HubProcess;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blog as {@code ./demo} serves it, in a child JVM on the embedded default: a post written
 * before a SIGTERM is there after the hub starts again, and the author is still logged in (the
 * cookie secret is kept in the data directory, readable by its owner only).
 */
class BlogHubRestartTest {
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at http://localhost:(\\d+)/");

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void postsAndSessionsSurviveARestartOfTheHub(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    HubProcess first = HubProcess.start("--port=0", "--data-dir=" + data);
    try {
      String base = "http://127.0.0.1:" + first.awaitLine(READY).group(1);
      HttpResponse<String> signUp =
          post(
              http,
              base,
              "/blog/auth/create",
              "email=ada%40example.org&name=Ada&password=analytical+engine");
      assertThat(signUp.statusCode()).isEqualTo(303);
      HttpResponse<String> posted =
          post(http, base, "/blog/compose", "title=Before+the+restart&markdown=*kept*");
      assertThat(posted.statusCode()).isEqualTo(303);
      assertThat(posted.headers().firstValue("Location"))
          .hasValue("/blog/entry/before-the-restart");
      stop(first);
    } finally {
      first.process().destroyForcibly();
    }
    Path secret = data.resolve(BlogDemo.SECRET_FILE);
    assertThat(secret).isRegularFile();
    assertThat(Files.getPosixFilePermissions(secret).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");

    HubProcess second = HubProcess.start("--port=0", "--data-dir=" + data);
    try {
      String base = "http://127.0.0.1:" + second.awaitLine(READY).group(1);
      String page = get(http, base + "/blog/entry/before-the-restart").body();
      assertThat(page).contains("<em>kept</em>", "<span id=\"author\">Ada</span>");
      stop(second);
    } finally {
      second.process().destroyForcibly();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs {@code form} with the XSRF token of the form at {@code path}. */
  private static HttpResponse<String> post(HttpClient http, String base, String path, String form)
      throws Exception {
    Matcher m = BlogFlows.XSRF.matcher(get(http, base + path).body());
    assertThat(m.find()).as("the form at %s has a token", path).isTrue();
    String body = "_xsrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&" + form;
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void stop(HubProcess hub) throws InterruptedException {
    hub.process().toHandle().destroy();
    assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).as("the hub exits").isTrue();
    assertThat(hub.process().exitValue()).isZero();
  }
}
