package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hub as {@code ./demo} serves it: the index page, hello, and the static files. */
@SquallTest
class DemoHubTest {
  @TestApplication
  Application app() {
    return DemoHub.app();
  }

  @Test
  void indexLinksEveryDemoAndEveryLinkAnswers(SquallClient client) {
    FetchResponse r = client.fetch("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    List<String> links = hrefs(r.text());
    assertThat(links)
        .contains(
            "/hello", "/slow/", "/upload/", "/longpoll/", "/ws/", "/chat/", "/static/demo.css");
    for (String link : links) {
      assertThat(client.fetch(link).status()).as("GET %s", link).isEqualTo(200);
    }
  }

  @Test
  void helloSaysHelloWorld(SquallClient client) {
    FetchResponse r = client.fetch("/hello");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("Hello, world");
    assertThat(r.header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void unknownPathIs404(SquallClient client) {
    assertThat(client.fetch("/nowhere").status()).isEqualTo(404);
  }

  @Test
  void staticFileHasAnEtagAndAnswersIfNoneMatchWith304(SquallClient client) throws IOException {
    byte[] css = resource("/static/demo.css");
    FetchResponse r = client.fetch("/static/demo.css");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/css");
    assertThat(r.body()).isEqualTo(css);
    String etag = r.header("Etag");
    assertThat(etag).isNotBlank().startsWith("\"").endsWith("\"");

    FetchResponse again =
        client.fetch("/static/demo.css", FetchOptions.get().header("If-None-Match", etag));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    FetchResponse other =
        client.fetch("/static/demo.css", FetchOptions.get().header("If-None-Match", "\"other\""));
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(css);
  }

  @Test
  void staticFileServesARangeWith206(SquallClient client) throws IOException {
    byte[] css = resource("/static/demo.css");
    FetchResponse r =
        client.fetch("/static/demo.css", FetchOptions.get().header("Range", "bytes=5-14"));
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(css, 5, 15));
    assertThat(r.header("Content-Range")).isEqualTo("bytes 5-14/" + css.length);

    FetchResponse tail =
        client.fetch("/static/demo.css", FetchOptions.get().header("Range", "bytes=-4"));
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(css, css.length - 4, css.length));
  }

  static List<String> hrefs(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoHubTest.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
