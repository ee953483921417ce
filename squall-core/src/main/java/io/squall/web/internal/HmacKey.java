package io.squall.web.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key with cheap, thread-safe signing. {@link Mac} is neither thread-safe nor cheap to
 * create, so each platform thread keeps its own initialised instance; virtual threads (which are
 * short-lived, so a thread-local would be rebuilt every time) clone a never-used prototype instead.
 */
final class HmacKey {
  private final String algorithm;
  private final SecretKeySpec key;
  private final Mac prototype;
  private final ThreadLocal<Mac> perThread;

  /**
   * @param algorithm a JCA MAC name such as {@code HmacSHA256}
   * @param secret the key bytes; copied
   * @throws IllegalArgumentException if the secret is empty
   */
  HmacKey(String algorithm, byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("empty HMAC secret");
    }
    this.algorithm = algorithm;
    this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), algorithm);
    this.prototype = newMac();
    this.perThread = ThreadLocal.withInitial(this::newMac);
  }

  /** Returns the MAC of {@code data[offset, offset + length)}. */
  byte[] sign(byte[] data, int offset, int length) {
    Mac mac = Thread.currentThread().isVirtual() ? copy() : perThread.get();
    mac.update(data, offset, length);
    return mac.doFinal(); // doFinal also resets the Mac for the next use
  }

  private Mac copy() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return newMac();
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("cannot initialise " + algorithm, e);
    }
  }
}
