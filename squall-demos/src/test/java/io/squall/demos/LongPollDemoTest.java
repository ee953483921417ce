package io.squall.demos;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.demos.longpoll.LongPollDemo;
import io.squall.demos.longpoll.MessageBuffer;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The long-polling chat: waits without a thread, answers on a post, cleans up after a close. */
@SquallTest
class LongPollDemoTest {
  private static final String NEW = "/longpoll/a/message/new";
  private static final String UPDATES = "/longpoll/a/message/updates";

  private final MessageBuffer buffer = new MessageBuffer(3);

  @TestApplication
  Application app() {
    return Application.builder().mount("/longpoll", LongPollDemo.app(buffer)).build();
  }

  /** GETs the page, which sets the _xsrf cookie, and returns the cookie's value. */
  private static String xsrf(SquallClient client) {
    assertThat(client.fetch("/longpoll/").status()).isEqualTo(200);
    return client.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("_xsrf"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static FetchOptions form(String xsrf, String... keyValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put(keyValues[i], keyValues[i + 1]);
    }
    if (xsrf != null) {
      fields.put("_xsrf", xsrf);
    }
    return FetchOptions.post().form(fields).timeout(Duration.ofSeconds(5));
  }

  private static JsonNode post(SquallClient client, String xsrf, String body) {
    FetchResponse r = client.fetch(NEW, form(xsrf, "body", body));
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static java.util.List<String> bodies(FetchResponse r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    r.json().get("messages").forEach(m -> out.add(m.get("body").asText()));
    return out;
  }

  /** Polls {@code value} until it equals {@code expected}, for at most five seconds. */
  private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(5);
    while (value.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(value.getAsInt()).isEqualTo(expected);
  }

  @Test
  void updatesAnswersWhenAMessageIsPostedAndNotBefore(SquallClient client) throws Exception {
    String xsrf = xsrf(client);
    String cursor = post(client, xsrf, "first").get("id").asText();

    CompletableFuture<FetchResponse> poll =
        client.fetchAsync(UPDATES, form(xsrf, "cursor", cursor));
    assertThatThrownBy(() -> poll.get(300, MILLISECONDS)).isInstanceOf(TimeoutException.class);
    awaitValue(buffer::waiterCount, 1);

    JsonNode second = post(client, xsrf, "second");
    FetchResponse r = poll.get(5, SECONDS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode messages = r.json().get("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("id").asText()).isEqualTo(second.get("id").asText());
    assertThat(messages.get(0).get("body").asText()).isEqualTo("second");
    assertThat(buffer.waiterCount()).isZero();
  }

  @Test
  void updatesWithoutCursorWaitsInAnEmptyRoomThenGetsTheFirstMessage(SquallClient client)
      throws Exception {
    String xsrf = xsrf(client);
    CompletableFuture<FetchResponse> a = client.fetchAsync(UPDATES, form(xsrf));
    CompletableFuture<FetchResponse> b = client.fetchAsync(UPDATES, form(xsrf, "cursor", ""));
    awaitValue(buffer::waiterCount, 2);
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();

    post(client, xsrf, "hello");
    for (CompletableFuture<FetchResponse> f : java.util.List.of(a, b)) {
      JsonNode messages = f.get(5, SECONDS).json().get("messages");
      assertThat(messages).hasSize(1);
      assertThat(messages.get(0).get("body").asText()).isEqualTo("hello");
    }
    assertThat(buffer.waiterCount()).isZero();
  }

  @Test
  void aCursorOlderThanTheCacheGetsEverythingCachedAtOnce(SquallClient client) {
    String xsrf = xsrf(client);
    String first = post(client, xsrf, "m1").get("id").asText();
    String second = post(client, xsrf, "m2").get("id").asText();
    post(client, xsrf, "m3");
    post(client, xsrf, "m4"); // the cache holds 3: m1 is gone

    FetchResponse r = client.fetch(UPDATES, form(xsrf, "cursor", first));
    assertThat(r.status()).isEqualTo(200);
    assertThat(bodies(r)).containsExactly("m2", "m3", "m4");

    FetchResponse since = client.fetch(UPDATES, form(xsrf, "cursor", second));
    assertThat(bodies(since)).containsExactly("m3", "m4");
    assertThat(buffer.waiterCount()).isZero();
  }

  @Test
  void aClosedUpdatesRequestLeavesNoWaiterBehind(SquallClient client) throws Exception {
    String xsrf = xsrf(client);
    String body = "_xsrf=" + URLEncoder.encode(xsrf, StandardCharsets.UTF_8);
    try (RawConnection raw = client.raw()) {
      raw.send(
          "POST "
              + UPDATES
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: _xsrf="
              + xsrf
              + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      awaitValue(buffer::waiterCount, 1);
    }
    awaitValue(buffer::waiterCount, 0);

    // The room still works for the next client.
    CompletableFuture<FetchResponse> poll = client.fetchAsync(UPDATES, form(xsrf));
    awaitValue(buffer::waiterCount, 1);
    post(client, xsrf, "after");
    assertThat(poll.get(5, SECONDS).json().get("messages").get(0).get("body").asText())
        .isEqualTo("after");
  }

  @Test
  void postingWithoutAValidXsrfTokenIsForbidden(SquallClient client) {
    assertThat(client.fetch(NEW, form(null, "body", "no token")).status()).isEqualTo(403);
    String xsrf = xsrf(client);
    assertThat(client.fetch(NEW, form(null, "body", "still no token")).status()).isEqualTo(403);
    assertThat(client.fetch(NEW, form("2|00|00|0", "body", "bad token")).status()).isEqualTo(403);
    assertThat(client.fetch(UPDATES, form(null)).status()).isEqualTo(403);
    assertThat(buffer.messages()).isEmpty();

    FetchResponse viaHeader =
        client.fetch(
            NEW,
            FetchOptions.post()
                .form(Map.of("body", "by header"))
                .header("X-XSRFToken", xsrf)
                .timeout(Duration.ofSeconds(5)));
    assertThat(viaHeader.status()).isEqualTo(200);
    assertThat(buffer.messages()).extracting(m -> m.body()).containsExactly("by header");
  }

  @Test
  void aScriptInTheBodyComesBackEscapedInTheHtml(SquallClient client) {
    String xsrf = xsrf(client);
    JsonNode m = post(client, xsrf, "<script>alert('x')</script> see http://example.com");
    assertThat(m.get("body").asText())
        .isEqualTo("<script>alert('x')</script> see http://example.com");
    String html = m.get("html").asText();
    assertThat(html)
        .startsWith("<div class=\"message\" id=\"m" + m.get("id").asText() + "\">")
        .contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("<a href=\"http://example.com\">http://example.com</a>");
  }

  @Test
  void emptyOrMissingBodiesAreRefused(SquallClient client) {
    String xsrf = xsrf(client);
    assertThat(client.fetch(NEW, form(xsrf)).status()).isEqualTo(400);
    assertThat(client.fetch(NEW, form(xsrf, "body", "  ")).status()).isEqualTo(400);
    String tooLong = "x".repeat(LongPollDemo.MAX_BODY_LENGTH + 1);
    assertThat(client.fetch(NEW, form(xsrf, "body", tooLong)).status()).isEqualTo(400);
    assertThat(buffer.messages()).isEmpty();
  }

  @Test
  void theNoScriptFormRedirectsToNextOnThisSiteOnly(SquallClient client) {
    String xsrf = xsrf(client);
    FetchResponse r =
        client.fetch(NEW, form(xsrf, "body", "hi", "next", "/longpoll/").followRedirects(false));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/longpoll/");
    assertThat(buffer.messages()).extracting(m -> m.body()).containsExactly("hi");

    FetchResponse away =
        client.fetch(
            NEW, form(xsrf, "body", "hi", "next", "//evil.example/").followRedirects(false));
    assertThat(away.status()).isEqualTo(400);
  }

  @Test
  void thePageShowsTheFormTheTokenAndTheHistoryEscaped(SquallClient client) {
    String xsrf = xsrf(client);
    post(client, xsrf, "<b>bold</b> & co");
    post(client, xsrf, "plain");

    FetchResponse r = client.fetch("/longpoll/");
    assertThat(r.status()).isEqualTo(200);
    String html = r.text();
    assertThat(html).contains("<title>Long-polling chat</title>");
    assertThat(html).containsPattern("<input type=\"hidden\" name=\"_xsrf\" value=\"2\\|[^\"]+\">");
    assertThat(html).contains("action=\"/longpoll/a/message/new\"");
    assertThat(html).contains("data-updates=\"/longpoll/a/message/updates\"");
    assertThat(html).contains("name=\"next\" value=\"/longpoll/\"");
    assertThat(html).containsPattern("src=\"/longpoll/static/longpoll\\.js\\?v=[0-9a-f]+\"");
    assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; &amp; co").doesNotContain("<b>bold");
    assertThat(html.indexOf("&lt;b&gt;bold")).isLessThan(html.indexOf(">plain<"));
  }

  @Test
  void theScriptIsServed(SquallClient client) {
    FetchResponse r = client.fetch("/longpoll/static/longpoll.js");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).contains("fetch(").contains("_xsrf").contains("cursor");
  }

  @Test
  void theHubMountsTheDemo() {
    try (SquallClient hub = SquallClient.start(DemoHub.app())) {
      assertThat(hub.fetch("/").text()).contains("href=\"/longpoll/\"");
      FetchResponse page = hub.fetch("/longpoll/");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).contains("name=\"_xsrf\"");
    }
  }
}
