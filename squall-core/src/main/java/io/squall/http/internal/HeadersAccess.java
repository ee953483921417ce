package io.squall.http.internal;

import io.squall.http.HttpHeaders;

/**
 * A back door from the parser to {@link HttpHeaders}: adds a field the parser has already validated
 * byte by byte, without validating it a second time.
 *
 * <p>{@code HttpHeaders} installs the accessor when its class initialises; the setter refuses a
 * second installation. This package is not exported, so code outside the module cannot reach it.
 */
public final class HeadersAccess {
  /** Operations on {@link HttpHeaders} that skip validation. */
  public interface Accessor {
    /** Appends a field whose name and value are known to be valid. */
    void addTrusted(HttpHeaders headers, String name, String value);
  }

  private static volatile Accessor accessor;

  private HeadersAccess() {}

  /** Installs the accessor; called once by {@code HttpHeaders}. */
  public static void install(Accessor a) {
    synchronized (HeadersAccess.class) {
      if (accessor != null) {
        throw new IllegalStateException("already installed");
      }
      accessor = a;
    }
  }

  static Accessor get() {
    Accessor a = accessor;
    if (a == null) {
      HttpHeaders.empty(); // initialises HttpHeaders, which installs the accessor
      a = accessor;
    }
    return a;
  }
}
