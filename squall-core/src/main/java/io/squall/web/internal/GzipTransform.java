package io.squall.web.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.internal.HeaderValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip output transform (Tornado's {@code GZipContentEncoding}), active when the {@code
 * compressResponse} setting is on. Adds {@code Vary: Accept-Encoding} to every response; compresses
 * when the client accepts gzip, the type is compressible, and the body is at least {@link
 * #MIN_LENGTH} bytes (or streamed). Flushed pieces are sync-flushed so the client can decode them.
 */
public final class GzipTransform {
  /** Smaller finished bodies are sent as they are. */
  public static final int MIN_LENGTH = 1024;

  private boolean gzipping;
  private ByteArrayOutputStream bytes;
  private GZIPOutputStream gzip;

  private GzipTransform(boolean acceptsGzip) {
    this.gzipping = acceptsGzip;
  }

  /** A transform for a request with this {@code Accept-Encoding} header (may be null). */
  public static GzipTransform forRequest(String acceptEncoding) {
    return new GzipTransform(
        acceptEncoding != null && HeaderValues.containsIgnoringParams(acceptEncoding, "gzip"));
  }

  /** Transforms the headers and first piece of a response. */
  public byte[] transformFirstChunk(
      int status, HttpHeaders headers, byte[] chunk, boolean finishing) {
    String vary = headers.get("Vary");
    headers.set("Vary", vary == null ? "Accept-Encoding" : vary + ", Accept-Encoding");
    if (gzipping) {
      String ctype = headers.get("Content-Type", "");
      int semi = ctype.indexOf(';');
      ctype = (semi >= 0 ? ctype.substring(0, semi) : ctype).trim();
      gzipping =
          status != 204
              && status != 304
              && ContentTypes.isCompressible(ctype)
              && (!finishing || chunk.length >= MIN_LENGTH)
              && !headers.contains("Content-Encoding");
    }
    if (!gzipping) {
      return chunk;
    }
    headers.set("Content-Encoding", "gzip");
    bytes = new ByteArrayOutputStream(Math.max(64, chunk.length / 3));
    try {
      gzip = new GZIPOutputStream(bytes, 8192, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] out = transformChunk(chunk, finishing);
    if (finishing) {
      headers.set("Content-Length", Integer.toString(out.length));
    } else {
      headers.remove("Content-Length");
    }
    return out;
  }

  /** Transforms a later piece of the body. */
  public byte[] transformChunk(byte[] chunk, boolean finishing) {
    if (!gzipping) {
      return chunk;
    }
    try {
      gzip.write(chunk);
      if (finishing) {
        gzip.close();
      } else {
        gzip.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] out = bytes.toByteArray();
    bytes.reset();
    return out;
  }
}
