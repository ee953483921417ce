package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticVersionsTest {
  @TempDir Path root;
  StaticVersions versions;

  @BeforeEach
  void setUp() throws IOException {
    Files.writeString(root.resolve("app.css"), "body { color: red }");
    Files.createDirectories(root.resolve("js"));
    Files.writeString(root.resolve("js/app.js"), "console.log(1)");
    versions = new StaticVersions(new StaticPaths(root, null));
  }

  private static String sha256Prefix(String content) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d).substring(0, 32);
  }

  @Test
  void versionIsContentHash() throws Exception {
    assertThat(versions.version("app.css")).isEqualTo(sha256Prefix("body { color: red }"));
    assertThat(versions.version("js/app.js")).hasSize(StaticVersions.HASH_HEX_CHARS);
    assertThat(versions.version("js/app.js")).isNotEqualTo(versions.version("app.css"));
  }

  @Test
  void staticUrl() throws Exception {
    assertThat(versions.staticUrl("/static/", "app.css"))
        .isEqualTo("/static/app.css?v=" + sha256Prefix("body { color: red }"));
    assertThat(versions.staticUrl("/static/", "missing.css")).isEqualTo("/static/missing.css");
    assertThat(versions.staticUrl("/static/", "../etc/passwd")).isEqualTo("/static/../etc/passwd");
    assertThat(versions.version("../etc/passwd")).isNull();
  }

  @Test
  void changedFileGetsNewVersion() throws Exception {
    Path css = root.resolve("app.css");
    String v1 = versions.version("app.css");
    assertThat(versions.version("app.css")).isEqualTo(v1);

    // Same size, different content, new modification time.
    FileTime before = Files.getLastModifiedTime(css);
    Files.writeString(css, "body { color: tan }");
    Files.setLastModifiedTime(css, FileTime.fromMillis(before.toMillis() + 5_000));
    String v2 = versions.version("app.css");
    assertThat(v2).isEqualTo(sha256Prefix("body { color: tan }")).isNotEqualTo(v1);

    // Different size, same modification time.
    FileTime same = Files.getLastModifiedTime(css);
    Files.writeString(css, "body { color: green }");
    Files.setLastModifiedTime(css, same);
    assertThat(versions.version("app.css")).isEqualTo(sha256Prefix("body { color: green }"));
  }

  @Test
  void deletedFileHasNoVersion() throws Exception {
    assertThat(versions.version("app.css")).isNotNull();
    Path resolved = root.resolve("app.css").toRealPath();
    Files.delete(root.resolve("app.css"));
    assertThat(versions.version("app.css")).isNull();
    assertThat(versions.version(resolved)).isNull();
  }

  @Test
  void concurrentLookups() throws Exception {
    String expected = sha256Prefix("body { color: red }");
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> versions.version("app.css"));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<String> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(expected);
      }
    }
  }
}
