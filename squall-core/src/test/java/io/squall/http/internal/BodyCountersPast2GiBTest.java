package io.squall.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Body sizes are counted in {@code long}: a {@code maxBodySize} over 2 GiB works, and a body that
 * crosses 2 GiB is counted, parsed and limited correctly. The bodies here are one 1 MiB array fed
 * over and over, so nothing of 3 GiB is ever held.
 */
class BodyCountersPast2GiBTest {
  private static final long GIB = 1L << 30;
  private static final int MIB = 1 << 20;

  private static RequestHead head(long contentLength) throws Exception {
    RequestHead[] got = new RequestHead[1];
    Http1RequestParser parser = new Http1RequestParser(ParserLimits.DEFAULT);
    parser.feed(
        ByteBuffer.wrap(
            ("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)),
        new Http1RequestParser.Listener() {
          @Override
          public void onHead(RequestHead h) {
            got[0] = h;
          }

          @Override
          public void onBodyChunk(ByteBuffer chunk) {}

          @Override
          public void onMessageComplete(HttpHeaders trailers) {}
        });
    return got[0];
  }

  @Test
  void theLimitAndTheCountOfReceivedBytesPass2GiB() throws Exception {
    BodyIntake intake = new BodyIntake(HttpServerOptions.builder().maxBodySize(3 * GIB).build());
    intake.start(head(3 * GIB));
    assertThat(intake.declaredOverLimit()).isNull();
    ByteBuffer piece = ByteBuffer.allocate(MIB); // receive() only counts: reuse one buffer
    for (long got = 0; got < 3 * GIB; got += MIB) {
      assertThat(intake.receive(piece)).as("refused after %d bytes", got).isNull();
    }
    assertThat(intake.receive(piece)).contains("over the limit of " + 3 * GIB + " bytes");

    intake.reset();
    intake.start(head(4 * GIB));
    assertThat(intake.declaredOverLimit())
        .isEqualTo("Content-Length " + 4 * GIB + " is over the limit of " + 3 * GIB + " bytes");
  }

  @Test
  void theParserDeliversABodyOf3GiBAndEndsItAtTheRightByte() throws Exception {
    long length = 3 * GIB + 5;
    long[] delivered = new long[1];
    boolean[] complete = new boolean[1];
    Http1RequestParser parser = new Http1RequestParser(ParserLimits.DEFAULT);
    Http1RequestParser.Listener l =
        new Http1RequestParser.Listener() {
          @Override
          public void onHead(RequestHead h) {
            assertThat(h.contentLength()).isEqualTo(length);
          }

          @Override
          public void onBodyChunk(ByteBuffer chunk) {
            delivered[0] += chunk.remaining();
          }

          @Override
          public void onMessageComplete(HttpHeaders trailers) {
            complete[0] = true;
          }
        };
    parser.feed(
        ByteBuffer.wrap(
            ("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)),
        l);
    byte[] piece = new byte[MIB];
    while (!complete[0]) {
      ByteBuffer b = ByteBuffer.wrap(piece);
      parser.feed(b, l);
      if (complete[0]) {
        // the message ended inside this piece: the rest is the next request's bytes
        assertThat(b.position()).isEqualTo(5);
      }
    }
    assertThat(delivered[0]).isEqualTo(length);
  }
}
