package io.squall.locale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The Plural-Forms rules of real languages, and the grammar's edges. */
class PluralRuleTest {
  private static long[] forms(String rule, long... ns) {
    PluralRule r = PluralRule.parse(rule);
    return LongStream.of(ns).map(r::evaluate).toArray();
  }

  @Test
  void englishAndFrench() {
    assertThat(forms("(n != 1)", 0, 1, 2, 5)).containsExactly(1, 0, 1, 1);
    assertThat(forms("n>1", 0, 1, 2)).containsExactly(0, 0, 1);
    assertThat(PluralRule.GERMANIC.evaluate(1)).isZero();
    assertThat(forms("0", 1, 7)).containsExactly(0, 0); // Chinese, Japanese: one form
  }

  @Test
  void arabicHasSixForms() {
    String ar = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)";
    assertThat(forms(ar, 0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111))
        .containsExactly(0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4);
  }

  @Test
  void polishAndRussianThreeForms() {
    String pl = "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
    assertThat(forms(pl, 1, 2, 4, 5, 12, 22, 25, 112)).containsExactly(0, 1, 1, 2, 2, 1, 2, 2);
    String ru =
        "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
    assertThat(forms(ru, 1, 21, 11, 3, 13, 5, 101)).containsExactly(0, 0, 2, 1, 2, 2, 0);
  }

  @Test
  void precedenceIsCs() {
    assertThat(forms("1 + 2 * 3 == 7", 0)).containsExactly(1);
    assertThat(forms("!n", 0, 3)).containsExactly(1, 0);
    assertThat(forms("n - 1 - 1", 5)).containsExactly(3); // left-associative
    assertThat(forms("n > 1 ? n < 5 ? 1 : 2 : 0", 0, 3, 9)).containsExactly(0, 1, 2);
    assertThat(forms("0 || 0 && 1 || n", 0, 1)).containsExactly(0, 1);
    assertThat(forms("n / 0 + n % 0", 5)).containsExactly(0); // no crash on zero
  }

  @Test
  void malformedRulesNameThePosition() {
    assertThatThrownBy(() -> PluralRule.parse("n ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 2");
    assertThatThrownBy(() -> PluralRule.parse("(n != 1")).hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> PluralRule.parse("n ? 1")).hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> PluralRule.parse("x == 1")).hasMessageContaining("unexpected 'x'");
    assertThatThrownBy(() -> PluralRule.parse("nplurals")).hasMessageContaining("unknown name");
    assertThatThrownBy(() -> PluralRule.parse("")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> PluralRule.parse("(".repeat(200) + "n" + ")".repeat(200)))
        .hasMessageContaining("nested too deeply");
  }
}
