package io.squall.web.internal;

/** The {@code SameSite} attribute of a cookie. */
public enum SameSite {
  /** Sent only with same-site requests. */
  STRICT("Strict"),
  /** Sent with same-site requests and top-level cross-site navigations (browsers' default). */
  LAX("Lax"),
  /** Sent with all requests; browsers require the cookie to be {@code Secure} as well. */
  NONE("None");

  private final String attributeValue;

  SameSite(String attributeValue) {
    this.attributeValue = attributeValue;
  }

  /** The value as written in {@code Set-Cookie}: {@code Strict}, {@code Lax} or {@code None}. */
  public String attributeValue() {
    return attributeValue;
  }

  /**
   * The value named {@code v}, ignoring case.
   *
   * @throws IllegalArgumentException for anything but Strict, Lax or None
   */
  public static SameSite of(String v) {
    for (SameSite s : values()) {
      if (s.attributeValue.equalsIgnoreCase(v)) {
        return s;
      }
    }
    throw new IllegalArgumentException("SameSite must be Strict, Lax or None: " + v);
  }
}
