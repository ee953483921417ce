package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Errors name the template, line and expression (Tornado's StackTraceTest and
 * ParseErrorDetailTest).
 */
class TemplateErrorTest {

  private static TemplateException renderError(DictLoader loader, String name) {
    return catchThrowableOfType(
        TemplateException.class, () -> loader.load(name).generate(Map.of()));
  }

  @Test
  void expressionErrorNamesLineAndExpression() {
    DictLoader loader = new DictLoader(Map.of("test.html", "one\ntwo{{1/0}}\nthree\n"));
    TemplateException e = renderError(loader, "test.html");
    assertThat(e.templateName()).isEqualTo("test.html");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.expression()).isEqualTo("1/0");
    assertThat(e.via()).isNull();
    assertThat(e)
        .hasMessage(
            "ZeroDivisionError: division by zero in expression '1/0' at test.html:2\n"
                + "    1/0\n"
                + "     ^");
    assertThat(e.column()).isEqualTo(1);
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void numbersTakeAsciiDigitsOnly() {
    // found by the Jazzer target: a digit of another script (U+07C4, NKo four) inside a number
    // reached Double.parseDouble and escaped as a NumberFormatException
    for (String expr : new String[] {"00.000\u07c40", "1\u0664", "1e\u0664", "0.5\u0664"}) {
      assertThatThrownBy(() -> new Template("{{ " + expr + " }}", "n.html", null))
          .as(expr)
          .isInstanceOf(TemplateException.class);
    }
    assertThat(new Template("{{ 00.0001 + 1_0 }}").generate(Map.of())).isEqualTo("10.0001");
  }

  @Test
  void aWidthTooLargeToBeOneIsAValueError() {
    for (String expr :
        new String[] {
          "'{:9999999999}'.format(1)", "'%9999999999d' % 1", "'{:.9999999999f}'.format(1.0)"
        }) {
      TemplateException e =
          catchThrowableOfType(
              TemplateException.class, () -> new Template("{{ " + expr + " }}").generate(Map.of()));
      assertThat(e).as(expr).isNotNull();
      assertThat(e)
          .hasMessageContaining("ValueError")
          .hasMessageContaining("Too many decimal digits");
    }
  }

  @Test
  void deeplyNestedExpressionsAreRefusedWithTheirLine() {
    // found by the Jazzer target (issue 16): deep nesting must be a clear error, not a stack
    // overflow or a parser that backtracks for minutes
    for (String open :
        new String[] {"{", "(", "[", "-", "~", "not ", "2**", "lambda: ", "1 if 1 else "}) {
      assertThatThrownBy(
              () -> new Template("x\n{{ " + open.repeat(5000) + "1 }}", "deep.html", null))
          .as(open)
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("nested too deeply")
          .satisfies(e -> assertThat(((TemplateException) e).line()).isEqualTo(2));
    }
    assertThat(new Template("{{ [[[[[[[[1]]]]]]]][0][0][0][0][0][0][0][0] }}").generate(Map.of()))
        .isEqualTo("1");
    // braces in strings do not count
    assertThat(new Template("{{ '{{{{{{{{{{' }}").generate(Map.of())).isEqualTo("{{{{{{{{{{");
  }

  @Test
  void directiveErrorNamesItsLine() {
    DictLoader loader = new DictLoader(Map.of("test.html", "one\ntwo{%if 1/0%}\nthree{%end%}\n"));
    TemplateException e = renderError(loader, "test.html");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("at test.html:2");
  }

  @Test
  void undefinedVariableAndPropertyAreErrors() {
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class, () -> new Template("\n{{ nope }}").generate());
    assertThat(e.reason()).isEqualTo("NameError: name 'nope' is not defined");
    assertThat(e.line()).isEqualTo(2);
    e =
        catchThrowableOfType(
            TemplateException.class,
            () -> new Template("{{ m.a.b }}").generate(Map.of("m", Map.of("a", "x"))));
    assertThat(e.expression()).isEqualTo("m.a.b");
  }

  @Test
  void errorThrownByAJavaMethodKeepsItsMessage() {
    Supplier<Object> boom =
        () -> {
          throw new IllegalStateException("database is down");
        };
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class, () -> new Template("{{ f() }}").generate(Map.of("f", boom)));
    assertThat(e.reason()).contains("IllegalStateException").contains("database is down");
    assertThat(e).hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void includeErrorsShowTheIncludeChain() {
    DictLoader loader =
        new DictLoader(Map.of("base.html", "{% include 'sub.html' %}", "sub.html", "{{1/0}}"));
    TemplateException e = renderError(loader, "base.html");
    assertThat(e).hasMessageContaining("at sub.html:1 (via base.html:1)");
    assertThat(e.via()).isEqualTo("base.html:1");

    DictLoader multi =
        new DictLoader(
            Map.of(
                "a.html", "{% include 'b.html' %}",
                "b.html", "\n{% include 'c.html' %}",
                "c.html", "{{1/0}}"));
    assertThat(renderError(multi, "a.html"))
        .hasMessageContaining("at c.html:1 (via b.html:2, a.html:1)");
  }

  @Test
  void errorInBaseTemplateNamesTheBase() {
    DictLoader loader =
        new DictLoader(Map.of("base.html", "{{1/0}}", "sub.html", "{% extends 'base.html' %}"));
    assertThat(renderError(loader, "sub.html")).hasMessageContaining("at base.html:1");
  }

  @Test
  void errorInOverriddenBlockNamesTheChildAndTheBlockSite() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "base.html",
                "{% block 'block' %}{% end %}",
                "sub.html",
                "\n{% extends 'base.html' %}\n{% block 'block' %}\n{{1/0}}\n{% end %}\n"));
    assertThat(renderError(loader, "sub.html"))
        .hasMessageContaining("at sub.html:4 (via base.html:1)");
  }

  @Test
  void errorInsideAModuleTemplateNamesBoth() {
    DictLoader loader =
        new DictLoader(
            Map.of("base.html", "{% module Template('sub.html') %}", "sub.html", "{{1/0}}"));
    UIModules modules =
        new UIModules(Map.of("Template", () -> new TemplateModule(loader, Map.of())));
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class,
            () -> loader.load("base.html").generate(Map.of(UIModules.NAMESPACE_KEY, modules)));
    assertThat(e).hasMessageContaining("base.html:1");
    assertThat(e.getCause()).hasMessageContaining("sub.html:1");
  }

  @Test
  void parseErrorDetails() {
    DictLoader loader = new DictLoader(Map.of("foo.html", "\n\n{{"));
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> loader.load("foo.html"));
    assertThat(e).hasMessage("Missing end expression }} at foo.html:3");
    assertThat(e.templateName()).isEqualTo("foo.html");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).isEqualTo("Missing end expression }}");
  }

  @Test
  void syntaxErrorsHaveTornadosMessagesAndLines() {
    assertParseError("a\n{% if x %}b", "Missing {% end %} block for if", 2);
    assertParseError("{% end %}", "Extra {% end %} block", 1);
    assertParseError("\n{% else %}", "else outside {for, if, try, while} block", 2);
    assertParseError(
        "{% for x in y %}{% elif z %}{% end %}", "elif block cannot be attached to for block", 1);
    assertParseError("{% %}", "Empty block tag ({% %})", 1);
    assertParseError("{{ }}", "Empty expression", 1);
    assertParseError("{# x", "Missing end comment #}", 1);
    assertParseError("x\n\n{% foo %}", "unknown operator: 'foo'", 3);
    assertParseError("{% extends %}", "extends missing file path", 1);
    assertParseError("{% include '' %}", "include missing file path", 1);
    assertParseError("{% block %}{% end %}", "block missing name", 1);
    assertParseError("{% apply %}{% end %}", "apply missing method name", 1);
    assertParseError("{% set %}", "set missing statement", 1);
    assertParseError("{% whitespace tabs %}", "invalid whitespace mode tabs", 1);
    assertParseError("{% import os %}", "import is not supported", 1);
    assertParseError("{% try %}{% end %}", "try block needs an except or a finally", 1);
    assertParseError("{% try %}{% else %}{% end %}", "else cannot follow try", 1);
    assertParseError("{% if a %}{% else %}{% elif b %}{% end %}", "elif cannot follow else", 1);
    assertParseError("\n\n{{ 1 + }}", "invalid expression: unexpected end of expression", 3);
    assertParseError("{% if a %}{% extends 'x' %}{% end %}", "extends must be at the top level", 1);
  }

  private static void assertParseError(String source, String reason, int line) {
    assertThatThrownBy(() -> new Template(source, "t.txt", null))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.reason()).startsWith(reason);
              assertThat(e.line()).as("line of " + source).isEqualTo(line);
              assertThat(e.templateName()).isEqualTo("t.txt");
            });
  }

  @Test
  void extendsAndIncludeNeedALoader() {
    assertThatThrownBy(() -> new Template("{% extends 'base.html' %}"))
        .hasMessage("{% extends %} block found, but no template loader at <string>:1");
    assertThatThrownBy(() -> new Template("\n{% include 'x.html' %}"))
        .hasMessage("{% include %} block found, but no template loader at <string>:2");
  }

  @Test
  void missingIncludeNamesTheIncludingTag() {
    DictLoader loader = new DictLoader(Map.of("a.html", "x\n{% include 'gone.html' %}"));
    TemplateNotFoundException e =
        catchThrowableOfType(TemplateNotFoundException.class, () -> loader.load("a.html"));
    assertThat(e.missingTemplate()).isEqualTo("gone.html");
    assertThat(e.templateName()).isEqualTo("a.html");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e).hasMessage("template 'gone.html' not found at a.html:2");
  }

  @Test
  void missingTemplateLoadedDirectly() {
    DictLoader loader = new DictLoader(Map.of());
    TemplateNotFoundException e =
        catchThrowableOfType(TemplateNotFoundException.class, () -> loader.load("nope.html"));
    assertThat(e).hasMessage("template 'nope.html' not found");
    assertThat(e.templateName()).isNull();
  }

  @Test
  void undefinedAutoescapeFunctionIsReported() {
    Template t = new Template("{% autoescape py_escape %}{{ 1 }}");
    assertThatThrownBy(t::generate).hasMessageContaining("autoescape function 'py_escape'");
  }

  @Test
  void moduleWithoutRegistryIsReported() {
    assertThatThrownBy(() -> new Template("{% module Foo() %}").generate())
        .hasMessageContaining("no UI modules");
  }
}
