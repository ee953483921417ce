package io.squall.locale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentFormatTest {
  @Test
  void fillsNamedPlaceholdersAsPythonDoes() {
    Map<String, Object> v = Map.of("name", "Ana", "n", 3, "x", 2.5, "big", new BigInteger("12"));
    assertThat(PercentFormat.format("%(name)s has %(n)d", v)).isEqualTo("Ana has 3");
    assertThat(PercentFormat.format("%(n)i%% done", v)).isEqualTo("3% done");
    assertThat(PercentFormat.format("[%(n)03d] [%(n)3d] [%(n)-3d]", v))
        .isEqualTo("[003] [  3] [3  ]");
    assertThat(PercentFormat.format("%(x).2f %(x)f %(x)d %(big)d", v))
        .isEqualTo("2.50 2.500000 2 12");
    assertThat(PercentFormat.format("%(n)+d %(name).2s", v)).isEqualTo("+3 An");
    assertThat(PercentFormat.format("no placeholders", v)).isEqualTo("no placeholders");
    assertThat(PercentFormat.format("%(n)s is a string here", v)).isEqualTo("3 is a string here");
    assertThat(PercentFormat.format("%(neg)05d", Map.of("neg", -42))).isEqualTo("-0042");
  }

  @Test
  void missingValueWrongTypeAndMalformedPatternsAreClearErrors() {
    assertThatThrownBy(() -> PercentFormat.format("%(who)s", Map.of("name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("%(who)")
        .hasMessageContaining("[name]");
    assertThatThrownBy(() -> PercentFormat.format("%(n)d", Map.of("n", "three")))
        .hasMessageContaining("needs a number");
    assertThatThrownBy(() -> PercentFormat.format("50% off", Map.of()))
        .hasMessageContaining("named placeholders");
    assertThatThrownBy(() -> PercentFormat.format("%(n", Map.of("n", 1)))
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> PercentFormat.format("%(n)", Map.of("n", 1)))
        .hasMessageContaining("conversion letter");
    assertThatThrownBy(() -> PercentFormat.format("%(n)q", Map.of("n", 1)))
        .hasMessageContaining("unknown conversion 'q'");
  }
}
