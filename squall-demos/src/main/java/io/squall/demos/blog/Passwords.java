package io.squall.demos.blog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106) from Bouncy Castle, written in the PHC string format
 * that other Argon2 libraries read: {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (unpadded
 * base64). The cost parameters travel with each hash, so {@link #DEFAULT} can grow later and old
 * hashes still verify ({@link #needsRehash} says which to renew at the next login).
 *
 * <p>Hashing is deliberately slow and memory-hard (about 19 MiB per call): run it off the loop. At
 * most {@link #MAX_CONCURRENT} hashes are computed at once per instance, so a flood of logins waits
 * instead of taking memory without bound. Thread-safe.
 */
public final class Passwords {
  /**
   * The cost of a new hash.
   *
   * @param memoryKiB memory in KiB
   * @param iterations passes over the memory
   * @param parallelism lanes
   */
  public record Cost(int memoryKiB, int iterations, int parallelism) {
    /**
     * Checks the ranges Argon2 allows, with a ceiling that keeps a stored hash from costing a GiB.
     */
    public Cost {
      if (parallelism < 1 || parallelism > 16) {
        throw new IllegalArgumentException("parallelism must be 1 to 16: " + parallelism);
      }
      if (iterations < 1 || iterations > 16) {
        throw new IllegalArgumentException("iterations must be 1 to 16: " + iterations);
      }
      if (memoryKiB < 8 * parallelism || memoryKiB > 262_144) {
        throw new IllegalArgumentException(
            "memory must be 8*parallelism to 262144 KiB: " + memoryKiB);
      }
    }
  }

  /** OWASP's first recommendation for Argon2id: 19 MiB, 2 iterations, 1 lane. */
  public static final Cost DEFAULT = new Cost(19_456, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** How many hashes one instance computes at the same time; more calls wait their turn. */
  public static final int MAX_CONCURRENT = 4;

  private final Cost cost;
  private final SecureRandom random = new SecureRandom();
  private final Semaphore slots = new Semaphore(MAX_CONCURRENT, true);

  /** Hashes with {@link #DEFAULT}. */
  public Passwords() {
    this(DEFAULT);
  }

  /** Hashes new passwords with {@code cost}. */
  public Passwords(Cost cost) {
    this.cost = cost;
  }

  /** A new encoded hash of {@code password}, with a fresh random salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] h = derive(password, salt, cost, HASH_BYTES);
    return "$argon2id$v=19$m="
        + cost.memoryKiB()
        + ",t="
        + cost.iterations()
        + ",p="
        + cost.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(h);
  }

  private byte[] derive(String password, byte[] salt, Cost c, int length) {
    slots.acquireUninterruptibly();
    try {
      return argon2(password, salt, c, length);
    } finally {
      slots.release();
    }
  }

  private static byte[] argon2(String password, byte[] salt, Cost c, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(c.memoryKiB())
            .withIterations(c.iterations())
            .withParallelism(c.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** A stored hash taken apart. */
  record Parsed(Cost cost, byte[] salt, byte[] hash) {}

  /**
   * Reads an encoded hash.
   *
   * @throws IllegalArgumentException when it is not an Argon2id PHC string this class accepts
   */
  static Parsed parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id")) {
      throw new IllegalArgumentException("not an Argon2id hash");
    }
    if (!parts[2].equals("v=19")) {
      throw new IllegalArgumentException("unsupported Argon2 version: " + parts[2]);
    }
    int m = -1;
    int t = -1;
    int p = -1;
    for (String kv : parts[3].split(",", -1)) {
      int eq = kv.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("bad Argon2 parameter: " + kv);
      }
      int v;
      try {
        v = Integer.parseInt(kv.substring(eq + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad Argon2 parameter: " + kv, e);
      }
      switch (kv.substring(0, eq)) {
        case "m" -> m = v;
        case "t" -> t = v;
        case "p" -> p = v;
        default -> throw new IllegalArgumentException("unknown Argon2 parameter: " + kv);
      }
    }
    Cost c = new Cost(m, t, p);
    byte[] salt = B64D.decode(parts[4]);
    byte[] hash = B64D.decode(parts[5]);
    if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
      throw new IllegalArgumentException("Argon2 salt or hash of a bad length");
    }
    return new Parsed(c, salt, hash);
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time.
   *
   * @throws IllegalArgumentException when {@code encoded} is not an Argon2id hash
   */
  public boolean verify(String password, String encoded) {
    Parsed p = parse(encoded);
    byte[] again = derive(password, p.salt(), p.cost(), p.hash().length);
    return MessageDigest.isEqual(again, p.hash());
  }

  private volatile String unknownUser;

  /**
   * A hash of a random password, made once: checking a login for an unknown e-mail against it takes
   * as long as a real check, so the time of the answer does not tell which e-mails exist.
   */
  public String unknownUserHash() {
    String h = unknownUser;
    if (h == null) {
      byte[] pw = new byte[24];
      random.nextBytes(pw);
      h = hash(Base64.getEncoder().encodeToString(pw));
      unknownUser = h;
    }
    return h;
  }

  /** Whether {@code encoded} was made with another cost than this instance's. */
  public boolean needsRehash(String encoded) {
    return !parse(encoded).cost().equals(cost);
  }
}
