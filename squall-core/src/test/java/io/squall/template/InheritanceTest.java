package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code extends}, {@code block} and {@code include}, including the cycles they can form. */
class InheritanceTest {

  @Test
  void threeLevelsWithBlocksOverriddenAtEachLevel() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "base.txt",
                "<{% block title %}base title{% end %}>"
                    + "[{% block body %}base body"
                    + "({% block sidebar %}base sidebar{% end %})"
                    + "{% end %}]"
                    + "{% block footer %}base footer{% end %}",
                "section.txt",
                "{% extends 'base.txt' %}"
                    + "{% block title %}section title{% end %}"
                    + "{% block body %}section body"
                    + "({% block sidebar %}section sidebar{% end %})"
                    + "{% block extra %}section extra{% end %}"
                    + "{% end %}",
                "page.txt",
                "{% extends 'section.txt' %}"
                    + "ignored text outside blocks"
                    + "{% block sidebar %}page sidebar for {{ who }}{% end %}"
                    + "{% block extra %}page extra{% end %}"));
    assertThat(loader.load("base.txt").generate())
        .isEqualTo("<base title>[base body(base sidebar)]base footer");
    assertThat(loader.load("section.txt").generate())
        .isEqualTo("<section title>[section body(section sidebar)section extra]base footer");
    assertThat(loader.load("page.txt").generate(Map.of("who", "<you>")))
        .isEqualTo(
            "<section title>[section body(page sidebar for &lt;you&gt;)page extra]base footer");
  }

  @Test
  void blocksDefinedInIncludedTemplatesCanBeOverridden() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "base.txt", "{% include 'header.txt' %}|body",
                "header.txt", "{% block head %}default head{% end %}",
                "page.txt", "{% extends 'base.txt' %}{% block head %}page head{% end %}"));
    assertThat(loader.load("page.txt").generate()).isEqualTo("page head|body");
  }

  @Test
  void blocksInsideLoopsRenderEachTime() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "base.txt", "{% for s in students %}{% block student %}[{{ s }}]{% end %}{% end %}",
                "bold.txt", "{% extends 'base.txt' %}{% block student %}*{{ s }}*{% end %}"));
    assertThat(loader.load("bold.txt").generate(Map.of("students", java.util.List.of("a", "b"))))
        .isEqualTo("*a**b*");
  }

  @Test
  void includeCycleIsDetected() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "a.html", "{% include 'b.html' %}",
                "b.html", "x\n{% include 'a.html' %}"));
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> loader.load("a.html"));
    assertThat(e.reason()).contains("cycle").contains("a.html -> b.html -> a.html");
    assertThat(e.templateName()).isEqualTo("b.html");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void selfIncludeIsDetected() {
    DictLoader loader = new DictLoader(Map.of("a.html", "{% include 'a.html' %}"));
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> loader.load("a.html"));
    assertThat(e.reason()).contains("cycle");
  }

  @Test
  void extendsCycleIsDetected() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "a.html", "{% extends 'b.html' %}",
                "b.html", "{% extends 'c.html' %}",
                "c.html", "{% extends 'a.html' %}"));
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> loader.load("a.html"));
    assertThat(e.reason()).contains("cycle");
  }

  @Test
  void standaloneTemplateWithALoaderDetectsCycles() {
    DictLoader loader = new DictLoader(Map.of("b.html", "{% include 'b.html' %}"));
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class,
            () -> new Template("{% include 'b.html' %}", "a.html", loader));
    assertThat(e.reason()).contains("cycle");
  }

  @Test
  void sameTemplateIncludedTwiceIsNotACycle() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "page.txt",
                    "{% include 'row.txt' %}{% include 'row.txt' %}{% include 'pair.txt' %}",
                "pair.txt", "{% include 'row.txt' %}{% include 'row.txt' %}",
                "row.txt", "r"));
    assertThat(loader.load("page.txt").generate()).isEqualTo("rrrr");
  }

  @Test
  void loaderCachesCompiledTemplates() {
    DictLoader loader = new DictLoader(Map.of("a.txt", "a"));
    Template first = loader.load("a.txt");
    assertThat(loader.load("a.txt")).isSameAs(first);
    assertThat(loader.load("./x/../a.txt")).isSameAs(first);
    loader.reset();
    assertThat(loader.load("a.txt")).isNotSameAs(first);
  }
}
