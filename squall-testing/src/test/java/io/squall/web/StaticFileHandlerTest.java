package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpDates;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Static files: types, validators, ranges, versioned URLs, directories, and no way out. */
@SquallTest
class StaticFileHandlerTest {
  static final String SECRET = "TOP SECRET CONTENT";
  static final Instant MODIFIED = Instant.parse("2024-03-01T12:00:00Z");

  @TempDir static Path tmp;
  static Path root;
  static byte[] big;

  @BeforeAll
  static void files() throws IOException {
    root = Files.createDirectory(tmp.resolve("static"));
    Files.writeString(tmp.resolve("secret.txt"), SECRET);
    Files.writeString(root.resolve("hello.txt"), "Hello, static");
    Files.writeString(root.resolve("style.css"), "body { color: red }");
    Files.writeString(root.resolve("digits.bin"), "0123456789");
    Files.writeString(root.resolve("index.html"), "root index");
    Files.writeString(root.resolve("empty.txt"), "");
    Files.createDirectory(root.resolve("sub"));
    Files.writeString(root.resolve("sub/index.html"), "sub index");
    Files.createDirectory(root.resolve("noindex"));
    big = new byte[5 * 1024 * 1024 + 17];
    new Random(7).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("linkdir"), tmp);
    Files.createSymbolicLink(root.resolve("inside-link.txt"), root.resolve("hello.txt"));
    try (var files = Files.walk(root)) {
      for (Path p : files.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.from(MODIFIED));
        }
      }
    }
  }

  /** Writes versioned URLs. */
  public static class Urls extends RequestHandler {
    public void get() {
      write(staticUrl("hello.txt") + " " + staticUrl("/style.css") + " " + staticUrl("nope.txt"));
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/urls", Urls::new)
        .route("/files/(.*)", () -> new StaticFileHandler(root))
        .settings(Settings.builder().staticPath(root).staticDefaultFilename("index.html").build())
        .build();
  }

  private static FetchResponse get(SquallClient client, String path, String... headers) {
    FetchOptions o = FetchOptions.get().followRedirects(false);
    for (int i = 0; i < headers.length; i += 2) {
      o.header(headers[i], headers[i + 1]);
    }
    return client.fetch(path, o);
  }

  private static RawConnection.Response raw(SquallClient client, String target) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      return raw.readResponse();
    }
  }

  @Test
  void servesFilesWithTheirContentType(SquallClient client) {
    FetchResponse r = get(client, "/static/hello.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("Hello, static");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Content-Length")).isEqualTo("13");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(get(client, "/static/style.css").header("Content-Type"))
        .isEqualTo("text/css; charset=utf-8");
    assertThat(get(client, "/static/digits.bin").header("Content-Type"))
        .isEqualTo("application/octet-stream");
    assertThat(get(client, "/static/index.html").header("Content-Type"))
        .isEqualTo("text/html; charset=utf-8");
  }

  @Test
  void emptyFile(SquallClient client) {
    FetchResponse r = get(client, "/static/empty.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Length")).isEqualTo("0");
  }

  @Test
  void etagAndLastModified(SquallClient client) {
    FetchResponse r = get(client, "/static/hello.txt");
    assertThat(r.header("Etag")).matches("\"[0-9a-f]{32}\"");
    assertThat(r.header("Last-Modified")).isEqualTo("Fri, 01 Mar 2024 12:00:00 GMT");
    assertThat(r.header("Cache-Control")).isNull();
    assertThat(get(client, "/static/style.css").header("Etag")).isNotEqualTo(r.header("Etag"));
  }

  @Test
  void ifNoneMatchGives304(SquallClient client) {
    String etag = get(client, "/static/hello.txt").header("Etag");
    FetchResponse r = get(client, "/static/hello.txt", "If-None-Match", etag);
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Etag")).isEqualTo(etag);
    FetchResponse other = get(client, "/static/hello.txt", "If-None-Match", "\"other\"");
    assertThat(other.status()).isEqualTo(200);
    // If-None-Match wins over a fresh If-Modified-Since
    FetchResponse both =
        get(
            client,
            "/static/hello.txt",
            "If-None-Match",
            "\"other\"",
            "If-Modified-Since",
            HttpDates.format(MODIFIED));
    assertThat(both.status()).isEqualTo(200);
  }

  @Test
  void ifModifiedSinceGives304WhenFresh(SquallClient client) {
    assertThat(
            get(client, "/static/hello.txt", "If-Modified-Since", HttpDates.format(MODIFIED))
                .status())
        .isEqualTo(304);
    assertThat(
            get(
                    client,
                    "/static/hello.txt",
                    "If-Modified-Since",
                    HttpDates.format(MODIFIED.plusSeconds(3600)))
                .status())
        .isEqualTo(304);
    FetchResponse stale =
        get(
            client,
            "/static/hello.txt",
            "If-Modified-Since",
            HttpDates.format(MODIFIED.minusSeconds(1)));
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.text()).isEqualTo("Hello, static");
    FetchResponse junk = get(client, "/static/hello.txt", "If-Modified-Since", "yesterday");
    assertThat(junk.status()).isEqualTo(200);
  }

  @Test
  void rangeFromTo(SquallClient client) {
    FetchResponse r = get(client, "/static/digits.bin", "Range", "bytes=2-5");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.text()).isEqualTo("2345");
    assertThat(r.header("Content-Range")).isEqualTo("bytes 2-5/10");
    assertThat(r.header("Content-Length")).isEqualTo("4");
  }

  @Test
  void rangeFrom(SquallClient client) {
    FetchResponse r = get(client, "/static/digits.bin", "Range", "bytes=7-");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.text()).isEqualTo("789");
    assertThat(r.header("Content-Range")).isEqualTo("bytes 7-9/10");
    // an end past the file is clamped
    FetchResponse clamped = get(client, "/static/digits.bin", "Range", "bytes=8-100");
    assertThat(clamped.text()).isEqualTo("89");
    assertThat(clamped.header("Content-Range")).isEqualTo("bytes 8-9/10");
  }

  @Test
  void suffixRange(SquallClient client) {
    FetchResponse r = get(client, "/static/digits.bin", "Range", "bytes=-3");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.text()).isEqualTo("789");
    assertThat(r.header("Content-Range")).isEqualTo("bytes 7-9/10");
  }

  @Test
  void wholeFileRangesGive200(SquallClient client) {
    for (String range : new String[] {"bytes=0-", "bytes=-100", "bytes=0-1,4-5", "items=1-2"}) {
      FetchResponse r = get(client, "/static/digits.bin", "Range", range);
      assertThat(r.status()).as(range).isEqualTo(200);
      assertThat(r.text()).as(range).isEqualTo("0123456789");
    }
  }

  @Test
  void unsatisfiableRangeIs416(SquallClient client) {
    for (String range : new String[] {"bytes=10-", "bytes=100-200", "bytes=-0"}) {
      FetchResponse r = get(client, "/static/digits.bin", "Range", range);
      assertThat(r.status()).as(range).isEqualTo(416);
      assertThat(r.header("Content-Range")).as(range).isEqualTo("bytes */10");
      assertThat(r.body()).as(range).isEmpty();
    }
  }

  @Test
  void rangeOfTheBigFile(SquallClient client) {
    FetchResponse r = get(client, "/static/big.bin", "Range", "bytes=1000000-1999999");
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(big, 1_000_000, 2_000_000));
  }

  @Test
  void bigFileIsServedWholeAndIdentical(SquallClient client) {
    FetchResponse r = get(client, "/static/big.bin");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(big.length));
    assertThat(r.body()).isEqualTo(big);
  }

  @Test
  void headHasLengthButNoBody(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send(
          "HEAD /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
              + "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response head = raw.readResponse(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(big.length));
      RawConnection.Response next = raw.readResponse();
      assertThat(next.text()).isEqualTo("Hello, static");
    }
  }

  @Test
  void staticUrlCarriesTheVersion(SquallClient client) {
    String[] urls = client.fetch("/urls").text().split(" ");
    assertThat(urls[0]).matches("/static/hello\\.txt\\?v=[0-9a-f]{32}");
    assertThat(urls[1]).matches("/static/style\\.css\\?v=[0-9a-f]{32}");
    assertThat(urls[2]).isEqualTo("/static/nope.txt");
    String etag = get(client, "/static/hello.txt").header("Etag");
    assertThat(urls[0]).endsWith("?v=" + etag.substring(1, etag.length() - 1));
  }

  @Test
  void versionedUrlsAreCachedLong(SquallClient client) {
    String url = client.fetch("/urls").text().split(" ")[0];
    FetchResponse r = get(client, url);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).isEqualTo("max-age=315360000");
    Instant expires = HttpDates.parse(r.header("Expires")).orElseThrow();
    assertThat(expires).isAfter(Instant.now().plus(java.time.Duration.ofDays(3000)));
  }

  @Test
  void directoryServesItsDefaultFile(SquallClient client) {
    assertThat(get(client, "/static/sub/").text()).isEqualTo("sub index");
    assertThat(get(client, "/static/").text()).isEqualTo("root index");
  }

  @Test
  void directoryWithoutSlashRedirects(SquallClient client) {
    FetchResponse r = get(client, "/static/sub");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/static/sub/");
    FetchResponse q = get(client, "/static/sub?x=1");
    assertThat(q.header("Location")).isEqualTo("/static/sub/?x=1");
  }

  @Test
  void directoryWithoutDefaultFile(SquallClient client) {
    assertThat(get(client, "/static/noindex/").status()).isEqualTo(404);
    // a handler without a default filename refuses directories
    assertThat(get(client, "/files/sub/").status()).isEqualTo(403);
    assertThat(get(client, "/files/hello.txt").text()).isEqualTo("Hello, static");
  }

  @Test
  void missingFilesAre404(SquallClient client) {
    assertThat(get(client, "/static/nope.txt").status()).isEqualTo(404);
    assertThat(get(client, "/static/hello.txt/").status()).isEqualTo(404);
    assertThat(get(client, "/static/sub/nope/x").status()).isEqualTo(404);
  }

  @Test
  void symlinkInsideTheRootIsServed(SquallClient client) {
    assertThat(get(client, "/static/inside-link.txt").text()).isEqualTo("Hello, static");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/static/../secret.txt",
        "/static/sub/../../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E%2Fsecret.txt",
        "/static/sub/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/static/%252e%252e/secret.txt",
        "/static/..%5csecret.txt",
        "/static/..\\secret.txt",
        "/static/sub\\..\\..\\secret.txt",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/" + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/link.txt",
        "/static/linkdir/secret.txt",
        "/static/sub%00.txt",
        "/static/C:/Windows/win.ini",
        "/files/../secret.txt",
        "/files/link.txt",
      })
  void noWayOutOfTheRoot(String target, SquallClient client) {
    RawConnection.Response r = raw(client, target);
    assertThat(r.status()).as(target).isIn(400, 403, 404);
    assertThat(r.text()).as(target).doesNotContain(SECRET).doesNotContain("root:");
  }

  @Test
  void postIs405(SquallClient client) {
    FetchResponse r = client.fetch("/static/hello.txt", FetchOptions.post());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void changedFileGetsNewVersion(SquallClient client) throws IOException {
    Path f = root.resolve("changing.txt");
    Files.writeString(f, "one");
    try {
      String v1 = client.fetch("/static/changing.txt").header("Etag");
      Files.writeString(f, "two, longer");
      FetchResponse r = client.fetch("/static/changing.txt");
      assertThat(r.text()).isEqualTo("two, longer");
      assertThat(r.header("Etag")).isNotEqualTo(v1);
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void bodyIsNotGzippedEvenWhenCompressionIsOn() {
    Application app =
        Application.builder()
            .settings(Settings.builder().staticPath(root).compressResponse(true).build())
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      String text = "x".repeat(4000);
      Path f = root.resolve("compressible.txt");
      Files.writeString(f, text);
      try {
        FetchResponse r =
            client.fetch(
                "/static/compressible.txt", FetchOptions.get().header("Accept-Encoding", "gzip"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(text);
      } finally {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
