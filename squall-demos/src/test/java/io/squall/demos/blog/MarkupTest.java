package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Slugs from titles, and Markdown rendered without a way to inject script. */
class MarkupTest {
  @Test
  void slugsAreAsciiWordsJoinedByHyphens() {
    assertThat(Slugs.of("Hello, Wörld!")).isEqualTo("hello-world");
    assertThat(Slugs.of("  Ça   va? — très bien  ")).isEqualTo("ca-va-tres-bien");
    assertThat(Slugs.of("snake_case and 42")).isEqualTo("snake_case-and-42");
    assertThat(Slugs.of("中文")).isEqualTo("entry");
    assertThat(Slugs.of("!!!")).isEqualTo("entry");
    assertThat(Slugs.of("a ".repeat(100)).length()).isLessThanOrEqualTo(Slugs.MAX);
  }

  @Test
  void markdownEscapesHtmlAndDropsUnsafeUrls() {
    assertThat(Markdown.toHtml("*hi*")).isEqualTo("<p><em>hi</em></p>\n");
    assertThat(Markdown.toHtml("<script>x()</script>"))
        .isEqualTo("<p>&lt;script&gt;x()&lt;/script&gt;</p>\n");
    assertThat(Markdown.toHtml("a <span onclick=x()>b</span>"))
        .isEqualTo("<p>a &lt;span onclick=x()&gt;b&lt;/span&gt;</p>\n");
    assertThat(Markdown.toHtml("[x](javascript:alert(1))")).doesNotContain("javascript");
    assertThat(Markdown.toHtml("[x](JaVaScRiPt:alert(1))")).doesNotContain("alert");
    assertThat(Markdown.toHtml("![x](data:image/png;base64,AAAA)")).doesNotContain("data:");
    assertThat(Markdown.toHtml("<javascript:alert(1)>")).doesNotContain("href=\"javascript");
    assertThat(Markdown.toHtml("[ok](/blog/archive) [web](https://example.org)"))
        .contains("href=\"/blog/archive\"", "href=\"https://example.org\"");
  }
}
