package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServerOptions;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.testing.TestServerOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A {@code maxBodySize} over 2 GiB, end to end: a streaming handler receives a body past {@code
 * Integer.MAX_VALUE} bytes and counts every one; a buffered handler, which would need one array
 * larger than the JVM allows, refuses such a body with 413 from its head instead of failing half
 * way.
 */
@SquallTest
class BodiesPast2GiBTest {
  private static final long LIMIT = 6L << 30;
  private static final long PAST_2GIB = (2L << 30) + (256L << 20) + 7; // 2.25 GiB and 7 bytes

  /** Counts the body and the sum of its bytes, keeping nothing. */
  @StreamRequestBody
  public static class Counter extends RequestHandler {
    private long total;
    private long sum;

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      total += chunk.remaining();
      while (chunk.hasRemaining()) {
        sum += chunk.get() & 0xff;
      }
      return null;
    }

    public void put() {
      write(total + " " + sum);
    }
  }

  /** Reads its body as a whole. */
  public static class Buffered extends RequestHandler {
    public void put() {
      write("buffered " + request().body().length);
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/count", Counter::new)
        .route("/buffer", Buffered::new)
        .build();
  }

  @TestServerOptions
  HttpServerOptions options() {
    return HttpServerOptions.builder().maxBodySize(LIMIT).build();
  }

  private static String head(String path, long length) {
    return "PUT "
        + path
        + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  @Test
  void aStreamingHandlerCountsEveryByteOfABodyPast2GiB(SquallClient client) throws Exception {
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) (i * 31 + 7);
    }
    long chunkSum = 0;
    for (byte b : chunk) {
      chunkSum += b & 0xff;
    }
    long expectedSum = 0;
    try (Socket s = new Socket("127.0.0.1", client.port())) {
      s.setSoTimeout(120_000);
      OutputStream out = s.getOutputStream();
      out.write(head("/count", PAST_2GIB).getBytes(StandardCharsets.US_ASCII));
      long sent = 0;
      while (sent < PAST_2GIB) {
        int n = (int) Math.min(chunk.length, PAST_2GIB - sent);
        out.write(chunk, 0, n);
        if (n == chunk.length) {
          expectedSum += chunkSum;
        } else {
          for (int i = 0; i < n; i++) {
            expectedSum += chunk[i] & 0xff;
          }
        }
        sent += n;
      }
      out.flush();
      String response = readAll(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 200 ");
      assertThat(response).endsWith("\r\n\r\n" + PAST_2GIB + " " + expectedSum);
    }
  }

  @Test
  void aBufferedHandlerRefusesABodyPast2GiBFromItsHead(SquallClient client) throws Exception {
    try (Socket s = new Socket("127.0.0.1", client.port())) {
      s.setSoTimeout(30_000);
      // the head only: the answer must not wait for 2.25 GiB that a buffer could never hold
      s.getOutputStream().write(head("/buffer", PAST_2GIB).getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String response = readAll(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413 ");
      assertThat(response).contains("cannot be buffered", "@StreamRequestBody");
    }
    // a buffered body under the array limit is still read whole
    assertThat(
            client
                .fetch("/buffer", io.squall.testing.FetchOptions.method("PUT", new byte[5000]))
                .text())
        .isEqualTo("buffered 5000");
  }

  private static String readAll(InputStream in) throws java.io.IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
