package io.squall.demos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documentation that cannot drift: every {@code ```java} block of {@code README.md} and {@code
 * docs/*.md} is compiled against the built classes (by the rule in {@link DocSnippet}), and the
 * README's hello-world is run on an unused port and fetched.
 */
class DocSnippetsTest {
  /**
   * Blocks that are known not to compile yet, by page and a text the block contains, with the error
   * they must still give. TODO(verbs): the README hello-world uses {@code @Override public void
   * get()}, which compiles once {@code RequestHandler} declares the verb methods (issue 19). When
   * that lands, {@link #knownFailuresStillFail} fails: delete the entry below.
   */
  static final Map<String, String> EXPECTED_TO_FAIL = Map.of();

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null
        && !(Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs")))) {
      p = p.getParent();
    }
    assertThat(p).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  static List<DocSnippet> allSnippets() throws IOException {
    Path root = root();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<DocSnippet> out = new ArrayList<>();
    for (Path page : pages) {
      out.addAll(DocSnippet.extract(page, out.size() + 1));
    }
    return out;
  }

  static String expectedFailure(DocSnippet s) {
    for (Map.Entry<String, String> e : EXPECTED_TO_FAIL.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      if (s.page().getFileName().toString().equals(key[0]) && s.code().contains(key[1])) {
        return e.getValue();
      }
    }
    return null;
  }

  static String sourcePath(DocSnippet s) {
    return s.packageName().replace('.', '/') + "/Snippet.java";
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompiles(@TempDir Path out) throws IOException {
    List<DocSnippet> snippets = allSnippets();
    assertThat(snippets.stream().map(s -> s.page().getFileName().toString()).distinct())
        .as("pages with Java blocks")
        .contains("README.md", "getting-started.md", "coming-from-tornado.md");
    Map<String, String> sources = new LinkedHashMap<>();
    List<DocSnippet> compiled = new ArrayList<>();
    for (DocSnippet s : snippets) {
      if (expectedFailure(s) == null) {
        sources.put(sourcePath(s), s.toJavaSource());
        compiled.add(s);
      }
    }
    Map<String, List<String>> errors = SnippetCompiler.compile(sources, out);
    return compiled.stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.where(),
                    () ->
                        assertThat(errors.getOrDefault(sourcePath(s), List.of()))
                            .as(
                                "the Java block at %s does not compile; as compiled:%n%s",
                                s.where(), numbered(s.toJavaSource()))
                            .isEmpty()));
  }

  @Test
  void knownFailuresStillFail(@TempDir Path out) throws IOException {
    for (DocSnippet s : allSnippets()) {
      String expected = expectedFailure(s);
      if (expected == null) {
        continue;
      }
      Map<String, List<String>> errors =
          SnippetCompiler.compile(Map.of(sourcePath(s), s.toJavaSource()), out);
      assertThat(errors.getOrDefault(sourcePath(s), List.of()))
          .as(
              "%s now compiles: remove its entry from DocSnippetsTest.EXPECTED_TO_FAIL (TODO verbs)",
              s.where())
          .isNotEmpty()
          .allMatch(e -> e.contains(expected), "is '" + expected + "'");
    }
  }

  @Test
  void readmeHelloWorldRunsAndAnswers(@TempDir Path out) throws Exception {
    DocSnippet hello =
        allSnippets().stream()
            .filter(s -> s.page().getFileName().toString().equals("README.md"))
            .filter(s -> s.code().contains("class Hello ") && s.code().contains("void main("))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no hello-world with a main"));
    String src = hello.toJavaSource();
    assertThat(src).contains(".listen(8888)");
    src = src.replaceAll("(\\w+)\\.listen\\(8888\\)", SnippetHooks.class.getName() + ".listen($1)");
    if (expectedFailure(hello) != null) {
      // TODO(verbs): runs the example without @Override until RequestHandler declares get().
      src = src.replaceAll("(?m)^\\s*@Override\\s*$", "");
    }
    Map<String, List<String>> errors = SnippetCompiler.compile(Map.of(sourcePath(hello), src), out);
    assertThat(errors).as("compiling %s:%n%s", hello.where(), numbered(src)).isEmpty();

    SnippetHooks.started = new CompletableFuture<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Method main =
          loader.loadClass(hello.packageName() + ".Hello").getMethod("main", String[].class);
      main.setAccessible(true);
      Thread t =
          new Thread(
              () -> {
                try {
                  // a main method runs on the JVM's main thread, where IOLoop.current() makes
                  // the loop; this thread stands in for it with a loop of its own
                  new io.squall.ioloop.IOLoop("readme-hello").makeCurrent();
                  main.invoke(null, (Object) new String[0]);
                } catch (Throwable e) {
                  failed.set(e);
                  SnippetHooks.started.completeExceptionally(e);
                }
              },
              "readme-hello");
      t.start();
      SnippetHooks.Running running = SnippetHooks.started.get(30, TimeUnit.SECONDS);
      try {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.server().port() + "/"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Hello, world");
      } finally {
        running.loop().stop();
        t.join(30_000);
        assertThat(t.isAlive()).as("the example's main returned after the loop stopped").isFalse();
        running.loop().close(true);
      }
    }
    assertThat(failed.get()).isNull();
  }

  private static String numbered(String src) {
    StringBuilder sb = new StringBuilder();
    String[] lines = src.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return sb.toString();
  }
}
