package io.squall.web.internal;

import io.squall.escape.Escape;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Tornado's XSRF tokens: a random token kept in the {@code _xsrf} cookie and echoed back in forms
 * or the {@code X-XSRFToken} header.
 *
 * <p>The encoded form written today is version 2, {@code 2|<mask>|<masked token>|<timestamp>}: the
 * token XOR-ed with a fresh random 4-byte mask (both hex), and the creation time in seconds. The
 * mask changes on every encoding, so the bytes in a compressed page change per response and
 * compression side channels (BREACH) cannot recover the token. Comparison is always between the
 * unmasked tokens.
 *
 * <p>{@link #decode} also reads what older Tornado versions wrote: version 1, the token as bare
 * hex; and the legacy unversioned form, where any other string is itself the token (limited here to
 * visible ASCII and {@value #MAX_ENCODED_LENGTH} characters).
 *
 * <p>All methods are thread-safe.
 */
public final class XsrfTokens {
  /** Length of a newly made token, in bytes. */
  public static final int TOKEN_BYTES = 16;

  /** Longer encoded values are refused as junk. */
  public static final int MAX_ENCODED_LENGTH = 512;

  private static final int MASK_BYTES = 4;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private XsrfTokens() {}

  /**
   * A decoded token.
   *
   * @param version 2, 1 (bare hex) or 0 (legacy: the string itself is the token)
   * @param token the raw token bytes (not copied: do not modify)
   * @param timestamp creation time in epoch seconds; for versions 0 and 1, which carry none, the
   *     time of decoding
   */
  public record Decoded(int version, byte[] token, long timestamp) {}

  /** A new random token of {@link #TOKEN_BYTES} bytes. */
  public static byte[] newToken() {
    byte[] token = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(token);
    return token;
  }

  /**
   * Encodes {@code token} as version 2 with a fresh random mask.
   *
   * @throws IllegalArgumentException if the token is empty or the timestamp negative
   */
  public static String encode(byte[] token, long timestampSeconds) {
    byte[] mask = new byte[MASK_BYTES];
    RANDOM.nextBytes(mask);
    return encode(token, timestampSeconds, mask);
  }

  /** Version 2 with a given mask (for tests). */
  static String encode(byte[] token, long timestampSeconds, byte[] mask) {
    if (token.length == 0) {
      throw new IllegalArgumentException("empty xsrf token");
    }
    if (timestampSeconds < 0) {
      throw new IllegalArgumentException("negative timestamp " + timestampSeconds);
    }
    return "2|"
        + HEX.formatHex(mask)
        + "|"
        + HEX.formatHex(xor(token, mask))
        + "|"
        + timestampSeconds;
  }

  /** Encodes {@code token} as version 1 (bare hex, unmasked), for applications that ask for it. */
  public static String encodeV1(byte[] token) {
    if (token.length == 0) {
      throw new IllegalArgumentException("empty xsrf token");
    }
    return HEX.formatHex(token);
  }

  /** Decodes with the system clock; see {@link #decode(String, InstantSource)}. */
  public static Decoded decode(String value) {
    return decode(value, InstantSource.system());
  }

  /**
   * Decodes a cookie, form or header value.
   *
   * @param clock gives the timestamp of versions that carry none
   * @return the token, or null for junk: empty or over-long input, an unknown or malformed version,
   *     bad hex, a mask that is not 4 bytes, an empty token, a bad timestamp
   */
  public static Decoded decode(String value, InstantSource clock) {
    if (value == null || value.isEmpty() || value.length() > MAX_ENCODED_LENGTH) {
      return null;
    }
    int version = leadingVersion(value);
    if (version == 2) {
      return decodeV2(value);
    }
    if (version > 0) {
      return null; // a version we do not know: treat as absent, as Tornado does
    }
    long now = Math.floorDiv(clock.millis(), 1000L);
    if (isHex(value)) {
      return new Decoded(1, HEX.parseHex(value), now);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
    }
    return new Decoded(0, value.getBytes(StandardCharsets.US_ASCII), now);
  }

  /**
   * Whether two raw tokens are equal, in time independent of where they differ. Null or empty
   * tokens never match.
   */
  public static boolean matches(byte[] a, byte[] b) {
    if (a == null || b == null || a.length == 0 || b.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(a, b);
  }

  /**
   * The hidden form field carrying the token (Tornado's {@code xsrf_form_html}): {@code <input
   * type="hidden" name="_xsrf" value="...">} with the value HTML-escaped.
   */
  public static String formHtml(String encodedToken) {
    return "<input type=\"hidden\" name=\"_xsrf\" value=\""
        + Escape.xhtmlEscape(encodedToken)
        + "\">";
  }

  private static Decoded decodeV2(String value) {
    // 2|mask|masked|timestamp
    int p1 = value.indexOf('|');
    int p2 = value.indexOf('|', p1 + 1);
    int p3 = p2 < 0 ? -1 : value.indexOf('|', p2 + 1);
    if (p3 < 0 || value.indexOf('|', p3 + 1) >= 0) {
      return null;
    }
    String maskHex = value.substring(p1 + 1, p2);
    String maskedHex = value.substring(p2 + 1, p3);
    String ts = value.substring(p3 + 1);
    if (maskHex.length() != 2 * MASK_BYTES
        || !isHex(maskHex)
        || !isHex(maskedHex)
        || ts.isEmpty()
        || ts.length() > 18) {
      return null;
    }
    long timestamp = 0;
    for (int i = 0; i < ts.length(); i++) {
      char c = ts.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      timestamp = timestamp * 10 + (c - '0');
    }
    byte[] token = xor(HEX.parseHex(maskedHex), HEX.parseHex(maskHex));
    return new Decoded(2, token, timestamp);
  }

  /** Tornado's version prefix: digits without a leading zero, then a pipe; 0 if none. */
  private static int leadingVersion(String v) {
    int i = 0;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    if (i == 0 || v.charAt(0) == '0' || i >= v.length() || v.charAt(i) != '|') {
      return 0;
    }
    return i > 4 ? Integer.MAX_VALUE : Integer.parseInt(v, 0, i, 10);
  }

  /** Non-empty, even length, hex digits only (either case). */
  private static boolean isHex(String s) {
    if (s.isEmpty() || (s.length() & 1) != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!HexFormat.isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] xor(byte[] data, byte[] mask) {
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (byte) (data[i] ^ mask[i % MASK_BYTES]);
    }
    return out;
  }
}
