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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hub as {@code ./demo} serves it: the index links every demo, every page has the one layout
 * and its assets through versioned URLs, and the static files answer conditional GETs and ranges.
 */
@SquallTest
class DemoHubTest {
  static final String BIG = "/static/" + DemoHub.BIG_ASSET;

  @TestApplication
  Application app() {
    return DemoHub.app();
  }

  /** The demos whose pages use the layout (all but the plain-text hello). */
  static List<String> pages() {
    List<String> out = new ArrayList<>(List.of("/"));
    DemoHub.DEMOS.stream().map(Demo::path).filter(p -> !p.equals("/hello")).forEach(out::add);
    return out;
  }

  @Test
  void indexLinksEveryDemoAndEveryLinkAnswers(SquallClient client) {
    FetchResponse r = client.fetch("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    List<String> links = hrefs(r.text());
    assertThat(DemoHub.DEMOS).hasSizeGreaterThanOrEqualTo(9);
    for (Demo d : DemoHub.DEMOS) {
      assertThat(links).as("links of /").contains(d.path());
    }
    for (String link : links) {
      assertThat(client.fetch(link).status()).as("GET %s", link).isEqualTo(200);
    }
  }

  @Test
  void everyPageHasTheLayoutTheAboutBoxAndVersionedAssets(SquallClient client) {
    for (String page : pages()) {
      FetchResponse r = client.fetch(page);
      assertThat(r.status()).as("GET %s", page).isEqualTo(200);
      String html = r.text();
      assertThat(html).as(page).contains("<meta name=\"viewport\"");
      for (Demo d : DemoHub.DEMOS) {
        assertThat(html).as("%s links %s", page, d.path()).contains("href=\"" + d.path() + "\"");
      }
      Demo about = DemoLayout.current(page);
      assertThat(html)
          .as("%s says what it shows", page)
          .contains("class=\"about\"")
          .contains(about.source());
      for (String asset : List.of("demo.css", "demo.js", "squall.svg", DemoHub.BIG_ASSET)) {
        assertThat(html)
            .as("%s loads %s through static_url", page, asset)
            .containsPattern("/static/" + Pattern.quote(asset) + "\\?v=[0-9a-f]{32}");
      }
      assertThat(html).as("%s has one stylesheet", page).containsOnlyOnce("rel=\"stylesheet\"");
    }
  }

  @Test
  void everyDemoNamesASourceFileThatExists() {
    Path root = Path.of("").toAbsolutePath().getParent();
    for (Demo d : DemoHub.DEMOS) {
      assertThat(root.resolve(d.source())).as(d.path()).isRegularFile();
      assertThat(d.summary().split("(?<=\\.) ")).as("%s: two sentences", d.path()).hasSize(2);
    }
    assertThat(root.resolve(DemoHub.HUB.source())).isRegularFile();
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
  void theBigAssetIsOver64KiB() throws IOException {
    assertThat(resource(BIG).length).isGreaterThan(64 * 1024);
  }

  @Test
  void conditionalGetAnswers304ForTheEtagAndForLastModified(SquallClient client)
      throws IOException {
    byte[] png = resource(BIG);
    FetchResponse r = client.fetch(BIG);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("image/png");
    assertThat(r.body()).isEqualTo(png);
    String etag = r.header("Etag");
    assertThat(etag).isNotBlank().startsWith("\"").endsWith("\"");

    FetchResponse again = client.fetch(BIG, FetchOptions.get().header("If-None-Match", etag));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    FetchResponse other =
        client.fetch(BIG, FetchOptions.get().header("If-None-Match", "\"other\""));
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(png);

    String modified = r.header("Last-Modified");
    assertThat(modified).isNotBlank();
    FetchResponse since =
        client.fetch(BIG, FetchOptions.get().header("If-Modified-Since", modified));
    assertThat(since.status()).isEqualTo(304);
  }

  @Test
  void rangesServeTheFirstBytesTheLastBytesAndRefuseWhatIsPastTheEnd(SquallClient client)
      throws IOException {
    byte[] png = resource(BIG);
    FetchResponse first = client.fetch(BIG, FetchOptions.get().header("Range", "bytes=0-99"));
    assertThat(first.status()).isEqualTo(206);
    assertThat(first.body()).isEqualTo(Arrays.copyOfRange(png, 0, 100));
    assertThat(first.header("Content-Range")).isEqualTo("bytes 0-99/" + png.length);

    FetchResponse tail = client.fetch(BIG, FetchOptions.get().header("Range", "bytes=-100"));
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 100, png.length));
    assertThat(tail.header("Content-Range"))
        .isEqualTo("bytes " + (png.length - 100) + "-" + (png.length - 1) + "/" + png.length);

    FetchResponse past =
        client.fetch(BIG, FetchOptions.get().header("Range", "bytes=" + png.length + "-"));
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.header("Content-Range")).isEqualTo("bytes */" + png.length);
  }

  @Test
  void versionedUrlsAreCachedForYearsAndPlainOnesAreNot(SquallClient client) {
    String html = client.fetch("/static-files/").text();
    Matcher m = Pattern.compile("/static/demo\\.css\\?v=[0-9a-f]{32}").matcher(html);
    assertThat(m.find()).isTrue();
    FetchResponse versioned = client.fetch(m.group());
    assertThat(versioned.status()).isEqualTo(200);
    assertThat(versioned.header("Cache-Control")).isEqualTo("max-age=315360000");
    assertThat(versioned.header("Expires")).isNotBlank();

    FetchResponse plain = client.fetch("/static/demo.css");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.header("Cache-Control")).isNull();

    // the banner on a mounted demo's page goes through that demo's static URL, versioned too
    String chat = client.fetch("/chat/").text();
    Matcher banner =
        Pattern.compile("/chat/static/squall-banner\\.png\\?v=[0-9a-f]{32}").matcher(chat);
    assertThat(banner.find()).isTrue();
    assertThat(client.fetch(banner.group()).header("Cache-Control")).isEqualTo("max-age=315360000");
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

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
