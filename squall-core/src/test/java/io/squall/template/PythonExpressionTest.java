package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Python expression language on Java objects, and the keyword-argument contract. */
class PythonExpressionTest {
  private static String render(String source, Map<String, ?> args) {
    return new Template("{% autoescape None %}" + source).generate(args);
  }

  /** A template-facing object in the style io.squall.locale follows. */
  @TemplateFacing // a framework package: fixtures say they are template-facing
  public static final class Locale {
    public String formatDate(TemplateArgs a) {
      a.expect("format_date", "date", "gmt_offset", "relative", "shorter", "full_format");
      Object date = a.get(0, "date");
      return date
          + (a.flag(3, "shorter", false) ? " short" : "")
          + (a.flag(4, "full_format", false) ? " full" : "");
    }

    public String formatDate(LocalDate date, int offset) {
      return "typed " + date + " " + offset;
    }

    public String translate(String message) {
      return "[" + message + "]";
    }
  }

  @TemplateFacing // a framework package: fixtures say they are template-facing
  record Item(String name, double price) {}

  @TemplateFacing // a framework package: fixtures say they are template-facing
  public static final class Request {
    public String fullUrl() {
      return "http://x/y";
    }

    public String getPath() {
      return "/y";
    }

    public String url(String name, Object... args) {
      return name + java.util.Arrays.toString(args);
    }
  }

  @Test
  void javaVarargsMethodsGetTheirArgumentsSpread() {
    Map<String, Object> args = Map.of("r", new Request());
    assertThat(render("{{ r.url('page') }}", args)).isEqualTo("page[]");
    assertThat(render("{{ r.url('page', 'a') }}", args)).isEqualTo("page[a]");
    assertThat(render("{{ r.url('page', 'a', 2) }}", args)).isEqualTo("page[a, 2]");
  }

  @Test
  void keywordArgumentsReachJavaMethodsTakingTemplateArgs() {
    Map<String, Object> args = Map.of("locale", new Locale(), "d", LocalDate.of(2020, 1, 5));
    assertThat(render("{{ locale.format_date(d, full_format=True, shorter=True) }}", args))
        .isEqualTo("2020-01-05 short full");
    assertThat(render("{{ locale.format_date(d) }}", args)).isEqualTo("2020-01-05");
    assertThat(render("{{ locale.format_date(d, 60) }}", args)).isEqualTo("typed 2020-01-05 60");
    assertThatThrownBy(() -> render("{{ locale.format_date(d, full=True) }}", args))
        .hasMessageContaining("format_date() got an unexpected keyword argument 'full'");
    assertThatThrownBy(() -> render("{{ locale.translate('x', plural='y') }}", args))
        .hasMessageContaining("translate() takes no keyword arguments");
  }

  @Test
  void keywordFunctionsInTheNamespace() {
    KeywordFunction greet =
        a -> {
          a.expect("greet", "name", "punctuation");
          return "hi " + a.get(0, "name") + a.get(1, "punctuation", "!");
        };
    Map<String, Object> args = Map.of("greet", greet);
    assertThat(render("{{ greet('ann') }} {{ greet(name='bo', punctuation='?') }}", args))
        .isEqualTo("hi ann! hi bo?");
    TemplateFunction positional = a -> a.length;
    assertThatThrownBy(() -> render("{{ f(1, x=2) }}", Map.of("f", positional)))
        .hasMessageContaining("takes no keyword arguments");
  }

  @Test
  void snakeCaseFindsCamelCaseMembers() {
    assertThat(render("{{ r.full_url() }} {{ r.path }}", Map.of("r", new Request())))
        .isEqualTo("http://x/y /y");
  }

  @Test
  void generatorsAndLambdasOverJavaRecords() {
    List<Item> items = List.of(new Item("b", 2.5), new Item("a", 1.25));
    Map<String, Object> args = Map.of("items", items);
    assertThat(render("{{ sum(x.price for x in items) }}", args)).isEqualTo("3.75");
    assertThat(render("{{ [x.name for x in sorted(items, key=lambda i: i.price)] }}", args))
        .isEqualTo("['a', 'b']");
    assertThat(render("{{ '%.1f' % max(i.price for i in items) }}", args)).isEqualTo("2.5");
  }

  @Test
  void javaNumbersBehaveAsPythonNumbers() {
    Map<String, Object> args = Map.of("i", 7, "l", 2L, "d", 0.5, "f", 1.5f);
    assertThat(
            render("{{ i / l }} {{ i // l }} {{ i % l }} {{ d * 2 }} {{ f }} {{ i ** l }}", args))
        .isEqualTo("3.5 3 1 1.0 1.5 49");
  }

  @Test
  void runawayRecursionIsAnError() {
    assertThatThrownBy(() -> render("{{ (lambda f: f(f))(lambda f: f(f)) }}", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("RecursionError");
    String deep = "(".repeat(300) + "1" + ")".repeat(300);
    assertThatThrownBy(() -> new Template("{{ " + deep + " }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void syntaxErrorsPointAtTheColumn() {
    assertThatThrownBy(() -> new Template("x\n{{ a + * b }}", "p.html", null))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "invalid expression: unexpected '*' in expression 'a + * b' at p.html:2\n"
                + "    a + * b\n"
                + "        ^")
        .satisfies(e -> assertThat(((TemplateException) e).column()).isEqualTo(4));
  }

  @Test
  void sitesHandleChangingReceiverTypes() {
    List<Object> things = List.of(new Request(), Map.of("path", "/map"), new Request());
    assertThat(
            render(
                "{% for t in things %}{{ t.path }}{{ t.get_path() }};{% end %}",
                Map.of("things", List.of(new Request(), new Request()))))
        .isEqualTo("/y/y;/y/y;");
    assertThat(render("{% for t in things %}{{ t.path }};{% end %}", Map.of("things", things)))
        .isEqualTo("/y;/map;/y;");
  }
}
