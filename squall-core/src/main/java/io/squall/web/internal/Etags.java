package io.squall.web.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Entity tags: computing them from a response body as Tornado does ({@code "} + SHA-1 hex + {@code
 * "}) and evaluating {@code If-None-Match} (RFC 9110 section 13.1.2).
 *
 * <p>Digest instances are kept per platform thread (the event loops), so computing a tag on every
 * response costs the hashing only; virtual threads use a cloned instance.
 */
public final class Etags {
  private static final MessageDigest PROTOTYPE = newSha1();
  private static final ThreadLocal<MessageDigest> PER_THREAD =
      ThreadLocal.withInitial(Etags::newSha1);

  private Etags() {}

  /** The strong tag of {@code body}: {@code "<sha1 hex>"}. */
  public static String strong(byte[] body) {
    return strong(body, 0, body.length);
  }

  /** The strong tag of {@code body[offset, offset + length)}. */
  public static String strong(byte[] body, int offset, int length) {
    MessageDigest d = digest();
    d.update(body, offset, length);
    return quote(d.digest(), false);
  }

  /**
   * The strong tag of the concatenated remaining bytes of {@code chunks} (e.g. a write buffer); the
   * buffers' positions are not changed.
   */
  public static String strong(Iterable<ByteBuffer> chunks) {
    return quote(hash(chunks), false);
  }

  /** The weak tag of {@code body}: {@code W/"<sha1 hex>"}. */
  public static String weak(byte[] body) {
    MessageDigest d = digest();
    d.update(body);
    return quote(d.digest(), true);
  }

  /** The weak tag of the concatenated remaining bytes of {@code chunks}. */
  public static String weak(Iterable<ByteBuffer> chunks) {
    return quote(hash(chunks), true);
  }

  /**
   * Whether an {@code If-None-Match} header matches the current {@code etag}, meaning a GET or HEAD
   * should be answered with 304. Uses the weak comparison RFC 9110 prescribes for this header
   * ({@code W/"x"} matches {@code "x"}); {@code *} matches any current representation; the header
   * may list several tags. Malformed members are skipped.
   *
   * @param header the header value, or null
   * @param etag the response's tag (strong or weak, quoted), or null if it has none
   */
  public static boolean ifNoneMatch(String header, String etag) {
    if (header == null || etag == null || etag.isEmpty()) {
      return false;
    }
    int tagStart = etag.startsWith("W/") ? 2 : 0;
    int tagLength = etag.length() - tagStart;
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == '*') {
        int j = skipSpaces(header, i + 1);
        if (j == n || header.charAt(j) == ',') {
          return true;
        }
        i = nextMember(header, i);
        continue;
      }
      int start = i;
      if (header.startsWith("W/", i)) {
        start = i + 2;
      }
      if (start < n && header.charAt(start) == '"') {
        int close = header.indexOf('"', start + 1);
        if (close < 0) {
          return false; // unterminated: nothing more to read
        }
        int length = close + 1 - start;
        if (length == tagLength && header.regionMatches(start, etag, tagStart, tagLength)) {
          return true;
        }
        i = close + 1;
        continue;
      }
      i = nextMember(header, i);
    }
    return false;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Index just past the next comma (outside a quoted tag) after {@code i}, or the end. */
  private static int nextMember(String s, int i) {
    int comma = s.indexOf(',', i);
    return comma < 0 ? s.length() : comma + 1;
  }

  private static byte[] hash(Iterable<ByteBuffer> chunks) {
    MessageDigest d = digest();
    for (ByteBuffer chunk : chunks) {
      d.update(chunk.duplicate());
    }
    return d.digest();
  }

  private static String quote(byte[] digest, boolean weak) {
    byte[] hex = SignedValues.hex(digest);
    StringBuilder b = new StringBuilder(hex.length + 4);
    if (weak) {
      b.append("W/");
    }
    return b.append('"').append(new String(hex, StandardCharsets.US_ASCII)).append('"').toString();
  }

  private static MessageDigest digest() {
    if (!Thread.currentThread().isVirtual()) {
      return PER_THREAD.get(); // digest() resets it after each use
    }
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha1();
    }
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-1
    }
  }
}
