package io.squall.demos.blog;

import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Posts' Markdown to HTML with commonmark-java. HTML written in a post is escaped, not passed
 * through ({@code escapeHtml}), and link and image URLs with a scheme other than http, https and
 * mailto are dropped ({@code sanitizeUrls}, which also marks links {@code rel="nofollow"}), so a
 * post cannot put a script on the page. ({@code data:} URLs, which commonmark allows by default,
 * are refused too.) Thread-safe: the parser and renderer are immutable.
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
          .build();

  private Markdown() {}

  /** The HTML of {@code markdown}, safe to insert into a page unescaped. */
  public static String toHtml(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }
}
