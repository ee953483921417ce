package io.squall.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.squall.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input: the parser only ever answers with a {@link HttpParseException} of a
 * known status, never another exception, and never stops making progress.
 */
class Http1RequestParserFuzzTest {
  private static final Set<Integer> STATUSES = Set.of(400, 414, 431, 501, 505);

  private static final String[] SEEDS = {
    "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
    "POST /p?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
    "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;a=\"b\"\r\nwiki\r\n0\r\nT: v\r\n\r\n",
    "GET / HTTP/1.0\nConnection: keep-alive\n\nGET /2 HTTP/1.1\r\nHost: x:80\r\n\r\n",
  };

  private static final String[] TOKENS = {
    "\r\n",
    "\n",
    "\r",
    " ",
    "\t",
    ":",
    ";",
    ",",
    "=",
    "\"",
    "\\",
    "GET",
    "POST",
    "/",
    "HTTP/1.1",
    "HTTP/1.0",
    "Host",
    "Content-Length",
    "Transfer-Encoding",
    "chunked",
    "0",
    "5",
    "ff",
    "-",
    "\u0000",
    "\u007f",
    "\u00ff",
    "a",
    "100-continue",
    "Expect"
  };

  /** Discards everything; the fuzz test only cares that the parser behaves. */
  private static final Http1RequestParser.Listener SINK =
      new Http1RequestParser.Listener() {
        @Override
        public void onHead(RequestHead head) {}

        @Override
        public void onBodyChunk(ByteBuffer chunk) {
          assertThat(chunk.hasRemaining()).isTrue();
        }

        @Override
        public void onMessageComplete(HttpHeaders trailers) {}
      };

  @Test
  void onlyTypedErrorsAndAlwaysProgress() {
    Random rnd = new Random(20240611L);
    ParserLimits small = new ParserLimits(2048, 512, 64, 32);
    int errors = 0;
    int messages = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] input = generate(rnd);
      Http1RequestParser p = new Http1RequestParser(n % 2 == 0 ? small : ParserLimits.DEFAULT);
      try {
        messages += feedInRandomPieces(p, input, rnd);
      } catch (HttpParseException e) {
        errors++;
        assertThat(STATUSES).as("status of %s", e.getMessage()).contains(e.status());
        assertThat(e.getMessage()).isNotBlank();
        assertThat(p.state()).isEqualTo(Http1RequestParser.State.FAILED);
      } catch (RuntimeException | Error e) {
        throw new AssertionError("input #" + n + ": " + printable(input), e);
      }
    }
    // The generator must exercise both outcomes, or the test proves little.
    assertThat(errors).isGreaterThan(2_000);
    assertThat(messages).isGreaterThan(500);
  }

  private static int feedInRandomPieces(Http1RequestParser p, byte[] input, Random rnd) {
    int done = 0;
    int pos = 0;
    while (pos < input.length) {
      int len = Math.min(input.length - pos, 1 + rnd.nextInt(64));
      ByteBuffer piece = ByteBuffer.wrap(input, pos, len).slice();
      pos += len;
      for (int guard = 0; ; guard++) {
        if (guard > 100_000) {
          fail("parser loops");
        }
        Http1RequestParser.State before = p.state();
        int consumed = p.feed(piece, SINK);
        Http1RequestParser.State after = p.state();
        if (after == Http1RequestParser.State.MESSAGE_COMPLETE) {
          done++;
          p.reset();
        } else if (after != Http1RequestParser.State.HEAD_COMPLETE) {
          if (!piece.hasRemaining()) {
            break;
          }
          if (consumed == 0 && before == after) {
            fail("no progress in " + after);
          }
        }
      }
    }
    return done;
  }

  private static byte[] generate(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0 -> { // pure noise
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        return b;
      }
      case 1 -> { // a token soup
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
          sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
      }
      default -> { // a valid request, mutated a little
        byte[] b = SEEDS[rnd.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1);
        int edits = rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
          b = mutate(b, rnd);
        }
        return b;
      }
    }
  }

  private static byte[] mutate(byte[] b, Random rnd) {
    if (b.length == 0) {
      return b;
    }
    int at = rnd.nextInt(b.length);
    switch (rnd.nextInt(4)) {
      case 0 -> {
        byte[] c = b.clone();
        c[at] = (byte) rnd.nextInt(256);
        return c;
      }
      case 1 -> { // delete
        byte[] c = new byte[b.length - 1];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
        return c;
      }
      case 2 -> { // insert a token
        byte[] t = TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.ISO_8859_1);
        byte[] c = new byte[b.length + t.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(t, 0, c, at, t.length);
        System.arraycopy(b, at, c, at + t.length, b.length - at);
        return c;
      }
      default -> { // duplicate a slice
        int len = Math.min(b.length - at, rnd.nextInt(20));
        byte[] c = new byte[b.length + len];
        System.arraycopy(b, 0, c, 0, at + len);
        System.arraycopy(b, at, c, at + len, b.length - at);
        return c;
      }
    }
  }

  private static String printable(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return sb.toString();
  }
}
