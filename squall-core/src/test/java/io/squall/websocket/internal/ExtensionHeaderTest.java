package io.squall.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.websocket.internal.ExtensionHeader.Extension;
import io.squall.websocket.internal.ExtensionHeader.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionHeaderTest {
  @Test
  void parsesSeveralOffersWithParameters() {
    List<Extension> e =
        ExtensionHeader.parse(
            "permessage-deflate; client_max_window_bits,\tpermessage-deflate ; server_max_window_bits = \"10\" ;server_no_context_takeover, foo");
    assertThat(e)
        .containsExactly(
            new Extension("permessage-deflate", List.of(new Param("client_max_window_bits", null))),
            new Extension(
                "permessage-deflate",
                List.of(
                    new Param("server_max_window_bits", "10"),
                    new Param("server_no_context_takeover", null))),
            new Extension("foo", List.of()));
  }

  @Test
  void quotedStringsKeepCommasSemicolonsAndEscapes() {
    List<Extension> e = ExtensionHeader.parse("a; x=\"1,2;3\", b; y=\"q\\\"z\\\\\"");
    assertThat(e).hasSize(2);
    assertThat(e.get(0).params()).containsExactly(new Param("x", "1,2;3"));
    assertThat(e.get(1).params()).containsExactly(new Param("y", "q\"z\\"));
  }

  @Test
  void emptyElementsAndBlankValues() {
    assertThat(ExtensionHeader.parse(null)).isEmpty();
    assertThat(ExtensionHeader.parse("")).isEmpty();
    assertThat(ExtensionHeader.parse(" , ,, ")).isEmpty();
    assertThat(ExtensionHeader.parse(",a,")).containsExactly(new Extension("a", List.of()));
    assertThat(ExtensionHeader.parse("a; x=\"\"").get(0).params())
        .containsExactly(new Param("x", ""));
  }

  @Test
  void malformedHeadersAreRejected() {
    for (String bad :
        new String[] {
          "a b",
          "a;",
          "a; =1",
          "a; x=",
          "a; x=\"open",
          "a; x=\"bad\u0001\"",
          ";a",
          "a; x=1 2",
          "a@b",
          "a; x=\"\\"
        }) {
      assertThatThrownBy(() -> ExtensionHeader.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void formatQuotesOnlyWhenNeeded() {
    Extension e =
        new Extension(
            "permessage-deflate",
            List.of(new Param("a", null), new Param("b", "15"), new Param("c", "x y\"")));
    String s = ExtensionHeader.format(e);
    assertThat(s).isEqualTo("permessage-deflate; a; b=15; c=\"x y\\\"\"");
    assertThat(ExtensionHeader.parse(s)).containsExactly(e);
  }
}
