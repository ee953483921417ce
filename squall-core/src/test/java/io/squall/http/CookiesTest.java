package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mirrors the cases of Tornado's (and Django's) parse_cookie tests. */
class CookiesTest {

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void simple() {
    assertThat(Cookies.parse("chips=ahoy; vienna=finger"))
        .containsExactlyEntriesOf(map("chips", "ahoy", "vienna", "finger"));
  }

  @Test
  void semicolonsSplitEvenInsideQuotes() {
    assertThat(Cookies.parse("keebler=\"E=mc2; L=\\\"Loves\\\"; fudge=\\012;\""))
        .containsExactlyEntriesOf(
            map("keebler", "\"E=mc2", "L", "\\\"Loves\\\"", "fudge", "\\012", "", "\""));
  }

  @Test
  void lenientContent() {
    assertThat(Cookies.parse("keebler=E=mc2")).containsExactlyEntriesOf(map("keebler", "E=mc2"));
    assertThat(Cookies.parse("key:term=value:term"))
        .containsExactlyEntriesOf(map("key:term", "value:term"));
    assertThat(Cookies.parse("a=b; c=[; d=r; f=h"))
        .containsExactlyEntriesOf(map("a", "b", "c", "[", "d", "r", "f", "h"));
    assertThat(Cookies.parse("a=b; Domain=example.com"))
        .containsExactlyEntriesOf(map("a", "b", "Domain", "example.com"));
    assertThat(Cookies.parse("abc=def; unnamed; django_language=en"))
        .containsExactlyEntriesOf(map("abc", "def", "", "unnamed", "django_language", "en"));
    assertThat(Cookies.parse("a=b; \"; c=d"))
        .containsExactlyEntriesOf(map("a", "b", "", "\"", "c", "d"));
    assertThat(Cookies.parse("a b c=d e = f; gh=i"))
        .containsExactlyEntriesOf(map("a b c", "d e = f", "gh", "i"));
    assertThat(Cookies.parse("a   b,c<>@:/[]?{}=d  \"  =e,f g"))
        .containsExactlyEntriesOf(map("a   b,c<>@:/[]?{}", "d  \"  =e,f g"));
    assertThat(Cookies.parse("saint=Andr\u00e9 Bessette"))
        .containsExactlyEntriesOf(map("saint", "Andr\u00e9 Bessette"));
    assertThat(Cookies.parse("  =  b  ;  ;  =  ;   c  =  ;  "))
        .containsExactlyEntriesOf(map("", "b", "c", ""));
  }

  @Test
  void lastValueWinsFirstPositionStays() {
    assertThat(Cookies.parse("a=b; h=i; a=c")).containsExactlyEntriesOf(map("a", "c", "h", "i"));
  }

  @Test
  void emptyAndNull() {
    assertThat(Cookies.parse(null)).isEmpty();
    assertThat(Cookies.parse("")).isEmpty();
    assertThat(Cookies.parse(" ; ;; ")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "\"b=\\\"\"|b=\"",
        "\"b=\\\\\"|b=\\",
        "\"b=\\=\"|b==",
        "\"b=\\n\"|b=n",
        "\"b=\\042\"|b=\"",
        "\"b=\\134\"|b=\\",
        "\"b=\\400\"|b=400",
        "\"b=\\42\"|b=42",
        "\"b=\\\\042\"|b=\\042",
        "\"b=\\\\\\\"\"|b=\\\"",
        "\"b=\\134\\\"\"|b=\\\"",
        "\"\"|''",
        "\"|\"",
        "\"abc|\"abc",
      })
  void unquotesLikePython(String raw, String expected) {
    assertThat(Cookies.parse("a=" + raw).get("a")).isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void octalEscapeAbove127() {
    assertThat(Cookies.parse("a=\"b=\\377\"").get("a")).isEqualTo("b=\u00ff");
  }

  private static final String ALPHABET = "ab=;\"\\ \t0\u00e9\u0000";

  @Test
  void piecesWithoutEqualsAreSplitOnTheirOwn() {
    // CVE-2024-52804 shape: each piece used to search for '=' to the end of the header
    // (quadratic); HostileHeaderBenchmark.cookiesWithoutEquals measures it
    assertThat(Cookies.parse("a; b=1; c")).containsExactly(entry("", "c"), entry("b", "1"));
    assertThat(Cookies.parse("a;".repeat(50_000) + "k=v"))
        .containsExactly(entry("", "a"), entry("k", "v"));
  }

  @Test
  void neverThrowsOnJunk() {
    java.util.Random rnd = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      char[] c = new char[rnd.nextInt(40)];
      for (int k = 0; k < c.length; k++) {
        c[k] = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
      }
      Cookies.parse(new String(c));
    }
  }
}
