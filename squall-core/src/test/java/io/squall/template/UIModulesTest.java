package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code {% module %}}, {@link UIModules} and {@link TemplateModule}. */
class UIModulesTest {

  /** A module that renders an entry and needs CSS and JavaScript. */
  static final class EntryModule implements UIModule {
    static final AtomicInteger CREATED = new AtomicInteger();

    EntryModule() {
      CREATED.incrementAndGet();
    }

    @Override
    public String render(ModuleArgs args) {
      boolean comments = Boolean.TRUE.equals(args.get("show_comments", false));
      return "<div class=\"entry\">" + args.get(0) + (comments ? " +comments" : "") + "</div>";
    }

    @Override
    public List<String> cssFiles() {
      return List.of("entry.css", "/abs/common.css");
    }

    @Override
    public List<String> javascriptFiles() {
      return List.of("entry.js", "https://cdn.example.com/lib.js");
    }

    @Override
    public String embeddedCss() {
      return ".entry { color: red }";
    }

    @Override
    public String embeddedJavascript() {
      return "initEntries();";
    }

    @Override
    public String htmlHead() {
      return "<meta name=\"entry\">";
    }

    @Override
    public String htmlBody() {
      return "<div id=\"entry-footer\"></div>";
    }
  }

  /** A second module asking for one of the same files, which must be linked once. */
  static final class OtherModule implements UIModule {
    @Override
    public String render(ModuleArgs args) {
      return "[other]";
    }

    @Override
    public List<String> cssFiles() {
      return List.of("entry.css", "other.css");
    }
  }

  @Test
  void rendersModulesWithPositionalAndKeywordArguments() {
    UIModules modules = new UIModules(Map.of("Entry", EntryModule::new), p -> "/static/" + p);
    Template t =
        new Template(
            "{% for e in entries %}{% module Entry(e, show_comments=e == 'b') %}{% end %}");
    String out = t.generate(Map.of("entries", List.of("a", "b"), UIModules.NAMESPACE_KEY, modules));
    assertThat(out).isEqualTo("<div class=\"entry\">a</div><div class=\"entry\">b +comments</div>");
    assertThat(modules.active()).hasSize(1);
  }

  @Test
  void moduleOutputIsNotEscaped() {
    UIModules modules = new UIModules(Map.of("Raw", () -> args -> "<b>" + args.get(0) + "</b>"));
    assertThat(
            new Template("{% module Raw('<x>') %}")
                .generate(Map.of(UIModules.NAMESPACE_KEY, modules)))
        .isEqualTo("<b><x></b>");
  }

  @Test
  void insertsResourcesIntoHeadAndBody() {
    UIModules modules =
        new UIModules(
            Map.of("Entry", EntryModule::new, "Other", OtherModule::new), p -> "/static/" + p);
    Template t =
        new Template(
            "<html><head><title>t</title></head><body>{% module Entry('x') %}{% module Other() %}"
                + "{% module Entry('y') %}</body></html>",
            "page.txt", null);
    String html = modules.insertResources(t.generate(Map.of(UIModules.NAMESPACE_KEY, modules)));
    assertThat(html)
        .isEqualTo(
            "<html><head><title>t</title>"
                + "<link href=\"/static/entry.css\" type=\"text/css\" rel=\"stylesheet\"/>"
                + "<link href=\"/abs/common.css\" type=\"text/css\" rel=\"stylesheet\"/>"
                + "<link href=\"/static/other.css\" type=\"text/css\" rel=\"stylesheet\"/>\n"
                + "<style type=\"text/css\">\n.entry { color: red }\n</style>\n"
                + "<meta name=\"entry\">\n"
                + "</head><body><div class=\"entry\">x</div>[other]<div class=\"entry\">y</div>"
                + "<script src=\"/static/entry.js\" type=\"text/javascript\"></script>"
                + "<script src=\"https://cdn.example.com/lib.js\" type=\"text/javascript\"></script>\n"
                + "<script type=\"text/javascript\">\n//<![CDATA[\ninitEntries();\n//]]>\n</script>\n"
                + "<div id=\"entry-footer\"></div>\n"
                + "</body></html>");
  }

  @Test
  void oneInstancePerNamePerRendering() {
    EntryModule.CREATED.set(0);
    UIModules modules = new UIModules(Map.of("Entry", EntryModule::new));
    new Template("{% module Entry(1) %}{% module Entry(2) %}")
        .generate(Map.of(UIModules.NAMESPACE_KEY, modules));
    assertThat(EntryModule.CREATED.get()).isEqualTo(1);
  }

  @Test
  void pageWithoutHeadOrBodyIsLeftAlone() {
    UIModules modules = new UIModules(Map.of("Entry", EntryModule::new));
    modules.render("Entry", new ModuleArgs(List.of("x"), Map.of()));
    assertThat(modules.insertResources("fragment")).isEqualTo("fragment");
  }

  @Test
  void unknownModuleFails() {
    UIModules modules = new UIModules(Map.of());
    assertThatThrownBy(
            () ->
                new Template("{% module Nope() %}")
                    .generate(Map.of(UIModules.NAMESPACE_KEY, modules)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("no UI module named 'Nope'");
  }

  @Test
  void moduleCallsNeedNameAndParentheses() {
    assertThatThrownBy(() -> new Template("{% module Entry %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("module expects");
    assertThatThrownBy(() -> new Template("{% module Entry(a=1, 2) %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("positional argument after keyword");
  }

  @Test
  void templateModuleRendersWithItsOwnNamespaceAndResources() {
    DictLoader loader =
        new DictLoader(
            Map.of(
                "page.html",
                "<head></head><body>{% set secret = 1 %}"
                    + "{% module Template('entry.html', title='<T>', n=2) %}"
                    + "{% module Template('entry.html', title='U', n=3) %}</body>",
                "entry.html",
                "{{ set_resources({'css_files': ['entry.css'], 'embedded_javascript': 'go()'}) }}"
                    + "<h1>{{ title }}</h1>{{ n * 2 }}{{ site }}"
                    + "{% try %}{{ secret }}{% except %}-no-secret{% end %}"));
    Map<String, Object> ns = new HashMap<>();
    ns.put("site", "@S");
    UIModules modules =
        new UIModules(Map.of("Template", () -> new TemplateModule(loader, ns)), p -> "/s/" + p);
    ns.put(UIModules.NAMESPACE_KEY, modules);
    String html = modules.insertResources(loader.load("page.html").generate(ns));
    assertThat(html)
        .isEqualTo(
            "<head><link href=\"/s/entry.css\" type=\"text/css\" rel=\"stylesheet\"/>\n</head>"
                + "<body><h1>&lt;T&gt;</h1>4@S-no-secret<h1>U</h1>6@S-no-secret"
                + "<script type=\"text/javascript\">\n//<![CDATA[\ngo()\n//]]>\n</script>\n"
                + "</body>");
  }

  @Test
  void templateModuleRejectsConflictingResources() {
    DictLoader loader =
        new DictLoader(Map.of("e.html", "{{ set_resources({'css_files': [name]}) }}"));
    UIModules modules =
        new UIModules(Map.of("Template", () -> new TemplateModule(loader, Map.of())));
    Template page =
        new Template(
            "{% module Template('e.html', name='a') %}{% module Template('e.html', name='b') %}");
    assertThatThrownBy(() -> page.generate(Map.of(UIModules.NAMESPACE_KEY, modules)))
        .hasMessageContaining("different resources");
  }
}
