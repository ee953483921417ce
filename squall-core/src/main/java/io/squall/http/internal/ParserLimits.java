package io.squall.http.internal;

/**
 * Size limits of {@link Http1RequestParser}. Body size is not among them: the connection compares
 * {@link RequestHead#contentLength()} (or the running total of a chunked body) with its own
 * maximum.
 *
 * @param maxHeaderSize the most bytes the head may take: request line, header lines and the empty
 *     line, terminators included (over it: 431). The trailer section of a chunked body has the same
 *     budget of its own.
 * @param maxRequestLineLength the most bytes of the request line, terminator excluded (over it:
 *     414, since the target is the part that grows)
 * @param maxChunkLineLength the most bytes of a chunk-size line with its extensions, terminator
 *     excluded (over it: 400)
 * @param maxHeaderCount the most header fields (and, separately, trailer fields) (over it: 431)
 */
public record ParserLimits(
    int maxHeaderSize, int maxRequestLineLength, int maxChunkLineLength, int maxHeaderCount) {
  /** 64 KiB head, 8 KiB request line, 4 KiB chunk-size line, 256 fields. */
  public static final ParserLimits DEFAULT = new ParserLimits(64 * 1024, 8 * 1024, 4 * 1024, 256);

  /** Checks every limit is positive. */
  public ParserLimits {
    if (maxHeaderSize <= 0
        || maxRequestLineLength <= 0
        || maxChunkLineLength <= 0
        || maxHeaderCount <= 0) {
      throw new IllegalArgumentException("parser limits must be positive");
    }
  }

  /** A copy with another {@link #maxHeaderSize()}. */
  public ParserLimits withMaxHeaderSize(int bytes) {
    return new ParserLimits(bytes, maxRequestLineLength, maxChunkLineLength, maxHeaderCount);
  }

  /** A copy with another {@link #maxRequestLineLength()}. */
  public ParserLimits withMaxRequestLineLength(int bytes) {
    return new ParserLimits(maxHeaderSize, bytes, maxChunkLineLength, maxHeaderCount);
  }

  /** A copy with another {@link #maxChunkLineLength()}. */
  public ParserLimits withMaxChunkLineLength(int bytes) {
    return new ParserLimits(maxHeaderSize, maxRequestLineLength, bytes, maxHeaderCount);
  }

  /** A copy with another {@link #maxHeaderCount()}. */
  public ParserLimits withMaxHeaderCount(int count) {
    return new ParserLimits(maxHeaderSize, maxRequestLineLength, maxChunkLineLength, count);
  }
}
