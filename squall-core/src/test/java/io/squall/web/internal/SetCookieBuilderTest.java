package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCookieBuilderTest {
  private static final Instant WHEN = Instant.parse("1994-11-06T08:49:37Z");

  @Test
  void minimalCookieHasTornadoDefaultPath() {
    assertThat(SetCookieBuilder.of("foo", "bar").build()).isEqualTo("foo=bar; Path=/");
    assertThat(SetCookieBuilder.of("foo", "bar").path(null).build()).isEqualTo("foo=bar");
  }

  @Test
  void allAttributesInOrder() {
    String header =
        SetCookieBuilder.of("sid", "abc")
            .domain("example.com")
            .path("/app")
            .expires(WHEN)
            .maxAge(3600)
            .secure(true)
            .httpOnly(true)
            .sameSite(SameSite.LAX)
            .build();
    assertThat(header)
        .isEqualTo(
            "sid=abc; Domain=example.com; Expires=Sun, 06 Nov 1994 08:49:37 GMT; HttpOnly;"
                + " Max-Age=3600; Path=/app; SameSite=Lax; Secure");
    assertThat(SetCookieBuilder.of("a", "b").sameSite(SameSite.STRICT).build())
        .isEqualTo("a=b; Path=/; SameSite=Strict");
    assertThat(
            SetCookieBuilder.of("a", "b")
                .secure(true)
                .sameSite(SameSite.NONE)
                .partitioned(true)
                .build())
        .isEqualTo("a=b; Path=/; SameSite=None; Secure; Partitioned");
    assertThat(SetCookieBuilder.of("a", "b").maxAge(Duration.ofMinutes(2)).build())
        .isEqualTo("a=b; Max-Age=120; Path=/");
  }

  @Test
  void clearing() {
    assertThat(SetCookieBuilder.clearing("sid").domain("example.com").build())
        .isEqualTo(
            "sid=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
    assertThat(SetCookieBuilder.of("a", "b").maxAge(-5).build()).contains("Max-Age=0");
  }

  @Test
  void plainValuesIncludingSignedValuesStayUnquoted() {
    String signed = "2|1:0|10:1300000000|3:key|8:dmFsdWU=|3d4e60b9";
    assertThat(SetCookieBuilder.of("key", signed).path(null).build()).isEqualTo("key=" + signed);
    assertThat(SetCookieBuilder.of("k", "").path(null).build()).isEqualTo("k=");
  }

  @Test
  void specialCharactersAreQuotedLikeTornado() {
    assertThat(value("a b")).isEqualTo("\"a b\"");
    assertThat(value("a;b")).isEqualTo("\"a\\073b\"");
    assertThat(value("a,b")).isEqualTo("\"a\\054b\"");
    assertThat(value("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(value("back\\slash")).isEqualTo("\"back\\\\slash\"");
    // A quoted value can never end the header field or start a new attribute.
    assertThat(value("x; Domain=evil.com")).isEqualTo("\"x\\073 Domain=evil.com\"");
  }

  private static String value(String v) {
    String h = SetCookieBuilder.of("n", v).path(null).build();
    return h.substring(2);
  }

  @Test
  void refusesControlAndNonAsciiCharactersInValue() {
    for (String bad :
        List.of("a\r\nSet-Cookie: x=y", "a\nb", "a\rb", "a\u0000b", "a\tb", "\u007f")) {
      assertThatThrownBy(() -> SetCookieBuilder.of("n", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cookie n: value contains");
    }
    assertThatThrownBy(() -> SetCookieBuilder.of("n", "x\r\ny")).hasMessageContaining("CR at 1");
    assertThatThrownBy(() -> SetCookieBuilder.of("n", "x\ny")).hasMessageContaining("LF at 1");
    assertThatThrownBy(() -> SetCookieBuilder.of("n", "\u0000")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> SetCookieBuilder.of("n", "caf\u00e9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-ASCII");
    assertThatThrownBy(() -> SetCookieBuilder.of("n", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNamesThatAreNotTokens() {
    for (String bad :
        List.of("", "a b", "a=b", "a;b", "a\r\nb", "a,b", "a\"b", "(a)", "a/b", "\u00e9")) {
      assertThatThrownBy(() -> SetCookieBuilder.of(bad, "v"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cookie name");
    }
    assertThat(SetCookieBuilder.of("a!#$%&'*+-.^_`|~9", "v").name()).isEqualTo("a!#$%&'*+-.^_`|~9");
  }

  @Test
  void refusesInjectionThroughAttributes() {
    for (String bad : List.of("example.com; Secure", "a\r\nb", "a b", "a\u0000", "\u00e9.com")) {
      assertThatThrownBy(() -> SetCookieBuilder.of("n", "v").domain(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("domain");
      assertThatThrownBy(() -> SetCookieBuilder.of("n", "v").path(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("path");
    }
  }

  @Test
  void browserRulesAreCheckedAtBuild() {
    assertThatThrownBy(() -> SetCookieBuilder.of("a", "b").sameSite(SameSite.NONE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SameSite=None requires Secure");
    assertThatThrownBy(() -> SetCookieBuilder.of("a", "b").partitioned(true).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SetCookieBuilder.of("__Secure-a", "b").build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(SetCookieBuilder.of("__Secure-a", "b").secure(true).build())
        .isEqualTo("__Secure-a=b; Path=/; Secure");
    assertThatThrownBy(() -> SetCookieBuilder.of("__Host-a", "b").secure(true).path("/x").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> SetCookieBuilder.of("__Host-a", "b").secure(true).domain("example.com").build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(SetCookieBuilder.of("__Host-a", "b").secure(true).build())
        .isEqualTo("__Host-a=b; Path=/; Secure");
  }

  private static Instant parseDate(String s) {
    return s == null ? null : io.squall.http.HttpDates.parse(s).orElse(null);
  }

  @Test
  void httpDates() {
    assertThat(io.squall.http.HttpDates.format(WHEN)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(io.squall.http.HttpDates.format(Instant.parse("2024-03-05T01:02:03.999Z")))
        .isEqualTo("Tue, 05 Mar 2024 01:02:03 GMT");
    assertThat(parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(WHEN);
    assertThat(parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(WHEN);
    assertThat(parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(WHEN);
    assertThat(parseDate(" Sun, 06 Nov 1994 08:49:37 GMT ")).isEqualTo(WHEN);
    assertThat(parseDate("Sunday, 06-Nov-25 08:49:37 GMT").toString()).startsWith("2025");
    assertThat(parseDate("Mon, 06 Nov 1994 08:49:37 GMT")).as("weekday ignored").isEqualTo(WHEN);
    assertThat(parseDate("Wed Nov 16 08:49:37 1994"))
        .isEqualTo(Instant.parse("1994-11-16T08:49:37Z"));
    assertThat(parseDate("Sun, 31 Feb 1994 08:49:37 GMT")).isNull();
    assertThat(parseDate("Sun,")).isNull();
    assertThat(parseDate("yesterday")).isNull();
    assertThat(parseDate("")).isNull();
    assertThat(parseDate(null)).isNull();
    assertThat(parseDate("Sun, 06 Nov 1994 08:49:37 CET")).isNull();
  }
}
