package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Route patterns with a prefix quoted by {@link Pattern#quote}, as mounts make them. */
class UrlSpecTest {
  @Test
  void quotedPrefixStaysALiteralRoute() {
    UrlSpec spec = new UrlSpec(Pattern.quote("/v1.0") + "/ping", () -> null, "ping");
    assertThat(spec.literal()).isEqualTo("/v1.0/ping");
    assertThat(spec.match("/v1.0/ping")).isEmpty();
    assertThat(spec.match("/v1x0/ping")).isNull();
    assertThat(spec.reverse()).isEqualTo("/v1.0/ping");
  }

  @Test
  void quotedPrefixWithGroupsReverses() {
    UrlSpec spec = new UrlSpec(Pattern.quote("/a+b") + "/items/(\\d+)", () -> null, "item");
    assertThat(spec.literal()).isNull();
    assertThat(spec.match("/a+b/items/7")).containsExactly("7");
    assertThat(spec.match("/aab/items/7")).isNull();
    assertThat(spec.reverse(7)).isEqualTo("/a+b/items/7");
  }

  @Test
  void regexSyntaxOutsideQuotesIsNoLiteral() {
    assertThat(UrlSpec.literalOf("/a.b")).isNull();
    assertThat(UrlSpec.literalOf("/plain/path")).isEqualTo("/plain/path");
    assertThat(UrlSpec.literalOf("\\Q/x\\E.*")).isNull();
  }
}
