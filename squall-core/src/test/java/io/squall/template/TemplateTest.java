package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The language, directive by directive; cases follow Tornado's template_test.py. */
class TemplateTest {

  private static String render(String source, Map<String, ?> args) {
    return new Template(source).generate(args);
  }

  private static String render(String source) {
    return new Template(source).generate();
  }

  @Test
  void simple() {
    assertThat(render("Hello {{ name }}!", Map.of("name", "Ben"))).isEqualTo("Hello Ben!");
  }

  @Test
  void bytesValuesAreUtf8() {
    byte[] ben = "B\u00e9n".getBytes(StandardCharsets.UTF_8);
    assertThat(render("Hello {{ name }}!", Map.of("name", ben))).isEqualTo("Hello B\u00e9n!");
    assertThat(new Template("{{ x }}").generateBytes(Map.of("x", "\u00e9")))
        .isEqualTo("\u00e9".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void expressions() {
    assertThat(render("2 + 2 = {{ 2 + 2 }}")).isEqualTo("2 + 2 = 4");
    assertThat(render("{{ 'a' + 'b' }}|{{ 3 * (1 + 2) }}|{{ 7 % 4 }}|{{ 1.5 * 2 }}"))
        .isEqualTo("ab|9|3|3.0");
    assertThat(render("{{ 1 < 2 and not (2 < 1) }}|{{ 1 == 1 or x }}")).isEqualTo("True|True");
  }

  @Test
  void ternaryAndPythonOr() {
    assertThat(render("{{ 'many' if n > 1 else 'one' }}", Map.of("n", 2))).isEqualTo("many");
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("name", null);
    assertThat(render("{{ name or 'anonymous' }}", args)).isEqualTo("anonymous");
    assertThat(render("{{ name if name is not None else 'anonymous' }}", args))
        .isEqualTo("anonymous");
  }

  @Test
  void nullRendersAsNoneAsInTornado() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("x", null);
    assertThat(render("[{{ x }}][{{ None }}][{% raw x %}]", args)).isEqualTo("[None][None][None]");
  }

  @Test
  void literalsForListsAndMaps() {
    assertThat(render("{% for x in [1, 2, 3] %}{{ x }}{% end %}")).isEqualTo("123");
    assertThat(render("{{ {'a': 1, 'b': 2}['b'] }}")).isEqualTo("2");
    assertThat(render("{{ len([4, 5, 6]) }}{{ True }}{{ False }}")).isEqualTo("3TrueFalse");
  }

  @TemplateFacing // a framework package: fixtures say they are template-facing
  record Fortune(int id, String message) {}

  @TemplateFacing // a framework package: fixtures say they are template-facing
  public static final class Bean {
    public String getName() {
      return "bean";
    }

    public boolean isActive() {
      return true;
    }

    public String greet(String who) {
      return "hi " + who;
    }
  }

  @Test
  void propertyMapAndMethodAccess() {
    Map<String, Object> args =
        Map.of(
            "f",
            new Fortune(7, "<msg>"),
            "b",
            new Bean(),
            "m",
            Map.of("key", "value"),
            "l",
            List.of("x", "y"));
    assertThat(
            render(
                "{{ f.id }} {{ f.message }} {{ b.name }} {{ b.active }} {{ b.greet('you') }} "
                    + "{{ m.key }} {{ m['key'] }} {{ l[1] }} {{ f.message.length() }} {{ len(f.message) }}",
                args))
        .isEqualTo("7 &lt;msg&gt; bean True hi you value value y 5 5");
  }

  @TemplateFacing // a framework package: fixtures say they are template-facing
  public static final class Counter {
    int calls;

    public String getBoom() {
      calls++;
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void propertyPathsHandleMixedTypesAtOneSite() {
    List<Object> named = List.of(Map.of("name", "map"), new Bean(), Map.of("name", "m2"));
    assertThat(render("{% for x in items %}{{ x.name }}{% end %}", Map.of("items", named)))
        .isEqualTo("mapbeanm2");
    List<Object> messages =
        List.of(new Fortune(1, "a"), Map.of("message", "b"), new Fortune(2, "c"));
    assertThat(render("{% for x in items %}{{ x.message }}{% end %}", Map.of("items", messages)))
        .isEqualTo("abc");
  }

  @Test
  void failingGetterIsCalledOnceAndReported() {
    Counter c = new Counter();
    Template t = new Template("{{ c.boom }}");
    assertThatThrownBy(() -> t.generate(Map.of("c", c)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("boom")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(c.calls).isEqualTo(1);
    assertThatThrownBy(() -> t.generate(Map.of("c", c))).isInstanceOf(TemplateException.class);
    assertThat(c.calls).isEqualTo(2);
  }

  @Test
  void nullInTheMiddleOfAPathIsAnError() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("user", null);
    assertThatThrownBy(() -> render("{{ user.name }}", args))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "AttributeError: 'NoneType' object has no attribute 'name' in expression"
                + " 'user.name' at <string>:1\n    user.name\n        ^");
    assertThatThrownBy(() -> render("{{ user.name + '!' }}", args))
        .isInstanceOf(TemplateException.class);
    assertThat(render("{{ user and user.name }}", args)).isEqualTo("None");
  }

  @Test
  void pythonSpellings() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("a", 1);
    d.put("b", 2);
    assertThat(render("{% for k, v in d.items() %}{{ k }}={{ v }};{% end %}", Map.of("d", d)))
        .isEqualTo("a=1;b=2;");
    assertThat(
            render(
                "{% for k in d %}{{ k }}{% end %}{% for k in d.keys() %}{{ k }}{% end %}",
                Map.of("d", d)))
        .isEqualTo("abab");
    assertThat(
            render(
                "{{ d.get('z', 9) }}{{ s.upper() }}{{ s.lower() }}{{ s.startswith('A') }}",
                Map.of("d", d, "s", "Ab")))
        .isEqualTo("9ABabTrue");
  }

  @Test
  void comment() {
    assertThat(render("Hello{# TODO i18n #} {{ name }}!", Map.of("name", "Ben")))
        .isEqualTo("Hello Ben!");
    assertThat(render("{% comment blah blah %}foo")).isEqualTo("foo");
  }

  @Test
  void include() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "index.html", "{% include \"header.html\" %}\nbody text",
                "header.html", "header text"));
    assertThat(loader.load("index.html").generate()).isEqualTo("header text\nbody text");
  }

  @Test
  void includeSeesAndSetsTheSameVariables() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "index.txt", "{% set a = 1 %}{% include 'part.txt' %}{{ b }}",
                "part.txt", "{{ a }}{% set b = a + 1 %}"));
    assertThat(loader.load("index.txt").generate()).isEqualTo("12");
  }

  @Test
  void extendsBase() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "base.html",
                "<title>{% block title %}default title{% end %}</title>\n"
                    + "<body>{% block body %}default body{% end %}</body>\n",
                "page.html",
                "{% extends \"base.html\" %}\n"
                    + "{% block title %}page title{% end %}\n"
                    + "{% block body %}page body{% end %}\n"));
    assertThat(loader.load("page.html").generate())
        .isEqualTo("<title>page title</title>\n<body>page body</body>\n");
  }

  @Test
  void relativeLoad() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "a/1.html", "{% include '2.html' %}",
                "a/2.html", "{% include '../b/3.html' %}",
                "b/3.html", "ok"));
    assertThat(loader.load("a/1.html").generate()).isEqualTo("ok");
  }

  @Test
  void escapedBraces() {
    assertThatThrownBy(() -> new Template("{{")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> new Template("{%")).isInstanceOf(TemplateException.class);
    assertThat(render("{{!")).isEqualTo("{{");
    assertThat(render("{%!")).isEqualTo("{%");
    assertThat(render("{#!")).isEqualTo("{#");
    assertThat(render("{{ 'expr' }} {{!jquery expr}}")).isEqualTo("expr {{jquery expr}}");
  }

  @Test
  void tripleBracesUseTheInnermostPair() {
    assertThat(render("{{{ 1 + 1 }}}")).isEqualTo("{2}");
  }

  @Test
  void unicode() {
    assertThat(render("\u00e9")).isEqualTo("\u00e9");
    assertThat(render("{{ \"\u00e9\" }}")).isEqualTo("\u00e9");
    DictLoader loader = new DictLoader(Map.of("t\u00e9st.html", "hello"));
    assertThat(loader.load("t\u00e9st.html").generate()).isEqualTo("hello");
  }

  @Test
  void customNamespace() {
    Function<Object, Object> inc = x -> ((Number) x).intValue() + 1;
    DictLoader loader =
        new DictLoader(
            Map.of("test.html", "{{ inc(5) }}"),
            TemplateSettings.builder().namespace("inc", inc).build());
    assertThat(loader.load("test.html").generate()).isEqualTo("6");
  }

  @Test
  void underscoreIsAFunctionName() {
    TemplateFunction translate = a -> "[" + a[0] + (a.length > 1 ? "/" + a[1] : "") + "]";
    assertThat(render("{{ _('Sign in') }} {{ _('%d item', 2) }}", Map.of("_", translate)))
        .isEqualTo("[Sign in] [%d item/2]");
  }

  @Test
  void settingTheEscapeFunctionTakesEffect() {
    TemplateFunction star = a -> "*" + a[0] + "*";
    assertThat(render("{{ 'a' }}{% set xhtml_escape = star %}{{ 'b' }}", Map.of("star", star)))
        .isEqualTo("a*b*");
  }

  @Test
  void argumentsOverrideNamespaceAndBuiltins() {
    TemplateFunction shout = a -> String.valueOf(a[0]).toUpperCase() + "!";
    assertThat(render("{{ escape('x') }}", Map.of("escape", shout))).isEqualTo("X!");
  }

  @Test
  void apply() {
    Function<Object, Object> upper = s -> s.toString().toUpperCase();
    assertThat(render("{% apply upper %}foo{% end %}", Map.of("upper", upper))).isEqualTo("FOO");
    assertThat(render("{% apply upper %}foo \u00e9{% end %}", Map.of("upper", upper)))
        .isEqualTo("FOO \u00c9");
    assertThat(render("{% apply linkify %}see http://x.com{% end %}"))
        .isEqualTo("see <a href=\"http://x.com\">http://x.com</a>");
  }

  @Test
  void ifElifElse() {
    Template t = new Template("{% if x > 4 %}yes{% else %}no{% end %}");
    assertThat(t.generate(Map.of("x", 5))).isEqualTo("yes");
    assertThat(t.generate(Map.of("x", 3))).isEqualTo("no");
    Template e =
        new Template("{% if x == 1 %}one{% elif x == 2 %}two{% elif x == 3 %}three{% end %}");
    assertThat(e.generate(Map.of("x", 2))).isEqualTo("two");
    assertThat(e.generate(Map.of("x", 3))).isEqualTo("three");
    assertThat(e.generate(Map.of("x", 4))).isEmpty();
    assertThat(render("{% if True %}{% else %}{% end %}")).isEmpty();
  }

  @Test
  void ifUsesPythonTruth() {
    String src = "{% if v %}T{% else %}F{% end %}";
    List<Object> values = new ArrayList<>(List.of(0, 1, "", "a", List.of(), List.of(1), Map.of()));
    values.add(null);
    StringBuilder out = new StringBuilder();
    Template t = new Template(src);
    for (Object v : values) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("v", v);
      out.append(t.generate(args));
    }
    assertThat(out).hasToString("FTFTFTFF");
    assertThat(render("{{ not [] }}{{ not 'x' }}")).isEqualTo("TrueFalse");
  }

  @Test
  void forLoopWithElse() {
    Template t = new Template("{% for x in xs %}{{ x }}{% else %}empty{% end %}");
    assertThat(t.generate(Map.of("xs", List.of(1, 2)))).isEqualTo("12empty");
    Template b = new Template("{% for x in xs %}{{ x }}{% break %}{% else %}empty{% end %}");
    assertThat(b.generate(Map.of("xs", List.of(1, 2)))).isEqualTo("1");
  }

  @Test
  void forUnpacksListsAndArrays() {
    Object pairs = List.of(List.of("a", 1), new Object[] {"b", 2});
    assertThat(render("{% for (k, v) in pairs %}{{ k }}{{ v }}{% end %}", Map.of("pairs", pairs)))
        .isEqualTo("a1b2");
    assertThat(render("{% for c in 'h\u00e9' %}[{{ c }}]{% end %}")).isEqualTo("[h][\u00e9]");
    assertThat(render("{% for i in range(2, 11, 4) %}{{ i }},{% end %}")).isEqualTo("2,6,10,");
    assertThat(render("{% for i in xs %}{{ i }}{% end %}", Map.of("xs", new int[] {4, 5})))
        .isEqualTo("45");
  }

  @Test
  void loopVariableOutlivesTheLoop() {
    assertThat(render("{% for i in range(3) %}{% end %}{{ i }}")).isEqualTo("2");
  }

  @Test
  void whileLoop() {
    assertThat(render("{% set i = 0 %}{% while i < 3 %}{{ i }}{% set i += 1 %}{% end %}"))
        .isEqualTo("012");
    assertThat(
            render(
                "{% set i = 0 %}{% while True %}{% set i += 1 %}{% if i > 3 %}{% break %}{% end %}"
                    + "{% if i == 2 %}{% continue %}{% end %}{{ i }}{% end %}"))
        .isEqualTo("13");
  }

  @Test
  void setForms() {
    assertThat(render("{% set x = 6 %}{% set x *= 7 %}{% set y = x - 2 %}{{ x }},{{ y }}"))
        .isEqualTo("42,40");
    assertThatThrownBy(() -> new Template("{% set 1 = 2 %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("set expects");
  }

  @Test
  void tryExceptElseFinally() {
    Template t =
        new Template(
            "{% try %}\ntry{% set y = 1/x %}\n{% except %}-except\n{% else %}-else\n"
                + "{% finally %}-finally\n{% end %}");
    assertThat(t.generate(Map.of("x", 1))).isEqualTo("\ntry\n-else\n-finally\n");
    assertThat(t.generate(Map.of("x", 0))).isEqualTo("\ntry-except\n-finally\n");
    assertThat(render("{% try %}{{ missing }}{% except %}caught{% end %}")).isEqualTo("caught");
  }

  @Test
  void finallyRunsWhenTheErrorIsNotCaught() {
    List<String> seen = new ArrayList<>();
    Function<Object, Object> record =
        x -> {
          seen.add(String.valueOf(x));
          return "";
        };
    assertThatThrownBy(
            () ->
                render(
                    "{% try %}{{ 1/0 }}{% finally %}{{ record('fin') }}{% end %}",
                    Map.of("record", record)))
        .isInstanceOf(TemplateException.class);
    assertThat(seen).containsExactly("fin");
  }

  @Test
  void breakAndContinue() {
    String src =
        "{% for i in range(10) %}\n    {% if i == 2 %}\n        {% continue %}\n    {% end %}\n"
            + "    {{ i }}\n    {% if i == 6 %}\n        {% break %}\n    {% end %}\n{% end %}";
    assertThat(render(src).replaceAll("\\s", "")).isEqualTo("013456");
  }

  @Test
  void breakOutsideLoopIsASyntaxError() {
    assertThatThrownBy(() -> new Template("{% break %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("break outside");
    assertThatThrownBy(
            () -> new Template("{% for i in [] %}{% apply foo %}{% break %}{% end %}{% end %}"))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void builtinFunctions() {
    assertThat(render("{% raw url_escape('a b/') %}|{% raw url_escape('a b/', False) %}"))
        .isEqualTo("a+b%2F|a%20b/");
    assertThat(render("{% raw json_encode(m) %}", Map.of("m", Map.of("k", "</x>"))))
        .isEqualTo("{\"k\":\"<\\/x>\"}");
    assertThat(render("{{ squeeze('  a   b ') }}|{{ xhtml_escape('<') }}|{{ escape('&') }}"))
        .isEqualTo("a b|&amp;lt;|&amp;amp;");
    assertThat(render("{% raw linkify('www.x.com', False, 'rel=\"nofollow\"') %}"))
        .isEqualTo("<a href=\"http://www.x.com\" rel=\"nofollow\">www.x.com</a>");
    assertThat(render("{{ len('abc') }}{{ len(m) }}", Map.of("m", Map.of("a", 1)))).isEqualTo("31");
  }

  @Test
  void templateCanRenderOnManyThreads() throws Exception {
    Template t = new Template("{% for i in range(n) %}{{ i }}{% end %}");
    List<Thread> threads = new ArrayList<>();
    List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int k = 0; k < 4; k++) {
      int n = k + 2;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int j = 0; j < 200; j++) {
                      results.add(n + ":" + t.generate(Map.of("n", n)));
                    }
                  }));
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(results).hasSize(800);
    assertThat(results)
        .allSatisfy(
            r -> {
              int n = Integer.parseInt(r.substring(0, r.indexOf(':')));
              StringBuilder expected = new StringBuilder();
              for (int i = 0; i < n; i++) {
                expected.append(i);
              }
              assertThat(r.substring(r.indexOf(':') + 1)).isEqualTo(expected.toString());
            });
  }
}
