package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StaticFileHandler's Tornado extension points: serving from elsewhere and changing headers. */
@SquallTest
class StaticFileExtensionTest {
  @TempDir static Path tmp;

  static final Map<String, String> MEMORY =
      Map.of("a.txt", "from memory", "big.txt", "x".repeat(200_000));

  /** Serves files from a map, as a user serving from a database or the class path would. */
  public static class MemoryFiles extends StaticFileHandler {
    public MemoryFiles(Path root) {
      super(root);
    }

    @Override
    protected Path validateAbsolutePath(Path root, Path absolutePath) {
      if (!MEMORY.containsKey(path())) {
        throw new HttpError(404);
      }
      return absolutePath;
    }

    @Override
    protected ReadableByteChannel getContent(Path absolutePath, long start, long end) {
      byte[] all = MEMORY.get(path()).getBytes(StandardCharsets.UTF_8);
      return Channels.newChannel(
          new java.io.ByteArrayInputStream(Arrays.copyOfRange(all, (int) start, (int) end)));
    }

    @Override
    protected long getContentSize() {
      return MEMORY.get(path()).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected Instant getModifiedTime() {
      return Instant.parse("2024-01-02T03:04:05Z");
    }

    @Override
    protected String getContentVersion(Path absolutePath) {
      return "v-" + MEMORY.get(path()).length();
    }

    @Override
    protected void setExtraHeaders(String path) {
      setHeader("X-Served-From", "memory:" + path);
    }

    @Override
    protected Duration getCacheTime(String path, Instant modified, String mimeType) {
      return Duration.ofMinutes(5);
    }
  }

  static final long GENERATED = 32L << 20;
  static final java.util.concurrent.atomic.AtomicInteger deepestRead =
      new java.util.concurrent.atomic.AtomicInteger();
  static final java.util.concurrent.atomic.AtomicInteger shallowestRead =
      new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);

  /**
   * Serves {@link #GENERATED} bytes from a channel that records how deep the stack is at each of
   * its reads: one read per chunk, called again each time the previous chunk was flushed.
   */
  public static class Generated extends MemoryFiles {
    public Generated(Path root) {
      super(root);
    }

    @Override
    protected Path validateAbsolutePath(Path root, Path absolutePath) {
      return absolutePath;
    }

    @Override
    protected ReadableByteChannel getContent(Path absolutePath, long start, long end) {
      return new ReadableByteChannel() {
        long left = end - start;

        @Override
        public int read(java.nio.ByteBuffer dst) {
          int depth = Thread.currentThread().getStackTrace().length;
          deepestRead.accumulateAndGet(depth, Math::max);
          shallowestRead.accumulateAndGet(depth, Math::min);
          int n = (int) Math.min(dst.remaining(), left);
          for (int i = 0; i < n; i++) {
            dst.put((byte) 'y');
          }
          left -= n;
          return n;
        }

        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    protected long getContentSize() {
      return GENERATED;
    }

    @Override
    protected String getContentVersion(Path absolutePath) {
      return "generated";
    }
  }

  /** Never answers 304 and types everything as JSON. */
  public static class Always200 extends StaticFileHandler {
    public Always200(Path root) {
      super(root);
    }

    @Override
    protected boolean shouldReturn304() {
      return false;
    }

    @Override
    protected String getContentType() {
      return "application/json";
    }

    @Override
    protected String parseUrlPath(String urlPath) {
      return urlPath.replace('~', '/');
    }
  }

  /** Writes the handler's own static URLs. */
  public static class Urls extends StaticFileHandler {
    public Urls(Path root) {
      super(root);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> get(String path) {
      write(makeStaticUrl("f.json", true) + " " + makeStaticUrl("f.json", false));
      write(" " + getVersion("missing.txt"));
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
  }

  static Path root() {
    try {
      Path r = tmp.resolve("ext");
      if (!Files.exists(r)) {
        Files.createDirectories(r.resolve("sub"));
        Files.writeString(r.resolve("f.json"), "{\"a\":1}");
        Files.writeString(r.resolve("sub/g.json"), "{}");
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestApplication
  Application app() {
    Path r = root();
    return Application.builder()
        .route("/mem/(.*)", () -> new MemoryFiles(r))
        .route("/generated/(.*)", () -> new Generated(r))
        .route("/plain/(.*)", () -> new Always200(r))
        .route("/urls/(.*)", () -> new Urls(r))
        .settings(Settings.builder().staticPath(r).build())
        .build();
  }

  @Test
  void subclassServesFromMemory(SquallClient client) {
    FetchResponse r = client.fetch("/mem/a.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("from memory");
    assertThat(r.header("Etag")).isEqualTo("\"v-11\"");
    assertThat(r.header("X-Served-From")).isEqualTo("memory:a.txt");
    assertThat(r.header("Cache-Control")).isEqualTo("max-age=300");
    assertThat(r.header("Last-Modified")).isEqualTo("Tue, 02 Jan 2024 03:04:05 GMT");
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(client.fetch("/mem/none.txt").status()).isEqualTo(404);
  }

  @Test
  void subclassContentIsSentInChunksAndHonoursRanges(SquallClient client) {
    assertThat(client.fetch("/mem/big.txt").text()).hasSize(200_000);
    FetchResponse part =
        client.fetch("/mem/a.txt", FetchOptions.get().header("Range", "bytes=5-10"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.text()).isEqualTo("memory");
  }

  /**
   * Content from a channel goes out a chunk per flush; while the client reads as fast as the server
   * writes, each flush completes at once, and sending the next chunk from the flush's callback
   * nested one call per chunk (32 MiB: 512 levels). It goes on in a loop instead.
   */
  @Test
  void channelContentIsSentInALoopNotANestOfCallbacks(SquallClient client) throws Exception {
    deepestRead.set(0);
    shallowestRead.set(Integer.MAX_VALUE);
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", client.port())) {
      s.getOutputStream()
          .write(
              "GET /generated/x.bin HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] all = s.getInputStream().readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 200 ");
      assertThat(all.length - text.indexOf("\r\n\r\n") - 4).isEqualTo((int) GENERATED);
    }
    assertThat(deepestRead.get() - shallowestRead.get()).isLessThan(40);
  }

  @Test
  void subclassEtagGives304(SquallClient client) {
    FetchResponse r =
        client.fetch("/mem/a.txt", FetchOptions.get().header("If-None-Match", "\"v-11\""));
    assertThat(r.status()).isEqualTo(304);
  }

  @Test
  void shouldReturn304ContentTypeAndParseUrlPathOverrides(SquallClient client) {
    String etag = client.fetch("/plain/f.json").header("Etag");
    FetchResponse r =
        client.fetch("/plain/sub~g.json", FetchOptions.get().header("If-None-Match", etag));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(client.fetch("/plain/..~..~etc~passwd").status()).isEqualTo(403);
  }

  @Test
  void makeStaticUrlAndGetVersion(SquallClient client) {
    String[] parts = client.fetch("/urls/x").text().split(" ");
    assertThat(parts[0]).matches("/static/f\\.json\\?v=[0-9a-f]{32}");
    assertThat(parts[1]).isEqualTo("/static/f.json");
    assertThat(parts[2]).isEqualTo("null");
  }

  @Test
  void defaultValidationStillRefusesDotSegments(SquallClient client) {
    assertThat(client.fetch("/plain/sub/..~f.json").status()).isEqualTo(403);
  }
}
