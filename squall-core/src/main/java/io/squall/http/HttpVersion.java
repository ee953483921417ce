package io.squall.http;

import java.nio.charset.StandardCharsets;

/**
 * The HTTP/1.x protocol versions the server speaks.
 *
 * <p>A request that announces {@code HTTP/1.x} with x above 1 is treated as {@link #HTTP_1_1}, as
 * RFC 9110 section 2.5 asks (the highest minor version we implement); other major versions are
 * refused with 505.
 */
public enum HttpVersion {
  /** HTTP/1.0: no Host requirement, no chunked bodies, connections close unless kept alive. */
  HTTP_1_0("HTTP/1.0"),
  /** HTTP/1.1. */
  HTTP_1_1("HTTP/1.1");

  private final String text;
  private final byte[] bytes;

  HttpVersion(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The protocol string as written on the wire, e.g. {@code "HTTP/1.1"}. */
  public String text() {
    return text;
  }

  /** The protocol string as ASCII bytes; a fresh copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Same as {@link #text()}. */
  @Override
  public String toString() {
    return text;
  }
}
