package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Escaping in each autoescape mode and the whitespace modes (Tornado's AutoEscapeTest). */
class AutoEscapeTest {
  private static final Map<String, String> TEMPLATES =
      Map.ofEntries(
          Map.entry("escaped.html", "{% autoescape xhtml_escape %}{{ name }}"),
          Map.entry("unescaped.html", "{% autoescape None %}{{ name }}"),
          Map.entry("default.html", "{{ name }}"),
          Map.entry(
              "include.html",
              "escaped: {% include 'escaped.html' %}\n"
                  + "unescaped: {% include 'unescaped.html' %}\n"
                  + "default: {% include 'default.html' %}\n"),
          Map.entry(
              "escaped_block.html",
              "{% autoescape xhtml_escape %}{% block name %}base: {{ name }}{% end %}"),
          Map.entry(
              "unescaped_block.html",
              "{% autoescape None %}{% block name %}base: {{ name }}{% end %}"),
          Map.entry(
              "escaped_extends_unescaped.html",
              "{% autoescape xhtml_escape %}{% extends \"unescaped_block.html\" %}"),
          Map.entry(
              "escaped_overrides_unescaped.html",
              "{% autoescape xhtml_escape %}{% extends \"unescaped_block.html\" %}"
                  + "{% block name %}extended: {{ name }}{% end %}"),
          Map.entry(
              "unescaped_extends_escaped.html",
              "{% autoescape None %}{% extends \"escaped_block.html\" %}"),
          Map.entry(
              "unescaped_overrides_escaped.html",
              "{% autoescape None %}{% extends \"escaped_block.html\" %}"
                  + "{% block name %}extended: {{ name }}{% end %}"),
          Map.entry(
              "raw_expression.html",
              "{% autoescape xhtml_escape %}expr: {{ name }}\nraw: {% raw name %}"));

  private static String render(DictLoader loader, String template, Object name) {
    return loader.load(template).generate(Map.of("name", name));
  }

  @Test
  void defaultOff() {
    DictLoader loader =
        new DictLoader(TEMPLATES, TemplateSettings.builder().autoescape(null).build());
    String name = "Bobby <table>s";
    assertThat(render(loader, "escaped.html", name)).isEqualTo("Bobby &lt;table&gt;s");
    assertThat(render(loader, "unescaped.html", name)).isEqualTo("Bobby <table>s");
    assertThat(render(loader, "default.html", name)).isEqualTo("Bobby <table>s");
    assertThat(render(loader, "include.html", name))
        .isEqualTo(
            "escaped: Bobby &lt;table&gt;s\nunescaped: Bobby <table>s\ndefault: Bobby <table>s\n");
  }

  @Test
  void defaultOn() {
    DictLoader loader = new DictLoader(TEMPLATES);
    String name = "Bobby <table>s";
    assertThat(render(loader, "escaped.html", name)).isEqualTo("Bobby &lt;table&gt;s");
    assertThat(render(loader, "unescaped.html", name)).isEqualTo("Bobby <table>s");
    assertThat(render(loader, "default.html", name)).isEqualTo("Bobby &lt;table&gt;s");
    assertThat(render(loader, "include.html", name))
        .isEqualTo(
            "escaped: Bobby &lt;table&gt;s\nunescaped: Bobby <table>s\n"
                + "default: Bobby &lt;table&gt;s\n");
  }

  @Test
  void unextendedBlock() {
    DictLoader loader = new DictLoader(TEMPLATES);
    assertThat(render(loader, "escaped_block.html", "<script>")).isEqualTo("base: &lt;script&gt;");
    assertThat(render(loader, "unescaped_block.html", "<script>")).isEqualTo("base: <script>");
  }

  @Test
  void blocksEscapeLikeTheTemplateThatDefinesThem() {
    DictLoader loader = new DictLoader(TEMPLATES);
    assertThat(render(loader, "escaped_extends_unescaped.html", "<script>"))
        .isEqualTo("base: <script>");
    assertThat(render(loader, "escaped_overrides_unescaped.html", "<script>"))
        .isEqualTo("extended: &lt;script&gt;");
    assertThat(render(loader, "unescaped_extends_escaped.html", "<script>"))
        .isEqualTo("base: &lt;script&gt;");
    assertThat(render(loader, "unescaped_overrides_escaped.html", "<script>"))
        .isEqualTo("extended: <script>");
  }

  @Test
  void rawExpression() {
    DictLoader loader = new DictLoader(TEMPLATES);
    assertThat(render(loader, "raw_expression.html", "<>&\""))
        .isEqualTo("expr: &lt;&gt;&amp;&quot;\nraw: <>&\"");
  }

  @Test
  void escapesAllFiveCharacters() {
    assertThat(new Template("{{ x }}").generate(Map.of("x", "<a href='x'>\"&\"</a>")))
        .isEqualTo("&lt;a href=&#x27;x&#x27;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  }

  @Test
  void customEscapeFunction() {
    DictLoader loader =
        new DictLoader(Map.of("foo.py", "{% autoescape py_escape %}s = {{ name }}\n"));
    Function<Object, Object> pyEscape =
        s -> {
          assertThat(s).isInstanceOf(String.class);
          String str = (String) s;
          return str.contains("'") ? "\"" + str + "\"" : "'" + str + "'";
        };
    Function<Object, String> render =
        name -> loader.load("foo.py").generate(Map.of("py_escape", pyEscape, "name", name));
    assertThat(render.apply("<html>")).isEqualTo("s = '<html>'\n");
    assertThat(render.apply("';sys.exit()")).isEqualTo("s = \"';sys.exit()\"\n");
    assertThat(render.apply(List.of("not a string"))).isEqualTo("s = \"['not a string']\"\n");
  }

  @Test
  void autoescapeAppliesToTheWholeFile() {
    // As in Tornado, the directive sets the file's mode, wherever it appears.
    assertThat(new Template("{{ x }}{% autoescape None %}{{ x }}").generate(Map.of("x", "<")))
        .isEqualTo("<<");
  }

  @Test
  void urlEscapeAsAutoescape() {
    assertThat(new Template("{% autoescape url_escape %}?q={{ q }}").generate(Map.of("q", "a b&c")))
        .isEqualTo("?q=a+b%26c");
  }

  @Test
  void manualMinimizeWhitespace() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "foo.txt",
                "{% for i in items\n  %}{% if i > 0 %}, {% end %}{#\n  #}{{i\n  }}{% end\n%}"));
    assertThat(loader.load("foo.txt").generate(Map.of("items", List.of(0, 1, 2, 3, 4))))
        .isEqualTo("0, 1, 2, 3, 4");
  }

  @Test
  void whitespaceByFilename() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "foo.html", "   \n\t\n asdf\t   ",
                "bar.js", " \n\n\n\t qwer     ",
                "baz.txt", "\t    zxcv\n\n",
                "include.html", "  {% include baz.txt %} \n ",
                "include.txt", "\t\t{% include foo.html %}    "));
    assertThat(loader.load("foo.html").generate()).isEqualTo("\nasdf ");
    assertThat(loader.load("bar.js").generate()).isEqualTo("\nqwer ");
    assertThat(loader.load("baz.txt").generate()).isEqualTo("\t    zxcv\n\n");
    assertThat(loader.load("include.html").generate()).isEqualTo(" \t    zxcv\n\n\n");
    assertThat(loader.load("include.txt").generate()).isEqualTo("\t\t\nasdf     ");
  }

  @Test
  void whitespaceByLoader() {
    Map<String, String> templates = Map.of("foo.html", "\t\tfoo\n\n", "bar.txt", "\t\tbar\n\n");
    DictLoader all =
        new DictLoader(
            templates, TemplateSettings.builder().whitespace(WhitespaceMode.ALL).build());
    assertThat(all.load("foo.html").generate()).isEqualTo("\t\tfoo\n\n");
    assertThat(all.load("bar.txt").generate()).isEqualTo("\t\tbar\n\n");
    DictLoader single =
        new DictLoader(
            templates, TemplateSettings.builder().whitespace(WhitespaceMode.SINGLE).build());
    assertThat(single.load("foo.html").generate()).isEqualTo(" foo\n");
    assertThat(single.load("bar.txt").generate()).isEqualTo(" bar\n");
    DictLoader oneline =
        new DictLoader(
            templates, TemplateSettings.builder().whitespace(WhitespaceMode.ONELINE).build());
    assertThat(oneline.load("foo.html").generate()).isEqualTo(" foo ");
    assertThat(oneline.load("bar.txt").generate()).isEqualTo(" bar ");
  }

  @Test
  void whitespaceDirective() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "foo.html",
                "{% whitespace oneline %}\n    {% for i in range(3) %}\n        {{ i }}\n    {% end %}\n"
                    + "{% whitespace all %}\n    pre\tformatted\n"));
    assertThat(loader.load("foo.html").generate()).isEqualTo("  0  1  2  \n    pre\tformatted\n");
  }

  @Test
  void preformattedTextKeepsItsWhitespace() {
    DictLoader loader = new DictLoader(Map.of("p.html", "<pre>  a\n\n  b</pre>  \n\n  x"));
    assertThat(loader.load("p.html").generate()).isEqualTo("<pre>  a\n\n  b</pre>  \n\n  x");
  }

  @Test
  void whitespaceModeNames() {
    assertThat(WhitespaceMode.of("Single")).isEqualTo(WhitespaceMode.SINGLE);
    assertThat(WhitespaceMode.forTemplateName("a.js")).isEqualTo(WhitespaceMode.SINGLE);
    assertThat(WhitespaceMode.forTemplateName("a.txt")).isEqualTo(WhitespaceMode.ALL);
    assertThat(WhitespaceMode.ONELINE.filter(" a \n\t b ")).isEqualTo(" a b ");
  }
}
