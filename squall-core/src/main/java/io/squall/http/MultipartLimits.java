package io.squall.http;

/**
 * Limits on {@code multipart/form-data} bodies (Tornado's {@code ParseMultipartConfig}), against
 * bodies built to waste CPU and memory.
 *
 * @param maxParts the most parts a body may have (default 100)
 * @param maxPartHeaderSize the most bytes the header block of one part may take (default 10 KiB)
 */
public record MultipartLimits(int maxParts, int maxPartHeaderSize) {
  /** The defaults: 100 parts, 10 KiB of headers per part. */
  public static final MultipartLimits DEFAULT = new MultipartLimits(100, 10 * 1024);

  /** Checks the limits are not negative. */
  public MultipartLimits {
    if (maxParts < 0 || maxPartHeaderSize < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }
}
