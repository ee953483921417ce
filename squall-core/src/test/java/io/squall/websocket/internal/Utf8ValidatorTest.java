package io.squall.websocket.internal;

import static io.squall.websocket.internal.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
  private static boolean jdkValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void validText() {
    for (String s :
        new String[] {
          "",
          "ascii only, longer than eight bytes",
          "é",
          "€",
          "𝄞",
          "Hello-µ@ßöäüàá-UTF-8!!",
          "\u0000\u007f\u0080\u07ff\u0800\uffff"
        }) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      assertThat(Utf8Validator.isValid(b, 0, b.length)).as(s).isTrue();
    }
    assertThat(Utf8Validator.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF), 0, 4)).isTrue(); // U+10FFFF
    assertThat(Utf8Validator.isValid(bytes(0xEF, 0xBF, 0xBF), 0, 3)).isTrue(); // U+FFFF
    assertThat(Utf8Validator.isValid(bytes(0xED, 0x9F, 0xBF), 0, 3)).isTrue(); // U+D7FF
    assertThat(Utf8Validator.isValid(bytes(0xEE, 0x80, 0x80), 0, 3)).isTrue(); // U+E000
  }

  @Test
  void invalidSequences() {
    int[][] bad = {
      {0x80},
      {0xBF},
      {0xC0, 0x80},
      {0xC1, 0xBF},
      {0xE0, 0x80, 0x80},
      {0xE0, 0x9F, 0xBF},
      {0xED, 0xA0, 0x80},
      {0xED, 0xBF, 0xBF},
      {0xF0, 0x80, 0x80, 0x80},
      {0xF0, 0x8F, 0xBF, 0xBF},
      {0xF4, 0x90, 0x80, 0x80},
      {0xF5, 0x80, 0x80, 0x80},
      {0xFE},
      {0xFF},
      {0xC2, 0x41},
      {0xE2, 0x82, 0x41},
      {
        0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65,
        0x64, 0x69, 0x74, 0x65, 0x64
      },
    };
    for (int[] b : bad) {
      byte[] a = bytes(b);
      Utf8Validator v = new Utf8Validator();
      assertThat(v.update(a, 0, a.length)).isFalse();
      assertThat(v.isFailed()).isTrue();
    }
  }

  @Test
  void incompleteSequencesAreValidSoFarButNotComplete() {
    for (int[] b : new int[][] {{0xC2}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {'a', 0xE0}}) {
      Utf8Validator v = new Utf8Validator();
      assertThat(v.update(bytes(b), 0, b.length)).isTrue();
      assertThat(v.isComplete()).isFalse();
    }
  }

  @Test
  void agreesWithTheJdkAtEverySplitOnRandomInput() {
    Random random = new Random(99);
    String alphabet = "aé€𝄞\u07ff\uffff";
    for (int round = 0; round < 2000; round++) {
      byte[] b;
      if (round % 2 == 0) {
        // Valid text with one random byte flipped half of the time.
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
          sb.appendCodePoint(
              alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(6))));
        }
        b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && random.nextBoolean()) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      } else {
        b = new byte[random.nextInt(10)];
        random.nextBytes(b);
      }
      boolean expected = jdkValid(b);
      for (int cut = 0; cut <= b.length; cut++) {
        Utf8Validator v = new Utf8Validator();
        boolean ok = v.update(b, 0, cut) && v.update(b, cut, b.length - cut) && v.isComplete();
        assertThat(ok).as("%s cut %d", Wire.hex(b), cut).isEqualTo(expected);
      }
    }
  }

  @Test
  void resetClearsFailure() {
    Utf8Validator v = new Utf8Validator();
    assertThat(v.update(bytes(0xFF), 0, 1)).isFalse();
    assertThat(v.update(bytes('a'), 0, 1)).isFalse();
    v.reset();
    assertThat(v.update(bytes('a'), 0, 1)).isTrue();
    assertThat(v.isComplete()).isTrue();
  }
}
