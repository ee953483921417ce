package io.squall.http.internal;

import io.squall.http.HttpInputException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip request body as it arrives, piece by piece, for servers with {@code
 * decompressRequest} on (Tornado's {@code _GzipMessageDelegate}). The inflated size counts against
 * the body limit, so a small compressed body cannot expand past it; a corrupt stream is a 400. The
 * HTTP client inflates gzip responses with it too (its messages then say "response body").
 */
public final class GzipBodyDecoder {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] out;
  private long produced;
  private byte[] header = new byte[0];
  private boolean headerDone;
  private byte[] trailer = new byte[0];
  private final String what;

  /** A decoder for request bodies that hands out inflated pieces of at most {@code chunkSize}. */
  public GzipBodyDecoder(int chunkSize) {
    this(chunkSize, "request body");
  }

  /** A decoder whose error messages name the body {@code what} (e.g. "response body"). */
  public GzipBodyDecoder(int chunkSize, String what) {
    this.out = new byte[chunkSize];
    this.what = what;
  }

  /** Inflates {@code in}, handing each inflated piece to {@code sink} (valid during the call). */
  public void feed(ByteBuffer in, long limit, Consumer<ByteBuffer> sink) {
    while (in.hasRemaining()) {
      if (!headerDone) {
        header = append(header, in);
        int len = headerLength(header);
        if (len < 0) {
          continue; // need more header bytes
        }
        // give back what followed the header
        int extra = header.length - len;
        in.position(in.position() - extra);
        headerDone = true;
        continue;
      }
      if (inflater.finished()) {
        trailer = append(trailer, in);
        if (trailer.length > 8) {
          throw new HttpInputException(400, "data after the end of the gzip " + what);
        }
        continue;
      }
      int before = in.position();
      inflater.setInput(in); // the inflater advances in's position as it consumes
      try {
        while (true) {
          int got = inflater.inflate(out);
          if (got > 0) {
            produced += got;
            if (produced > limit) {
              throw new HttpInputException(
                  413, "inflated " + what + " is over the limit of " + limit + " bytes");
            }
            crc.update(out, 0, got);
            sink.accept(ByteBuffer.wrap(out, 0, got));
          }
          if (inflater.finished()
              || inflater.needsInput()
              || (got == 0 && inflater.needsDictionary())) {
            break;
          }
        }
      } catch (DataFormatException e) {
        throw new HttpInputException(400, "corrupt gzip " + what + ": " + e.getMessage());
      }
      if (in.position() == before && !inflater.finished()) {
        break; // nothing consumed; wait for more
      }
    }
  }

  /** Checks the end of the stream; call when the request body is complete. */
  public void finish() {
    if (!headerDone || !inflater.finished() || trailer.length != 8) {
      throw new HttpInputException(400, "gzip " + what + " is truncated");
    }
    long expectCrc =
        (trailer[0] & 0xffL)
            | (trailer[1] & 0xffL) << 8
            | (trailer[2] & 0xffL) << 16
            | (trailer[3] & 0xffL) << 24;
    if (expectCrc != crc.getValue()) {
      throw new HttpInputException(400, "gzip " + what + " fails its CRC check");
    }
  }

  public void close() {
    inflater.end();
  }

  private static byte[] append(byte[] a, ByteBuffer in) {
    int n = Math.min(in.remaining(), 1024);
    byte[] r = java.util.Arrays.copyOf(a, a.length + n);
    in.get(r, a.length, n);
    return r;
  }

  /** The header's length when {@code h} holds all of it, -1 when more is needed. */
  private int headerLength(byte[] h) {
    if (h.length < 10) {
      return -1;
    }
    if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
      throw new HttpInputException(400, what + " is not gzip data");
    }
    int flags = h[3] & 0xff;
    int pos = 10;
    if ((flags & FEXTRA) != 0) {
      if (h.length < pos + 2) {
        return -1;
      }
      pos += 2 + ((h[pos] & 0xff) | (h[pos + 1] & 0xff) << 8);
    }
    for (int flag : new int[] {FNAME, FCOMMENT}) {
      if ((flags & flag) != 0) {
        while (pos < h.length && h[pos] != 0) {
          pos++;
        }
        if (pos >= h.length) {
          if (h.length > 64 * 1024) {
            throw new HttpInputException(400, "gzip header is too long");
          }
          return -1;
        }
        pos++;
      }
    }
    if ((flags & FHCRC) != 0) {
      pos += 2;
    }
    return h.length >= pos ? pos : -1;
  }
}
