package io.squall.adversarial.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.squall.http.Cookies;
import io.squall.web.internal.CookieSecret;
import io.squall.web.internal.SignedValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jazzer targets for the {@code Cookie} header parser and the signed-value decoder. Cookies never
 * throw, and plain pairs written back parse to the same map; a signed value decodes to its bytes,
 * any edit of it to null, and arbitrary input decodes to null or bytes without an exception.
 */
class CookieAndSignedValueFuzzTest {
  private static final CookieSecret SECRET = CookieSecret.of("fuzzing secret");

  @FuzzTest(maxDuration = "30s")
  void cookies(String header) {
    Map<String, String> parsed = Cookies.parse(header);
    Map<String, String> plain = new LinkedHashMap<>();
    StringBuilder again = new StringBuilder();
    parsed.forEach(
        (k, v) -> {
          if (plain(k) && !k.isEmpty() && plain(v)) {
            plain.put(k, v);
            again.append(k).append('=').append(v).append("; ");
          }
        });
    assertThat(Cookies.parse(again.toString())).isEqualTo(plain);
  }

  private static boolean plain(String s) {
    return s.chars().noneMatch(c -> c == ';' || c == '=' || c == '"' || c == '\\')
        && s.strip().equals(s);
  }

  @FuzzTest(maxDuration = "30s")
  void signedValues(FuzzedDataProvider data) {
    byte[] value = data.consumeBytes(64);
    int edit = data.consumeInt(0, 1000);
    char with = data.consumeChar();
    String arbitrary = data.consumeRemainingAsString();
    byte[] decoded = SignedValues.decode(SECRET, "n", arbitrary, 31);
    if (decoded != null) {
      assertThat(SignedValues.decode(SECRET, "other", arbitrary, 31)).isNull();
    }
    String signed = SignedValues.create(SECRET, "n", value);
    assertThat(SignedValues.decode(SECRET, "n", signed, 31)).isEqualTo(value);
    int at = edit % signed.length();
    if (signed.charAt(at) != with) {
      String tampered = signed.substring(0, at) + with + signed.substring(at + 1);
      assertThat(SignedValues.decode(SECRET, "n", tampered, 31)).as(tampered).isNull();
    }
  }
}
