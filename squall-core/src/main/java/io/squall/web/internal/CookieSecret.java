package io.squall.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secret that signs cookies (Tornado's {@code cookie_secret} setting): either one secret, or a
 * map of numbered secrets plus the number of the one used for new values (key rotation). With a
 * map, a value signed under an older key version still validates for as long as that version is in
 * the map; remove a version to invalidate everything signed with it.
 *
 * <p>Instances are immutable and thread-safe; the HMAC machinery is prepared once here, so create
 * one per application, not one per request.
 */
public final class CookieSecret {
  private final Integer currentVersion; // null for a single, unversioned secret
  private final Map<Integer, Keys> byVersion; // unmodifiable; one entry (key -1) when unversioned
  private final Keys current;

  /** HMAC keys for one secret: SHA-256 for version 2 values, SHA-1 (lazily) for version 1. */
  static final class Keys {
    private final byte[] secret;
    final HmacKey sha256;
    private volatile HmacKey sha1;

    Keys(byte[] secret) {
      this.secret = secret.clone();
      this.sha256 = new HmacKey("HmacSHA256", secret);
    }

    HmacKey sha1() {
      HmacKey k = sha1;
      if (k == null) {
        k = new HmacKey("HmacSHA1", secret); // benign race: both copies are equivalent
        sha1 = k;
      }
      return k;
    }
  }

  private CookieSecret(Integer currentVersion, Map<Integer, Keys> byVersion, Keys current) {
    this.currentVersion = currentVersion;
    this.byVersion = byVersion;
    this.current = current;
  }

  /**
   * A single secret, encoded as UTF-8.
   *
   * @throws IllegalArgumentException if it is empty
   */
  public static CookieSecret of(String secret) {
    return of(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A single secret.
   *
   * @throws IllegalArgumentException if it is empty
   */
  public static CookieSecret of(byte[] secret) {
    Keys keys = new Keys(secret);
    return new CookieSecret(null, Map.of(-1, keys), keys);
  }

  /**
   * Numbered secrets (UTF-8) for key rotation; new values are signed with {@code currentVersion}.
   *
   * @throws IllegalArgumentException if the map is empty, a version is negative, a secret is empty,
   *     or {@code currentVersion} is not in the map
   */
  public static CookieSecret versioned(Map<Integer, String> secrets, int currentVersion) {
    Map<Integer, byte[]> bytes = new TreeMap<>();
    secrets.forEach((v, s) -> bytes.put(v, s.getBytes(StandardCharsets.UTF_8)));
    return versionedBytes(bytes, currentVersion);
  }

  /**
   * Numbered secrets for key rotation; new values are signed with {@code currentVersion}.
   *
   * @throws IllegalArgumentException as for {@link #versioned(Map, int)}
   */
  public static CookieSecret versionedBytes(Map<Integer, byte[]> secrets, int currentVersion) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("no cookie secrets given");
    }
    Map<Integer, Keys> keys = new TreeMap<>();
    for (Map.Entry<Integer, byte[]> e : secrets.entrySet()) {
      if (e.getKey() < 0) {
        throw new IllegalArgumentException("negative key version " + e.getKey());
      }
      keys.put(e.getKey(), new Keys(e.getValue()));
    }
    Keys current = keys.get(currentVersion);
    if (current == null) {
      throw new IllegalArgumentException(
          "current key version " + currentVersion + " is not among " + keys.keySet());
    }
    return new CookieSecret(currentVersion, Map.copyOf(keys), current);
  }

  /** Whether this holds numbered secrets (key rotation) rather than a single secret. */
  public boolean isVersioned() {
    return currentVersion != null;
  }

  /** The key version written into new values: the current version, or 0 for a single secret. */
  public int currentKeyVersion() {
    return currentVersion == null ? 0 : currentVersion;
  }

  /** Keys for signing new values. */
  Keys currentKeys() {
    return current;
  }

  /**
   * Keys for checking a value that names {@code keyVersion}, or null if that version is unknown. A
   * single secret ignores the version field, as Tornado does.
   */
  Keys keysFor(int keyVersion) {
    return currentVersion == null ? current : byVersion.get(keyVersion);
  }

  @Override
  public String toString() {
    // Never print secrets.
    return isVersioned()
        ? "CookieSecret[versions="
            + new TreeMap<>(byVersion).keySet()
            + ", current="
            + currentVersion
            + "]"
        : "CookieSecret[single]";
  }
}
