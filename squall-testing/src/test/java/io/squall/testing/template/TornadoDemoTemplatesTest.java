package io.squall.testing.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.DictLoader;
import io.squall.template.TemplateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The templates of Tornado's demos (blog, chat, websocket, facebook), read unchanged from a Tornado
 * source checkout, render through Squall with the namespace their handlers give exactly as they
 * render through Tornado. The checkout is {@code -Dsquall.tornado.source} or /work/ref/tornado.
 */
class TornadoDemoTemplatesTest {
  @TempDir static Path dir;

  private static final List<Map<String, Object>> CASES = new ArrayList<>();
  private static Map<String, TornadoRenderer.Result> tornado;

  private static Path demos() {
    Path root = Path.of(System.getProperty("squall.tornado.source", "/work/ref/tornado"));
    Path demos = root.resolve("demos");
    if (!Files.isDirectory(demos.resolve("blog/templates"))) {
      // Skipped in CI too, as the README says: no Tornado source checkout is available there
      // (Debian's python3-tornado ships no demos, and the CI machine has no other network).
      Assumptions.abort("no Tornado source checkout with demos at " + root);
    }
    return demos;
  }

  private static Map<String, String> templates(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return Map.of("$obj", m);
  }

  private static Map<String, Object> date(String iso) {
    return Map.of("$date", iso);
  }

  private static void add(
      String name,
      Map<String, String> templates,
      String main,
      Map<String, Object> args,
      boolean escape) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("templates", templates);
    c.put("main", main);
    c.put("args", args);
    c.put("extra", "handler");
    if (!escape) {
      c.put("autoescape", null);
    }
    CASES.add(c);
  }

  @BeforeAll
  static void renderWithTornado() throws Exception {
    Path demos = demos();
    Map<String, String> blog = templates(demos.resolve("blog/templates"));
    List<Object> entries =
        List.of(
            obj(
                "id",
                2,
                "slug",
                "second-post",
                "title",
                "Second <post> & more",
                "markdown",
                "Hello *world*",
                "html",
                "<p>Hello <em>world</em></p>",
                "published",
                date("2020-03-04T15:16:17"),
                "updated",
                date("2021-05-06T07:08:09")),
            obj(
                "id",
                1,
                "slug",
                "first",
                "title",
                "First \"quoted\" post",
                "markdown",
                "x",
                "html",
                "<p>x</p>",
                "published",
                date("2019-12-31T23:59:00"),
                "updated",
                date("2019-12-31T23:59:00")));
    // base.html in Tornado's checkout reads handler.settings[" blog_title"], with a space.
    Map<String, Object> handler =
        obj("settings", Map.of("blog_title", "Tornado <Blog>", " blog_title", "Tornado <Blog>"));
    for (boolean signedIn : new boolean[] {true, false}) {
      String who = signedIn ? ".signed_in" : ".anonymous";
      Map<String, Object> base = new HashMap<>();
      base.put("handler", handler);
      base.put("request", obj("path", "/compose", "host", "blog.example.com"));
      base.put("current_user", signedIn ? obj("name", "Ann", "id", 1) : null);
      Map<String, Object> home = new HashMap<>(base);
      home.put("entries", entries);
      add("blog.home" + who, blog, "home.html", home, true);
      add("blog.archive" + who, blog, "archive.html", home, true);
      add("blog.feed" + who, blog, "feed.xml", home, true);
      Map<String, Object> entry = new HashMap<>(base);
      entry.put("entry", entries.get(0));
      add("blog.entry" + who, blog, "entry.html", entry, true);
      add("blog.compose.edit" + who, blog, "compose.html", entry, true);
      Map<String, Object> compose = new HashMap<>(base);
      compose.put("entry", null);
      add("blog.compose.new" + who, blog, "compose.html", compose, true);
      add("blog.create_author" + who, blog, "create_author.html", base, true);
      Map<String, Object> login = new HashMap<>(base);
      login.put("error", null);
      add("blog.login" + who, blog, "login.html", login, true);
      Map<String, Object> failed = new HashMap<>(base);
      failed.put("error", "incorrect password");
      add("blog.login.error" + who, blog, "login.html", failed, true);
    }
    List<Object> messages =
        List.of(
            Map.of("id", "a1", "body", "hi <b>there</b>, see http://example.com/page"),
            Map.of("id", "b2", "body", "second & last"));
    for (String demo : new String[] {"chat", "websocket"}) {
      Map<String, Object> args = new HashMap<>();
      args.put("messages", messages);
      args.put("request", obj("path", "/", "host", "chat.example.com"));
      args.put("current_user", null);
      add(demo + ".index", templates(demos.resolve(demo + "/templates")), "index.html", args, true);
      Map<String, Object> one = new HashMap<>(args);
      one.put("message", messages.get(0));
      add(
          demo + ".message",
          templates(demos.resolve(demo + "/templates")),
          "message.html",
          one,
          true);
    }
    List<Object> posts =
        List.of(
            Map.of(
                "from",
                Map.of("id", "100", "name", "Ann <A>"),
                "message",
                "Hello & welcome",
                "actions",
                List.of(Map.of("link", "http://fb.example/p?id=1&x=2")),
                "created_time",
                "2011-02-03T04:05:06+0000"),
            Map.of(
                "from",
                Map.of("id", "200", "name", "Bob"),
                "created_time",
                "2010-07-08T19:20:21+0000"));
    Map<String, Object> fb = new HashMap<>();
    fb.put("current_user", Map.of("name", "Ann", "access_token", "t"));
    fb.put("stream", Map.of("data", posts));
    fb.put("request", obj("path", "/", "host", "fb.example.com"));
    add(
        "facebook.stream",
        templates(demos.resolve("facebook/templates")),
        "stream.html",
        fb,
        false);
    tornado = TornadoRenderer.render(CASES, dir, "demo_namespace.py");
  }

  @TestFactory
  Stream<DynamicTest> demoTemplatesRenderAsInTornado() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> c) {
    TornadoRenderer.Result expected = tornado.get((String) c.get("name"));
    assertThat(expected.error()).as("Tornado's own rendering").isNull();
    TemplateSettings.Builder settings = TemplateSettings.builder();
    if (c.containsKey("autoescape")) {
      settings.autoescape(null);
    }
    DictLoader loader = new DictLoader((Map<String, String>) c.get("templates"), settings.build());
    Map<String, Object> args = new HashMap<>();
    ((Map<String, Object>) c.get("args")).forEach((k, v) -> args.put(k, SquallRenderer.value(v)));
    args.putAll(DemoNamespace.handlerNamespace(loader, args));
    String actual = loader.load((String) c.get("main")).generate(args);
    assertThat(actual).isEqualTo(expected.output().replace("&#39;", "&#x27;"));
  }
}
