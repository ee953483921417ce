package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.web.internal.StaticPaths.AddTrailingSlash;
import io.squall.web.internal.StaticPaths.Forbidden;
import io.squall.web.internal.StaticPaths.Found;
import io.squall.web.internal.StaticPaths.NotFound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticPathsTest {
  @TempDir Path tmp;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws IOException {
    root = Files.createDirectories(tmp.resolve("static"));
    outside = Files.writeString(tmp.resolve("secret.txt"), "top secret");
    Files.writeString(tmp.resolve("static-sibling.txt"), "sibling of the root");
    Files.writeString(root.resolve("app.css"), "body{}");
    Files.createDirectories(root.resolve("docs/sub"));
    Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
    Files.writeString(root.resolve("docs/sub/a.txt"), "a");
    Files.writeString(root.resolve("index.html"), "<h1>root</h1>");
    Files.writeString(root.resolve("100%.txt"), "percent");
  }

  private StaticPaths.Resolution resolve(String path) throws IOException {
    return new StaticPaths(root, null).resolve(path);
  }

  private Path real(String relative) throws IOException {
    return root.resolve(relative).toRealPath();
  }

  @Test
  void findsFiles() throws IOException {
    assertThat(resolve("app.css")).isEqualTo(new Found(real("app.css")));
    assertThat(resolve("docs/sub/a.txt")).isEqualTo(new Found(real("docs/sub/a.txt")));
    assertThat(resolve("docs//sub/a.txt")).isEqualTo(new Found(real("docs/sub/a.txt")));
    assertThat(resolve("100%.txt")).isEqualTo(new Found(real("100%.txt")));
  }

  @Test
  void missingFilesAreNotFound() throws IOException {
    assertThat(resolve("nope.css")).isInstanceOf(NotFound.class);
    assertThat(resolve("docs/nope/a.txt")).isInstanceOf(NotFound.class);
    assertThat(resolve("app.css/x")).isInstanceOf(NotFound.class);
    assertThat(resolve("app.css/")).isInstanceOf(NotFound.class);
  }

  @Test
  void traversalAttemptsAreForbidden() throws IOException {
    List<String> attacks =
        List.of(
            "../secret.txt",
            "docs/../../secret.txt",
            "docs/..",
            "./app.css",
            "..",
            "%2e%2e/secret.txt",
            "%2E%2E/secret.txt",
            ".%2e/secret.txt",
            "%2e./secret.txt",
            "%252e%252e/secret.txt",
            "%25252e%25252e/secret.txt",
            "docs%2f..%2f..%2fsecret.txt",
            "docs%5c..%5c..%5csecret.txt",
            "..%2fsecret.txt",
            "/etc/passwd",
            "//etc/passwd",
            "..\\secret.txt",
            "docs\\..\\..\\secret.txt",
            "app.css\u0000.png",
            "app.css%00.png",
            "app\r\n.css",
            "C:/Windows/win.ini",
            "c:secret.txt",
            "docs/C:x",
            "%43:/x",
            "x".repeat(StaticPaths.MAX_PATH_LENGTH + 1));
    for (String attack : attacks) {
      assertThat(resolve(attack)).as(attack).isInstanceOf(Forbidden.class);
    }
  }

  @Test
  void reasonsSayWhy() throws IOException {
    assertThat(resolve("../x")).isEqualTo(new Forbidden("dot segment in path"));
    assertThat(resolve("%2e%2e/x")).isEqualTo(new Forbidden("encoded dot segment in path"));
    assertThat(resolve("/x")).isEqualTo(new Forbidden("absolute path"));
    assertThat(resolve("a\\b")).isEqualTo(new Forbidden("backslash in path"));
    assertThat(resolve("a\u0000b")).isEqualTo(new Forbidden("control character in path"));
  }

  @Test
  void siblingDirectoryWithRootAsPrefixIsNotReachable() throws IOException {
    // ".../static-sibling.txt" starts with the root's path as a string, but not as a path.
    assertThat(resolve("../static-sibling.txt")).isInstanceOf(Forbidden.class);
  }

  @Test
  void symlinkEscapeIsForbidden() throws IOException {
    Path link = root.resolve("escape.txt");
    Path dirLink = root.resolve("escape-dir");
    try {
      Files.createSymbolicLink(link, outside);
      Files.createSymbolicLink(dirLink, tmp);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      Assumptions.abort("cannot create symlinks here: " + e);
    }
    assertThat(resolve("escape.txt"))
        .isEqualTo(new Forbidden("real path (symlink target) is outside the static root"));
    assertThat(resolve("escape-dir/secret.txt")).isInstanceOf(Forbidden.class);
    // A symlink that stays inside the root is fine.
    Files.createSymbolicLink(root.resolve("alias.css"), root.resolve("app.css"));
    assertThat(resolve("alias.css")).isEqualTo(new Found(real("app.css")));
  }

  @Test
  void rootBehindSymlinkStillWorks() throws IOException {
    Path rootLink = tmp.resolve("root-link");
    try {
      Files.createSymbolicLink(rootLink, root);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      Assumptions.abort("cannot create symlinks here: " + e);
    }
    StaticPaths paths = new StaticPaths(rootLink, null);
    assertThat(paths.root()).isEqualTo(root.toRealPath());
    assertThat(paths.resolve("app.css")).isEqualTo(new Found(real("app.css")));
  }

  @Test
  void directoriesWithoutDefaultFilenameAreForbidden() throws IOException {
    assertThat(resolve("docs")).isInstanceOf(Forbidden.class);
    assertThat(resolve("docs/")).isInstanceOf(Forbidden.class);
    assertThat(resolve("")).isInstanceOf(Forbidden.class);
    assertThat(resolve(null)).isInstanceOf(Forbidden.class);
  }

  @Test
  void defaultFilenameForDirectories() throws IOException {
    StaticPaths paths = new StaticPaths(root, "index.html");
    assertThat(paths.resolve("docs/")).isEqualTo(new Found(real("docs/index.html")));
    assertThat(paths.resolve("docs")).isEqualTo(new AddTrailingSlash());
    assertThat(paths.resolve("")).isEqualTo(new Found(real("index.html")));
    assertThat(paths.resolve("docs/sub/")).isInstanceOf(NotFound.class);
    assertThat(paths.resolve("docs/index.html")).isEqualTo(new Found(real("docs/index.html")));
  }

  @Test
  void nonRegularFilesAreForbidden() throws IOException {
    Files.createDirectories(root.resolve("dir/index.html"));
    StaticPaths paths = new StaticPaths(root, "index.html");
    assertThat(paths.resolve("dir/")).isInstanceOf(Forbidden.class);
  }

  @Test
  void constructorChecks() throws IOException {
    assertThatThrownBy(() -> new StaticPaths(tmp.resolve("missing"), null))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new StaticPaths(outside, null)).isInstanceOf(IOException.class);
    for (String bad : List.of("", ".", "..", "a/b", "a\\b", "a\u0000")) {
      assertThatThrownBy(() -> new StaticPaths(root, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
