package io.squall.demos.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Argon2id hashes: PHC format, salted, verified, parameters carried with the hash. */
class PasswordsTest {
  static final Passwords.Cost CHEAP = new Passwords.Cost(64, 1, 1);

  @Test
  void aHashVerifiesItsPasswordOnly() {
    Passwords p = new Passwords(CHEAP);
    String h = p.hash("correct horse");
    assertThat(h)
        .matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(p.verify("correct horse", h)).isTrue();
    assertThat(p.verify("correct horsE", h)).isFalse();
    assertThat(p.verify("", h)).isFalse();
    assertThat(p.hash("correct horse")).as("a fresh salt each time").isNotEqualTo(h);
  }

  @Test
  void theDefaultCostIsOwaspsAndOldCostsStillVerify() {
    Passwords strong = new Passwords();
    String h = strong.hash("pässwörd ✓");
    assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(strong.verify("pässwörd ✓", h)).isTrue();
    String old = new Passwords(CHEAP).hash("pässwörd ✓");
    assertThat(strong.verify("pässwörd ✓", old)).as("cost read from the hash").isTrue();
    assertThat(strong.needsRehash(old)).isTrue();
    assertThat(strong.needsRehash(h)).isFalse();
  }

  @Test
  void hashesOfTheReferenceImplementationVerify() {
    // made with Debian's argon2 (the reference implementation's command line):
    //   echo -n 'pässwörd' | argon2 saltsaltsalt -id -t 3 -k 256 -p 2 -l 32 -e
    //   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 24 -e
    String small =
        "$argon2id$v=19$m=256,t=3,p=2$c2FsdHNhbHRzYWx0$IoKgXs9k/vcBml4+DrDiwgoVIJ5UibdMMxNi+CIa44s";
    String big = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU";
    Passwords p = new Passwords(CHEAP);
    assertThat(p.verify("pässwörd", small)).isTrue();
    assertThat(p.verify("passwörd", small)).isFalse();
    assertThat(p.verify("password", big)).isTrue();
    assertThat(p.verify("passwore", big)).isFalse();
  }

  @Test
  void malformedHashesAreRefusedWithTheReason() {
    Passwords p = new Passwords(CHEAP);
    assertThatThrownBy(() -> p.verify("x", "$2b$10$abcdefghijklmnopqrstuv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an Argon2id hash");
    assertThatThrownBy(
            () -> p.verify("x", "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"))
        .hasMessageContaining("version");
    assertThatThrownBy(
            () ->
                p.verify(
                    "x", "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"))
        .hasMessageContaining("memory");
    assertThatThrownBy(
            () -> p.verify("x", "$argon2id$v=19$m=64,t=1,q=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"))
        .hasMessageContaining("unknown Argon2 parameter");
  }
}
