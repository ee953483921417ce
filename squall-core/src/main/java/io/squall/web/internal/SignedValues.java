package io.squall.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalInt;

/**
 * Tornado's signed values (what {@code set_signed_cookie} stores): a value with a timestamp and an
 * HMAC, readable by Tornado and Squall alike.
 *
 * <p>New values use format version 2:
 *
 * <pre>
 * 2|1:&lt;key version&gt;|10:&lt;timestamp&gt;|&lt;n&gt;:&lt;name&gt;|&lt;n&gt;:&lt;base64 value&gt;|&lt;hmac&gt;
 * </pre>
 *
 * where each {@code n:} prefix is the byte length of the field that follows, the timestamp is in
 * whole seconds since the epoch, and the HMAC is the lowercase hex HMAC-SHA256 of everything up to
 * and including the last pipe. The name is signed too, so a value issued for one cookie cannot be
 * replayed under another name.
 *
 * <p>Version 1 ({@code base64|timestamp|hmac-sha1-hex}, no version prefix) is read only when the
 * caller asks for it with {@code minVersion = 1}: Squall never writes it, and a new deployment has
 * no such values, so by default they are refused ({@link #DEFAULT_MIN_VERSION}). Pass 1 to accept
 * cookies issued by an old Tornado application.
 *
 * <p>Decoding never throws on bad input: a tampered, expired, future-dated, wrongly named,
 * malformed or unknown-key value gives {@code null}. Signatures are compared in constant time.
 */
public final class SignedValues {
  /** The format version that {@link #create} writes. */
  public static final int VERSION = 2;

  /** The oldest format version {@link #decode} accepts unless told otherwise. */
  public static final int DEFAULT_MIN_VERSION = 2;

  /** Tornado's default maximum age of a signed cookie, in days. */
  public static final double DEFAULT_MAX_AGE_DAYS = 31;

  /**
   * How far in the future a value's timestamp may lie (clock skew between servers) before it is
   * refused as tampered: one day. (Tornado checks this only for version 1 values, with 31 days.)
   */
  public static final long FUTURE_TOLERANCE_SECONDS = 86_400;

  private static final int MAX_FIELD_LENGTH_DIGITS = 9;
  private static final int MAX_TIMESTAMP_DIGITS = 18;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private SignedValues() {}

  /** Signs {@code value} under {@code name} with the current time. */
  public static String create(CookieSecret secret, String name, byte[] value) {
    return create(secret, name, value, InstantSource.system());
  }

  /**
   * Signs {@code value} under {@code name}, timestamped by {@code clock}, with the secret's current
   * key version.
   *
   * @return an ASCII string (plus whatever {@code name} contains), safe as a cookie value when the
   *     name is a token
   */
  public static String create(CookieSecret secret, String name, byte[] value, InstantSource clock) {
    long timestamp = Math.floorDiv(clock.millis(), 1000L);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(96 + name.length() + value.length * 4 / 3);
    out.writeBytes(new byte[] {'2', '|'});
    writeField(
        out, Integer.toString(secret.currentKeyVersion()).getBytes(StandardCharsets.US_ASCII));
    writeField(out, Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
    writeField(out, name.getBytes(StandardCharsets.UTF_8));
    writeField(out, Base64.getEncoder().encode(value));
    byte[] signed = out.toByteArray();
    byte[] sig = hex(secret.currentKeys().sha256.sign(signed, 0, signed.length));
    out.writeBytes(sig);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Checks and unwraps a signed value with the system clock and {@link #DEFAULT_MIN_VERSION}.
   *
   * @return the original value bytes, or null if the value is missing, malformed, tampered,
   *     expired, future-dated, signed for another name, or signed with an unknown key version
   */
  public static byte[] decode(CookieSecret secret, String name, String value, double maxAgeDays) {
    return decode(secret, name, value, maxAgeDays, InstantSource.system(), DEFAULT_MIN_VERSION);
  }

  /** As {@link #decode(CookieSecret, String, String, double)}, with the given clock. */
  public static byte[] decode(
      CookieSecret secret, String name, String value, double maxAgeDays, InstantSource clock) {
    return decode(secret, name, value, maxAgeDays, clock, DEFAULT_MIN_VERSION);
  }

  /**
   * As {@link #decode(CookieSecret, String, String, double)}, with the given clock and oldest
   * accepted format version (1 or 2). A version 1 value is checked against the current secret,
   * since version 1 carries no key version.
   *
   * @throws IllegalArgumentException if {@code minVersion} is not 1 or 2
   */
  public static byte[] decode(
      CookieSecret secret,
      String name,
      String value,
      double maxAgeDays,
      InstantSource clock,
      int minVersion) {
    if (minVersion < 1 || minVersion > 2) {
      throw new IllegalArgumentException("unsupported minimum version " + minVersion);
    }
    if (value == null || value.isEmpty()) {
      return null;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int version = version(bytes);
    if (version < minVersion) {
      return null;
    }
    double now = clock.millis() / 1000.0;
    if (version == 1) {
      return decodeV1(secret, name, bytes, maxAgeDays, now);
    }
    if (version == 2) {
      return decodeV2(secret, name, bytes, maxAgeDays, now);
    }
    return null;
  }

  /**
   * The key version a version 2 value claims (unverified: use it to decide whether to re-sign a
   * value with the current key), or empty if the value is not a well-formed version 2 value.
   */
  public static OptionalInt keyVersion(String value) {
    if (value == null) {
      return OptionalInt.empty();
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (version(bytes) != 2) {
      return OptionalInt.empty();
    }
    V2Fields f = V2Fields.parse(bytes);
    return f == null ? OptionalInt.empty() : OptionalInt.of(f.keyVersion);
  }

  // --- version 2 ---------------------------------------------------------------------------

  private static byte[] decodeV2(
      CookieSecret secret, String name, byte[] value, double maxAgeDays, double now) {
    V2Fields f = V2Fields.parse(value);
    if (f == null) {
      return null;
    }
    CookieSecret.Keys keys = secret.keysFor(f.keyVersion);
    if (keys == null) {
      return null;
    }
    byte[] expected = hex(keys.sha256.sign(value, 0, f.signatureStart));
    byte[] passed = Arrays.copyOfRange(value, f.signatureStart, value.length);
    if (!MessageDigest.isEqual(passed, expected)) {
      return null;
    }
    // From here on the content is authentic; the remaining checks need no constant time.
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (!Arrays.equals(value, f.nameStart, f.nameEnd, nameBytes, 0, nameBytes.length)) {
      return null;
    }
    long timestamp = parseDigits(value, f.timestampStart, f.timestampEnd, MAX_TIMESTAMP_DIGITS);
    if (timestamp < 0 || !fresh(timestamp, maxAgeDays, now)) {
      return null;
    }
    return base64(value, f.valueStart, f.valueEnd);
  }

  /** Field boundaries of a version 2 value; ends are exclusive. */
  private record V2Fields(
      int keyVersion,
      int timestampStart,
      int timestampEnd,
      int nameStart,
      int nameEnd,
      int valueStart,
      int valueEnd,
      int signatureStart) {

    static V2Fields parse(byte[] v) {
      int pos = 2; // after "2|"
      int[] kv = field(v, pos);
      if (kv == null) {
        return null;
      }
      long keyVersion = parseDigits(v, kv[0], kv[1], MAX_FIELD_LENGTH_DIGITS);
      if (keyVersion < 0) {
        return null;
      }
      int[] ts = field(v, kv[1] + 1);
      if (ts == null) {
        return null;
      }
      int[] nm = field(v, ts[1] + 1);
      if (nm == null) {
        return null;
      }
      int[] val = field(v, nm[1] + 1);
      if (val == null) {
        return null;
      }
      return new V2Fields((int) keyVersion, ts[0], ts[1], nm[0], nm[1], val[0], val[1], val[1] + 1);
    }

    /**
     * Reads {@code <n>:<n bytes>|} at {@code pos}; returns {start, end} of the bytes (end is the
     * index of the closing pipe), or null if malformed.
     */
    private static int[] field(byte[] v, int pos) {
      int colon = pos;
      while (colon < v.length && v[colon] != ':') {
        colon++;
      }
      if (colon == v.length) {
        return null;
      }
      long n = parseDigits(v, pos, colon, MAX_FIELD_LENGTH_DIGITS);
      if (n < 0) {
        return null;
      }
      int start = colon + 1;
      long end = start + n;
      if (end >= v.length || v[(int) end] != '|') {
        return null;
      }
      return new int[] {start, (int) end};
    }
  }

  // --- version 1 ---------------------------------------------------------------------------

  private static byte[] decodeV1(
      CookieSecret secret, String name, byte[] value, double maxAgeDays, double now) {
    int p1 = indexOf(value, (byte) '|', 0);
    int p2 = p1 < 0 ? -1 : indexOf(value, (byte) '|', p1 + 1);
    if (p2 < 0 || indexOf(value, (byte) '|', p2 + 1) >= 0) {
      return null;
    }
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    // v1 signs name + value + timestamp with no delimiters.
    byte[] toSign = new byte[nameBytes.length + p2 - 1];
    System.arraycopy(nameBytes, 0, toSign, 0, nameBytes.length);
    System.arraycopy(value, 0, toSign, nameBytes.length, p1);
    System.arraycopy(value, p1 + 1, toSign, nameBytes.length + p1, p2 - p1 - 1);
    byte[] expected = hex(secret.currentKeys().sha1().sign(toSign, 0, toSign.length));
    byte[] passed = Arrays.copyOfRange(value, p2 + 1, value.length);
    if (!MessageDigest.isEqual(passed, expected)) {
      return null;
    }
    long timestamp = parseDigits(value, p1 + 1, p2, MAX_TIMESTAMP_DIGITS);
    // Without delimiters, trailing payload digits could be moved into the timestamp: refuse
    // leading zeros and far-future timestamps (the latter in fresh()).
    if (timestamp < 0 || value[p1 + 1] == '0' || !fresh(timestamp, maxAgeDays, now)) {
      return null;
    }
    return base64(value, 0, p1);
  }

  // --- helpers -----------------------------------------------------------------------------

  /**
   * Tornado's version detection: a leading decimal number without leading zeros followed by a pipe
   * is the version, unless it exceeds 999 (base64 payloads of version 1 can look like that).
   */
  private static int version(byte[] v) {
    int i = 0;
    while (i < v.length && i < 4 && v[i] >= '0' && v[i] <= '9') {
      i++;
    }
    if (i == 0 || i == 4 || v[0] == '0' || i >= v.length || v[i] != '|') {
      return 1;
    }
    return (int) parseDigits(v, 0, i, 3);
  }

  private static boolean fresh(long timestamp, double maxAgeDays, double now) {
    return timestamp >= now - maxAgeDays * 86_400 && timestamp <= now + FUTURE_TOLERANCE_SECONDS;
  }

  /** Parses ASCII digits in {@code [start, end)}; -1 if empty, too long or not all digits. */
  private static long parseDigits(byte[] v, int start, int end, int maxDigits) {
    if (end <= start || end - start > maxDigits) {
      return -1;
    }
    long n = 0;
    for (int i = start; i < end; i++) {
      byte b = v[i];
      if (b < '0' || b > '9') {
        return -1;
      }
      n = n * 10 + (b - '0');
    }
    return n;
  }

  private static byte[] base64(byte[] v, int start, int end) {
    try {
      return Base64.getDecoder().decode(Arrays.copyOfRange(v, start, end));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOf(byte[] v, byte b, int from) {
    for (int i = from; i < v.length; i++) {
      if (v[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static void writeField(ByteArrayOutputStream out, byte[] field) {
    out.writeBytes(Integer.toString(field.length).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(field);
    out.write('|');
  }

  /** Lowercase hex as ASCII bytes. */
  static byte[] hex(byte[] raw) {
    byte[] out = new byte[raw.length * 2];
    for (int i = 0; i < raw.length; i++) {
      out[2 * i] = HEX[(raw[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[raw[i] & 0xf];
    }
    return out;
  }
}
