package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XsrfTokensTest {
  private static final InstantSource NOW =
      InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000));

  @Test
  void newTokensAreRandomAndSized() {
    byte[] a = XsrfTokens.newToken();
    byte[] b = XsrfTokens.newToken();
    assertThat(a).hasSize(XsrfTokens.TOKEN_BYTES);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void version2RoundTripWithChangingMask() {
    byte[] token = XsrfTokens.newToken();
    Set<String> encodings = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String encoded = XsrfTokens.encode(token, 1_600_000_000L);
      assertThat(encoded).matches("2\\|[0-9a-f]{8}\\|[0-9a-f]{32}\\|1600000000");
      encodings.add(encoded);
      XsrfTokens.Decoded d = XsrfTokens.decode(encoded, NOW);
      assertThat(d).isNotNull();
      assertThat(d.version()).isEqualTo(2);
      assertThat(d.token()).isEqualTo(token);
      assertThat(d.timestamp()).isEqualTo(1_600_000_000L);
      assertThat(XsrfTokens.matches(d.token(), token)).isTrue();
    }
    // The mask is random, so the encoded form changes from response to response.
    assertThat(encodings.size()).isGreaterThan(1);
  }

  @Test
  void knownMaskedEncoding() {
    byte[] token = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    byte[] mask = HexFormat.of().parseHex("ff00ff00");
    String encoded = XsrfTokens.encode(token, 5, mask);
    assertThat(encoded).isEqualTo("2|ff00ff00|ff11dd33bb559977779955bb33dd11ff|5");
    assertThat(XsrfTokens.decode(encoded, NOW).token()).isEqualTo(token);
    assertThat(XsrfTokens.decode(encoded.toUpperCase(), NOW).token()).isEqualTo(token);
  }

  @Test
  void version1HexAndLegacyRawForms() {
    byte[] token = XsrfTokens.newToken();
    XsrfTokens.Decoded v1 = XsrfTokens.decode(XsrfTokens.encodeV1(token), NOW);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.token()).isEqualTo(token);
    assertThat(v1.timestamp()).isEqualTo(1_700_000_000L);

    XsrfTokens.Decoded legacy = XsrfTokens.decode("not-hex_token", NOW);
    assertThat(legacy.version()).isEqualTo(0);
    assertThat(legacy.token()).isEqualTo("not-hex_token".getBytes(StandardCharsets.US_ASCII));
    // An odd-length hex string is not version 1; it is a legacy raw token.
    assertThat(XsrfTokens.decode("abc", NOW).version()).isEqualTo(0);
  }

  @Test
  void junkDecodesToNull() {
    List<String> junk =
        List.of(
            "",
            "2|",
            "2|||",
            "2|ff00ff00|0011|",
            "2|ff00ff00||5",
            "2|ff00ff|0011|5",
            "2|ff00ff0000|0011|5",
            "2|zz00ff00|0011|5",
            "2|ff00ff00|0g11|5",
            "2|ff00ff00|011|5",
            "2|ff00ff00|0011|-5",
            "2|ff00ff00|0011|5x",
            "2|ff00ff00|0011|5|6",
            "2|ff00ff00|0011|1234567890123456789",
            "3|ff00ff00|0011|5",
            "12345|abc",
            "has space",
            "tab\there",
            "cr\r\nlf",
            "nul\u0000",
            "caf\u00e9",
            "x".repeat(XsrfTokens.MAX_ENCODED_LENGTH + 1));
    for (String j : junk) {
      assertThat(XsrfTokens.decode(j, NOW)).as(j).isNull();
    }
    assertThat(XsrfTokens.decode(null)).isNull();
  }

  @Test
  void comparisonOfUnmaskedTokens() {
    byte[] token = XsrfTokens.newToken();
    String cookie = XsrfTokens.encode(token, 1);
    String form = XsrfTokens.encode(token, 1);
    assertThat(cookie).isNotEqualTo(form);
    assertThat(
            XsrfTokens.matches(XsrfTokens.decode(cookie).token(), XsrfTokens.decode(form).token()))
        .isTrue();
    // A v1 cookie still matches a v2 form value of the same token.
    assertThat(
            XsrfTokens.matches(
                XsrfTokens.decode(XsrfTokens.encodeV1(token)).token(),
                XsrfTokens.decode(form).token()))
        .isTrue();
    byte[] other = XsrfTokens.newToken();
    assertThat(XsrfTokens.matches(token, other)).isFalse();
    assertThat(XsrfTokens.matches(token, new byte[0])).isFalse();
    assertThat(XsrfTokens.matches(new byte[0], new byte[0])).isFalse();
    assertThat(XsrfTokens.matches(null, token)).isFalse();
    assertThat(XsrfTokens.matches(token, java.util.Arrays.copyOf(token, 15))).isFalse();
  }

  @Test
  void encodeRefusesEmptyTokenAndNegativeTime() {
    assertThatThrownBy(() -> XsrfTokens.encode(new byte[0], 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XsrfTokens.encode(new byte[] {1}, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XsrfTokens.encodeV1(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formHtmlEscapesTheValue() {
    assertThat(XsrfTokens.formHtml("2|ab|cd|5"))
        .isEqualTo("<input type=\"hidden\" name=\"_xsrf\" value=\"2|ab|cd|5\">");
    assertThat(XsrfTokens.formHtml("\"><script>'&"))
        .isEqualTo(
            "<input type=\"hidden\" name=\"_xsrf\" value=\"&quot;&gt;&lt;script&gt;&#x27;&amp;\">");
  }
}
