package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignedValuesTest {
  private static final CookieSecret SECRET = CookieSecret.of("It's a secret to everybody");
  private static final long PRESENT = 1_300_000_000L;
  private static final InstantSource NOW = at(PRESENT);
  private static final byte[] VALUE = "value".getBytes(StandardCharsets.US_ASCII);
  // Reference values produced by Tornado for the secret, name "key" and value "value" above.
  private static final String TORNADO_V2 =
      "2|1:0|10:1300000000|3:key|8:dmFsdWU=|"
          + "3d4e60b996ff9c5d5788e333a0cba6f238a22c6c0f94788870e1a9ecd482e152";
  private static final String TORNADO_V1 =
      "dmFsdWU=|1300000000|31c934969f53e48164c50768b40cbd7e2daaaa4f";

  private static InstantSource at(long epochSecond) {
    return InstantSource.fixed(Instant.ofEpochSecond(epochSecond));
  }

  private static byte[] decode(String value) {
    return SignedValues.decode(SECRET, "key", value, 31, NOW);
  }

  @Test
  void createsTheSameBytesAsTornado() {
    assertThat(SignedValues.create(SECRET, "key", VALUE, NOW)).isEqualTo(TORNADO_V2);
  }

  @Test
  void roundTripsIncludingNonAsciiAndEmptyValues() {
    for (byte[] v : List.of(VALUE, new byte[] {(byte) 0xe9}, new byte[0], new byte[1000])) {
      String signed = SignedValues.create(SECRET, "key", v, NOW);
      assertThat(decode(signed)).isEqualTo(v);
    }
  }

  @Test
  void readsTornadoVersion2() {
    assertThat(decode(TORNADO_V2)).isEqualTo(VALUE);
  }

  @Test
  void version1OnlyWhenAskedFor() {
    assertThat(decode(TORNADO_V1)).isNull();
    assertThat(SignedValues.decode(SECRET, "key", TORNADO_V1, 31, NOW, 1)).isEqualTo(VALUE);
    assertThat(SignedValues.decode(SECRET, "other", TORNADO_V1, 31, NOW, 1)).isNull();
    // Moving a payload digit into the timestamp keeps the v1 signature but must still fail.
    String leadingZero = "dmFsdWU=|01300000000|31c934969f53e48164c50768b40cbd7e2daaaa4f";
    assertThat(SignedValues.decode(SECRET, "key", leadingZero, 31, NOW, 1)).isNull();
    assertThat(SignedValues.decode(SECRET, "key", "a|b", 31, NOW, 1)).isNull();
    assertThat(SignedValues.decode(SECRET, "key", "a|b|c|d", 31, NOW, 1)).isNull();
    assertThatThrownBy(() -> SignedValues.decode(SECRET, "key", TORNADO_V2, 31, NOW, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrongNameIsRefused() {
    String signed1 = SignedValues.create(SECRET, "key1", VALUE, NOW);
    assertThat(SignedValues.decode(SECRET, "key2", signed1, 31, NOW)).isNull();
    assertThat(SignedValues.decode(SECRET, "key1", signed1, 31, NOW)).isEqualTo(VALUE);
  }

  @Test
  void expiresAfterMaxAge() {
    String signed = SignedValues.create(SECRET, "key", VALUE, at(PRESENT - 86_400 * 32));
    assertThat(SignedValues.decode(SECRET, "key", signed, 31, NOW)).isNull();
    assertThat(SignedValues.decode(SECRET, "key", signed, 33, NOW)).isEqualTo(VALUE);
    // The boundary itself is still valid.
    String edge = SignedValues.create(SECRET, "key", VALUE, at(PRESENT - 86_400));
    assertThat(SignedValues.decode(SECRET, "key", edge, 1, NOW)).isEqualTo(VALUE);
    assertThat(SignedValues.decode(SECRET, "key", edge, 0.99, NOW)).isNull();
  }

  @Test
  void futureDatedBeyondToleranceIsRefused() {
    long tolerance = SignedValues.FUTURE_TOLERANCE_SECONDS;
    String nearFuture = SignedValues.create(SECRET, "key", VALUE, at(PRESENT + tolerance));
    String farFuture = SignedValues.create(SECRET, "key", VALUE, at(PRESENT + tolerance + 1));
    assertThat(decode(nearFuture)).isEqualTo(VALUE);
    assertThat(decode(farFuture)).isNull();
  }

  @Test
  void payloadTamperingIsRefused() {
    String sig = TORNADO_V2.substring(TORNADO_V2.lastIndexOf('|') + 1);
    assertThat(decode("2|1:0|10:1300000000|3:key|8:dmFsdWU=|" + sig)).isEqualTo(VALUE);
    assertThat(decode("2|1:1|10:1300000000|3:key|8:dmFsdWU=|" + sig)).isNull();
    assertThat(decode("2|1:0|10:130000000|3:key|8:dmFsdWU=|" + sig)).isNull();
    assertThat(decode("2|1:0|10:1300000000|3:keey|8:dmFsdWU=|" + sig)).isNull();
    assertThat(decode("2|1:0|10:1300000001|3:key|8:dmFsdWU=|" + sig)).isNull();
    assertThat(decode("2|1:0|10:1300000000|3:key|8:dmFsdWV=|" + sig)).isNull();
  }

  @Test
  void signatureTamperingIsRefused() {
    String prefix = "2|1:0|10:1300000000|3:key|8:dmFsdWU=|";
    String sig = "3d4e60b996ff9c5d5788e333a0cba6f238a22c6c0f94788870e1a9ecd482e152";
    assertThat(decode(prefix + sig)).isEqualTo(VALUE);
    assertThat(decode(prefix + "0".repeat(32))).isNull();
    assertThat(decode(prefix + "0".repeat(64))).isNull();
    assertThat(decode(prefix + "4" + sig.substring(1))).isNull();
    assertThat(decode(prefix + sig.substring(0, 63) + "3")).isNull();
    assertThat(decode(prefix + sig.substring(0, 63))).isNull();
    assertThat(decode(prefix + sig + "8")).isNull();
    assertThat(decode(prefix + sig.toUpperCase())).isNull();
    assertThat(decode(prefix)).isNull();
  }

  @Test
  void otherSecretIsRefused() {
    String signed = SignedValues.create(CookieSecret.of("another secret"), "key", VALUE, NOW);
    assertThat(decode(signed)).isNull();
  }

  @Test
  void junkNeverThrows() {
    List<String> junk =
        List.of(
            "",
            "|",
            "||",
            "2",
            "2|",
            "2|||||",
            "2|1:0",
            "2|1:0|",
            "2|x:0|10:1300000000|3:key|8:dmFsdWU=|abc",
            "2|-1:0|10:1300000000|3:key|8:dmFsdWU=|abc",
            "2|99999999999:0|",
            "2|1:0|10:1300000000|3:key|999:dmFsdWU=|abc",
            "2|0:|10:1300000000|3:key|8:dmFsdWU=|abc",
            "2|1:a|10:1300000000|3:key|8:dmFsdWU=|abc",
            "3|1:0|10:1300000000|3:key|8:dmFsdWU=|abc",
            "02|1:0|10:1300000000|3:key|8:dmFsdWU=|abc",
            "9999|abc",
            "\u00e9\u0000\r\n",
            "2|1:0|10:1300000000|3:key|8:!!!!!!!!|abc");
    for (String j : junk) {
      assertThat(SignedValues.decode(SECRET, "key", j, 31, NOW, 1)).as(j).isNull();
      assertThat(SignedValues.decode(SECRET, "key", j, 31, NOW)).as(j).isNull();
    }
    assertThat(SignedValues.decode(SECRET, "key", null, 31, NOW)).isNull();
  }

  @Test
  void badBase64WithValidSignatureGivesNull() {
    // A correctly signed value whose payload is not base64 (only a buggy signer makes these).
    String prefix = "2|1:0|10:1300000000|3:key|4:!!!!|";
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    String sig =
        new String(
            SignedValues.hex(SECRET.currentKeys().sha256.sign(p, 0, p.length)),
            StandardCharsets.US_ASCII);
    assertThat(decode(prefix + sig)).isNull();
  }

  @Test
  void keyRotation() {
    Map<Integer, String> keys = Map.of(0, "asdfbasdf", 1, "12312312", 2, "2342342");
    CookieSecret v0 = CookieSecret.versioned(keys, 0);
    CookieSecret v1 = CookieSecret.versioned(keys, 1);
    String signedWith0 = SignedValues.create(v0, "key", VALUE, NOW);
    String signedWith1 = SignedValues.create(v1, "key", VALUE, NOW);
    assertThat(signedWith1).startsWith("2|1:1|");
    assertThat(SignedValues.keyVersion(signedWith1)).hasValue(1);
    assertThat(SignedValues.keyVersion(signedWith0)).hasValue(0);
    assertThat(SignedValues.keyVersion("junk")).isEmpty();
    assertThat(SignedValues.keyVersion(TORNADO_V1)).isEmpty();

    // Both versions validate with either "current" choice while both keys are present.
    for (CookieSecret s : List.of(v0, v1)) {
      assertThat(SignedValues.decode(s, "key", signedWith0, 31, NOW)).isEqualTo(VALUE);
      assertThat(SignedValues.decode(s, "key", signedWith1, 31, NOW)).isEqualTo(VALUE);
    }
    // Retire key 0: its values stop validating, key 1 values still do.
    CookieSecret retired = CookieSecret.versioned(Map.of(1, "12312312", 2, "2342342"), 2);
    assertThat(SignedValues.decode(retired, "key", signedWith0, 31, NOW)).isNull();
    assertThat(SignedValues.decode(retired, "key", signedWith1, 31, NOW)).isEqualTo(VALUE);
    // Claiming another key version than the one used breaks the signature.
    String forged = signedWith0.replaceFirst("^2\\|1:0", "2|1:1");
    assertThat(SignedValues.decode(v1, "key", forged, 31, NOW)).isNull();
  }

  @Test
  void singleSecretIgnoresKeyVersionAsTornadoDoes() {
    CookieSecret rotated = CookieSecret.versioned(Map.of(7, "It's a secret to everybody"), 7);
    String signed = SignedValues.create(rotated, "key", VALUE, NOW);
    assertThat(signed).startsWith("2|1:7|");
    assertThat(decode(signed)).isEqualTo(VALUE);
  }

  @Test
  void cookieSecretValidation() {
    assertThatThrownBy(() -> CookieSecret.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSecret.versioned(Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CookieSecret.versioned(Map.of(1, "a"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2");
    assertThatThrownBy(() -> CookieSecret.versioned(Map.of(-1, "a"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CookieSecret.versioned(Map.of(1, "a", 2, "b"), 2).toString())
        .doesNotContain("\"a\"")
        .contains("current=2");
    assertThat(SECRET.toString()).doesNotContain("secret to everybody");
  }

  @Test
  void concurrentUseFromPlatformAndVirtualThreads() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      byte[] v = ("value-" + t).getBytes(StandardCharsets.US_ASCII);
      tasks.add(
          () -> {
            for (int i = 0; i < 500; i++) {
              String s = SignedValues.create(SECRET, "key", v, NOW);
              if (!java.util.Arrays.equals(decode(s), v)) {
                return false;
              }
            }
            return decode(TORNADO_V2) != null;
          });
    }
    try (ExecutorService platform = Executors.newFixedThreadPool(4);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ExecutorService ex : List.of(platform, virtual)) {
        for (Future<Boolean> f : ex.invokeAll(tasks)) {
          assertThat(f.get()).isTrue();
        }
      }
    }
  }
}
