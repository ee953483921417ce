package io.squall.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases follow Tornado's tornado/test/escape_test.py. */
class EscapeTest {

  @Test
  void xhtmlEscapeEscapesTheFiveCharacters() {
    assertThat(Escape.xhtmlEscape("<foo>")).isEqualTo("&lt;foo&gt;");
    assertThat(Escape.xhtmlEscape("<>&\"'")).isEqualTo("&lt;&gt;&amp;&quot;&#x27;");
    assertThat(Escape.xhtmlEscape("&amp;")).isEqualTo("&amp;amp;");
    assertThat(Escape.xhtmlEscape("<\u00e9>")).isEqualTo("&lt;\u00e9&gt;");
    assertThat(Escape.xhtmlEscape("<\u00e9>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("&lt;\u00e9&gt;");
    assertThat(Escape.xhtmlEscape("plain")).isEqualTo("plain");
    assertThat(Escape.xhtmlEscape((String) null)).isEmpty();
  }

  @Test
  void xhtmlEscapeAppendsIntoABuilder() {
    StringBuilder out = new StringBuilder("x");
    Escape.xhtmlEscape("a<b", out);
    Escape.xhtmlEscape(null, out);
    assertThat(out).hasToString("xa&lt;b");
  }

  @Test
  void xhtmlUnescapeReversesEscape() {
    for (String s : List.of("<foo>", "<>&\"'", "&amp;", "<\u00e9>")) {
      assertThat(Escape.xhtmlUnescape(Escape.xhtmlEscape(s))).isEqualTo(s);
    }
    assertThat(Escape.xhtmlUnescape("&#39;&apos;&copy;&nbsp;")).isEqualTo("''\u00a9\u00a0");
    assertThat(Escape.xhtmlUnescape("&foo; & &amp")).isEqualTo("&foo; & &amp");
  }

  @Test
  void xhtmlUnescapeNumericReferences() {
    assertThat(Escape.xhtmlUnescape("foo&#32;bar")).isEqualTo("foo bar");
    assertThat(Escape.xhtmlUnescape("foo&#x20;bar")).isEqualTo("foo bar");
    assertThat(Escape.xhtmlUnescape("foo&#X20;bar")).isEqualTo("foo bar");
    assertThat(Escape.xhtmlUnescape("foo&#xabc;bar")).isEqualTo("foo\u0abcbar");
    assertThat(Escape.xhtmlUnescape("foo&#xyz;bar")).isEqualTo("foo&#xyz;bar");
    assertThat(Escape.xhtmlUnescape("foo&#;bar")).isEqualTo("foo&#;bar");
    assertThat(Escape.xhtmlUnescape("foo&#x;bar")).isEqualTo("foo&#x;bar");
    // HTML 5 rules, as Python's html.unescape: NUL and surrogates are U+FFFD, C1 is windows-1252.
    assertThat(Escape.xhtmlUnescape("&#0;&#x80;&#1;&#xD800;&#128512;"))
        .isEqualTo("\ufffd\u20ac\ufffd\ud83d\ude00");
    assertThat(Escape.xhtmlUnescape("&#99999999999999;")).isEqualTo("\ufffd");
  }

  @Test
  void urlEscapeEncodesUtf8() {
    assertThat(Escape.urlEscape("\u00e9")).isEqualTo("%C3%A9");
    assertThat(Escape.urlEscape("\u00e9".getBytes(StandardCharsets.UTF_8), true))
        .isEqualTo("%C3%A9");
    assertThat(Escape.urlEscape("\u00e9".getBytes(StandardCharsets.ISO_8859_1), true))
        .isEqualTo("%E9");
    assertThat(Escape.urlEscape("a b/~*", true)).isEqualTo("a+b%2F~%2A");
    assertThat(Escape.urlEscape("a b/~*", false)).isEqualTo("a%20b/~%2A");
  }

  @Test
  void urlUnescapeDecodesWithCharset() {
    assertThat(Escape.urlUnescape("%C3%A9")).isEqualTo("\u00e9");
    assertThat(Escape.urlUnescape("%C3%A9", StandardCharsets.ISO_8859_1, true))
        .isEqualTo("\u00c3\u00a9");
    assertThat(Escape.urlUnescapeToBytes("%C3%A9", true))
        .isEqualTo("\u00e9".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void urlEscapeQuotePlus() {
    String unescaped = "+ #%";
    String plusEscaped = "%2B+%23%25";
    String escaped = "%2B%20%23%25";
    assertThat(Escape.urlEscape(unescaped)).isEqualTo(plusEscaped);
    assertThat(Escape.urlEscape(unescaped, false)).isEqualTo(escaped);
    assertThat(Escape.urlUnescape(plusEscaped)).isEqualTo(unescaped);
    assertThat(Escape.urlUnescape(escaped, false)).isEqualTo(unescaped);
    assertThat(Escape.urlUnescapeToBytes(plusEscaped, true))
        .isEqualTo(unescaped.getBytes(StandardCharsets.UTF_8));
    assertThat(Escape.urlUnescapeToBytes(escaped, false))
        .isEqualTo(unescaped.getBytes(StandardCharsets.UTF_8));
    assertThat(Escape.urlUnescape("a+b", false)).isEqualTo("a+b");
  }

  @Test
  void urlUnescapeKeepsMalformedEscapes() {
    assertThat(Escape.urlUnescape("%zz%4")).isEqualTo("%zz%4");
    assertThat(Escape.urlUnescape("a%2", false)).isEqualTo("a%2");
    assertThat(Escape.urlUnescape("%FF")).isEqualTo("\ufffd");
    assertThat(Escape.urlUnescape("\u00e9%20")).isEqualTo("\u00e9 ");
  }

  @Test
  void jsonRoundTrips() {
    assertThat(Escape.jsonDecode(Escape.jsonEncode("\u00e9"))).isEqualTo("\u00e9");
    assertThat(Escape.jsonDecode("\"foo\"")).isEqualTo("foo");
    assertThat(Escape.jsonDecode("\"\u00e9\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\u00e9");
    assertThat(Escape.jsonDecode("{\"a\": [1, 2.5, null, true]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, null, true)));
  }

  @Test
  void jsonEncodeIsSafeInsideScript() {
    assertThat(Escape.jsonEncode(Map.of("a", "</script>"))).isEqualTo("{\"a\":\"<\\/script>\"}");
    assertThat(Escape.jsonDecode(Escape.jsonEncode("</script>"))).isEqualTo("</script>");
  }

  record Point(int x, int y) {}

  @Test
  void jsonDecodesIntoTypesAndIgnoresUnknownFields() {
    assertThat(Escape.jsonDecode("{\"x\":1,\"y\":2,\"z\":3}", Point.class))
        .isEqualTo(new Point(1, 2));
    assertThat(Escape.jsonEncode(new Point(1, 2))).isEqualTo("{\"x\":1,\"y\":2}");
  }

  @Test
  void jsonDecodeRejectsInvalidText() {
    assertThatThrownBy(() -> Escape.jsonDecode("{nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void squeezeCollapsesWhitespace() {
    assertThat(Escape.squeeze("sequences     of    whitespace   chars"))
        .isEqualTo("sequences of whitespace chars");
    assertThat(Escape.squeeze("  a \t\n b  ")).isEqualTo("a b");
    assertThat(Escape.squeeze("")).isEmpty();
  }

  @Test
  void utf8Helpers() {
    assertThat(Escape.utf8("\u00e9")).containsExactly(0xc3 - 256, 0xa9 - 256);
    assertThat(Escape.toUnicode(new byte[] {(byte) 0xc3, (byte) 0xa9})).isEqualTo("\u00e9");
    assertThat(Escape.utf8((String) null)).isNull();
    assertThat(Escape.toUnicode((byte[]) null)).isNull();
    byte[] same = {1};
    assertThat(Escape.utf8(same)).isSameAs(same);
    assertThat(Escape.toUnicode("x")).isEqualTo("x");
  }

  @Test
  void sharedMapperIsOneInstance() {
    assertThat(Json.mapper()).isSameAs(Json.mapper());
  }
}
