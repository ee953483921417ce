package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Loader}: files, relative names, caching, debug reload and concurrent loading. */
class LoaderTest {
  @TempDir Path root;

  private void write(String name, String text) throws IOException {
    Path p = root.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** Moves a file's modification time on, so a change is visible whatever the clock's grain. */
  private void touch(String name, int secondsLater) throws IOException {
    Path p = root.resolve(name);
    Instant t = Files.getLastModifiedTime(p).toInstant().plusSeconds(secondsLater);
    Files.setLastModifiedTime(p, FileTime.from(t));
  }

  @Test
  void loadsUtf8FilesWithRelativeIncludes() throws IOException {
    write("utf8.html", "H\u00e9llo\n");
    write(
        "pages/index.html",
        "{% extends '../base.html' %}{% block b %}{% include 'part.html' %}{% end %}");
    write("pages/part.html", "part {{ x }}");
    write("base.html", "<{% block b %}{% end %}>");
    Loader loader = new Loader(root);
    assertThat(loader.load("utf8.html").generate().strip()).isEqualTo("H\u00e9llo");
    assertThat(loader.load("pages/index.html").generate(Map.of("x", 1))).isEqualTo("<part 1>");
    assertThat(loader.load("/pages/part.html")).isSameAs(loader.load("pages/part.html"));
  }

  @Test
  void missingFileAndPathsOutsideTheRoot() throws IOException {
    Loader loader = new Loader(root);
    assertThatThrownBy(() -> loader.load("missing.html"))
        .isInstanceOf(TemplateNotFoundException.class)
        .hasMessageContaining("missing.html");
    assertThatThrownBy(() -> loader.load("../secret.txt"))
        .isInstanceOf(TemplateNotFoundException.class)
        .hasMessageContaining("outside");
    write("a.html", "{% include '../../etc/passwd' %}");
    assertThatThrownBy(() -> loader.load("a.html")).isInstanceOf(TemplateNotFoundException.class);
    Files.createDirectories(root.resolve("dir"));
    assertThatThrownBy(() -> loader.load("dir")).isInstanceOf(TemplateNotFoundException.class);
  }

  @Test
  void withoutDebugChangesAreNotSeen() throws IOException {
    write("a.txt", "one");
    Loader loader = new Loader(root);
    assertThat(loader.load("a.txt").generate()).isEqualTo("one");
    write("a.txt", "two!");
    touch("a.txt", 5);
    assertThat(loader.load("a.txt").generate()).isEqualTo("one");
    loader.reset();
    assertThat(loader.load("a.txt").generate()).isEqualTo("two!");
  }

  @Test
  void debugReloadsChangedTemplates() throws IOException {
    write("a.txt", "one");
    Loader loader = new Loader(root, TemplateSettings.builder().debug(true).build());
    Template first = loader.load("a.txt");
    assertThat(first.generate()).isEqualTo("one");
    assertThat(loader.load("a.txt")).isSameAs(first);
    write("a.txt", "two!");
    touch("a.txt", 5);
    assertThat(loader.load("a.txt").generate()).isEqualTo("two!");
  }

  @Test
  void debugReloadsWhenAnIncludedOrParentTemplateChanges() throws IOException {
    write("base.txt", "[{% block b %}{% end %}]");
    write("part.txt", "p1");
    write("page.txt", "{% extends 'base.txt' %}{% block b %}{% include 'part.txt' %}{% end %}");
    Loader loader = new Loader(root, TemplateSettings.builder().debug(true).build());
    assertThat(loader.load("page.txt").generate()).isEqualTo("[p1]");
    write("part.txt", "p2!");
    touch("part.txt", 5);
    assertThat(loader.load("page.txt").generate()).isEqualTo("[p2!]");
    write("base.txt", "({% block b %}{% end %})");
    touch("base.txt", 10);
    assertThat(loader.load("page.txt").generate()).isEqualTo("(p2!)");
  }

  @Test
  void debugReloadReportsSyntaxErrorsThenRecovers() throws IOException {
    write("a.txt", "ok");
    Loader loader = new Loader(root, TemplateSettings.builder().debug(true).build());
    assertThat(loader.load("a.txt").generate()).isEqualTo("ok");
    write("a.txt", "{{ broken");
    touch("a.txt", 5);
    assertThatThrownBy(() -> loader.load("a.txt")).isInstanceOf(TemplateException.class);
    write("a.txt", "fixed");
    touch("a.txt", 10);
    assertThat(loader.load("a.txt").generate()).isEqualTo("fixed");
  }

  @Test
  void concurrentLoadsCompileOnceAndShareTheTemplate() throws Exception {
    write("base.html", "<b>{% block x %}{% end %}</b>");
    for (int i = 0; i < 8; i++) {
      write("p" + i + ".html", "{% extends 'base.html' %}{% block x %}" + i + "{% end %}");
    }
    AtomicInteger reads = new AtomicInteger();
    Loader loader =
        new Loader(root) {
          @Override
          protected String readTemplate(String name) {
            reads.incrementAndGet();
            return super.readTemplate(name);
          }
        };
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Set<Template>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  Set<Template> seen = new HashSet<>();
                  for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 8; i++) {
                      Template tpl = loader.load("p" + i + ".html");
                      assertThat(tpl.generate()).isEqualTo("<b>" + i + "</b>");
                      seen.add(tpl);
                    }
                  }
                  return seen;
                }));
      }
      start.countDown();
      Set<Template> all = new HashSet<>();
      for (Future<Set<Template>> f : results) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(8);
      assertThat(reads.get()).isEqualTo(9);
    } finally {
      pool.shutdownNow();
    }
  }
}
