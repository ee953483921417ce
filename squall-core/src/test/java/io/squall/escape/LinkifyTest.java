package io.squall.escape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The linkify table from Tornado's escape_test.py. */
class LinkifyTest {
  private static final LinkifyOptions D = LinkifyOptions.defaults();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "hello http://world.com/!",
            D,
            "hello <a href=\"http://world.com/\">http://world.com/</a>!"),
        Arguments.of(
            "hello http://world.com/with?param=true&stuff=yes",
            D,
            "hello <a href=\"http://world.com/with?param=true&amp;stuff=yes\">"
                + "http://world.com/with?param=true&amp;stuff=yes</a>"),
        // an opened paren followed by many chars killed Gruber's regex
        Arguments.of(
            "http://url.com/w(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            D,
            "<a href=\"http://url.com/w\">http://url.com/w</a>"
                + "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        // as did too many dots at the end
        Arguments.of(
            "http://url.com/withmany.......................................",
            D,
            "<a href=\"http://url.com/withmany\">http://url.com/withmany</a>"
                + "......................................."),
        Arguments.of(
            "http://url.com/withmany((((((((((((((((((((((((((((((((((a)",
            D,
            "<a href=\"http://url.com/withmany\">http://url.com/withmany</a>"
                + "((((((((((((((((((((((((((((((((((a)"),
        Arguments.of(
            "http://foo.com/blah_blah",
            D,
            "<a href=\"http://foo.com/blah_blah\">http://foo.com/blah_blah</a>"),
        Arguments.of(
            "http://foo.com/blah_blah/",
            D,
            "<a href=\"http://foo.com/blah_blah/\">http://foo.com/blah_blah/</a>"),
        Arguments.of(
            "(Something like http://foo.com/blah_blah)",
            D,
            "(Something like <a href=\"http://foo.com/blah_blah\">http://foo.com/blah_blah</a>)"),
        Arguments.of(
            "http://foo.com/blah_blah_(wikipedia)",
            D,
            "<a href=\"http://foo.com/blah_blah_(wikipedia)\">"
                + "http://foo.com/blah_blah_(wikipedia)</a>"),
        Arguments.of(
            "http://foo.com/blah_(blah)_(wikipedia)_blah",
            D,
            "<a href=\"http://foo.com/blah_(blah)_(wikipedia)_blah\">"
                + "http://foo.com/blah_(blah)_(wikipedia)_blah</a>"),
        Arguments.of(
            "(Something like http://foo.com/blah_blah_(wikipedia))",
            D,
            "(Something like <a href=\"http://foo.com/blah_blah_(wikipedia)\">"
                + "http://foo.com/blah_blah_(wikipedia)</a>)"),
        Arguments.of(
            "http://foo.com/blah_blah.",
            D,
            "<a href=\"http://foo.com/blah_blah\">http://foo.com/blah_blah</a>."),
        Arguments.of(
            "http://foo.com/blah_blah/.",
            D,
            "<a href=\"http://foo.com/blah_blah/\">http://foo.com/blah_blah/</a>."),
        Arguments.of(
            "<http://foo.com/blah_blah>",
            D,
            "&lt;<a href=\"http://foo.com/blah_blah\">http://foo.com/blah_blah</a>&gt;"),
        Arguments.of(
            "<http://foo.com/blah_blah/>",
            D,
            "&lt;<a href=\"http://foo.com/blah_blah/\">http://foo.com/blah_blah/</a>&gt;"),
        Arguments.of(
            "http://foo.com/blah_blah,",
            D,
            "<a href=\"http://foo.com/blah_blah\">http://foo.com/blah_blah</a>,"),
        Arguments.of(
            "http://www.example.com/wpstyle/?p=364.",
            D,
            "<a href=\"http://www.example.com/wpstyle/?p=364\">"
                + "http://www.example.com/wpstyle/?p=364</a>."),
        Arguments.of(
            "rdar://1234",
            D.permittedProtocols("http", "rdar"),
            "<a href=\"rdar://1234\">rdar://1234</a>"),
        Arguments.of(
            "rdar:/1234", D.permittedProtocols("rdar"), "<a href=\"rdar:/1234\">rdar:/1234</a>"),
        Arguments.of(
            "http://userid:password@example.com:8080",
            D,
            "<a href=\"http://userid:password@example.com:8080\">"
                + "http://userid:password@example.com:8080</a>"),
        Arguments.of(
            "http://userid@example.com",
            D,
            "<a href=\"http://userid@example.com\">http://userid@example.com</a>"),
        Arguments.of(
            "http://userid@example.com:8080",
            D,
            "<a href=\"http://userid@example.com:8080\">http://userid@example.com:8080</a>"),
        Arguments.of(
            "http://userid:password@example.com",
            D,
            "<a href=\"http://userid:password@example.com\">"
                + "http://userid:password@example.com</a>"),
        Arguments.of(
            "message://%3c330e7f8409726r6a4ba78dkf1fd71420c1bf6ff@mail.gmail.com%3e",
            D.permittedProtocols("http", "message"),
            "<a href=\"message://%3c330e7f8409726r6a4ba78dkf1fd71420c1bf6ff@mail.gmail.com%3e\">"
                + "message://%3c330e7f8409726r6a4ba78dkf1fd71420c1bf6ff@mail.gmail.com%3e</a>"),
        Arguments.of(
            "http://\u27a1.ws/\u4a39",
            D,
            "<a href=\"http://\u27a1.ws/\u4a39\">http://\u27a1.ws/\u4a39</a>"),
        Arguments.of(
            "<tag>http://example.com</tag>",
            D,
            "&lt;tag&gt;<a href=\"http://example.com\">http://example.com</a>&lt;/tag&gt;"),
        Arguments.of(
            "Just a www.example.com link.",
            D,
            "Just a <a href=\"http://www.example.com\">www.example.com</a> link."),
        Arguments.of(
            "Just a www.example.com link.",
            D.requireProtocol(true),
            "Just a www.example.com link."),
        Arguments.of(
            "A http://reallylong.com/link/that/exceedsthelenglimit.html",
            D.requireProtocol(true).shorten(true),
            "A <a href=\"http://reallylong.com/link/that/exceedsthelenglimit.html\""
                + " title=\"http://reallylong.com/link/that/exceedsthelenglimit.html\">"
                + "http://reallylong.com/link...</a>"),
        Arguments.of(
            "A http://reallylongdomainnamethatwillbetoolong.com/hi!",
            D.shorten(true),
            "A <a href=\"http://reallylongdomainnamethatwillbetoolong.com/hi\""
                + " title=\"http://reallylongdomainnamethatwillbetoolong.com/hi\">"
                + "http://reallylongdomainnametha...</a>!"),
        Arguments.of(
            "A file:///passwords.txt and http://web.com link",
            D,
            "A file:///passwords.txt and <a href=\"http://web.com\">http://web.com</a> link"),
        Arguments.of(
            "A file:///passwords.txt and http://web.com link",
            D.permittedProtocols("file"),
            "A <a href=\"file:///passwords.txt\">file:///passwords.txt</a>"
                + " and http://web.com link"),
        Arguments.of(
            "www.external-link.com",
            D.extraParams("rel=\"nofollow\" class=\"external\""),
            "<a href=\"http://www.external-link.com\" rel=\"nofollow\" class=\"external\">"
                + "www.external-link.com</a>"),
        Arguments.of(
            "www.external-link.com and www.internal-link.com/blogs extra",
            D.extraParams(
                href ->
                    href.startsWith("http://www.internal-link.com")
                        ? "class=\"internal\""
                        : "rel=\"nofollow\" class=\"external\""),
            "<a href=\"http://www.external-link.com\" rel=\"nofollow\" class=\"external\">"
                + "www.external-link.com</a> and <a href=\"http://www.internal-link.com/blogs\""
                + " class=\"internal\">www.internal-link.com/blogs</a> extra"),
        Arguments.of(
            "www.external-link.com",
            D.extraParams(href -> "    rel=\"nofollow\" class=\"external\"  "),
            "<a href=\"http://www.external-link.com\" rel=\"nofollow\" class=\"external\">"
                + "www.external-link.com</a>"),
        Arguments.of("no links here", D, "no links here"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void linkifiesLikeTornado(String text, LinkifyOptions options, String expected) {
    assertThat(Escape.linkify(text, options)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void defaultOverloadUsesDefaults() {
    assertThat(Escape.linkify("see www.x.com/a?b=1&c=2"))
        .isEqualTo("see <a href=\"http://www.x.com/a?b=1&amp;c=2\">www.x.com/a?b=1&amp;c=2</a>");
  }
}
