package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that sends a body faster than the handler takes it, so that every read finds bytes
 * waiting. Each such read used to call the parser again from inside the previous one: the loop's
 * stack grew by one parse per 64 KiB chunk until it overflowed, inside a future's callback where
 * the error was lost, and the upload stalled for ever with the connection reading nothing (seen as
 * a hang of the hub's 1200 MiB upload test, one run in five). The reader now goes on in a loop, and
 * hands the loop back to other connections every MiB.
 */
@SquallTest
class FastUploadTest {
  private static final long SIZE = 256L << 20;
  static final AtomicInteger deepest = new AtomicInteger();
  static final AtomicInteger shallowest = new AtomicInteger(Integer.MAX_VALUE);
  static final CompletableFuture<Void> started = new CompletableFuture<>();

  /** Records how deep the loop's stack is at each piece; slow enough to keep the socket full. */
  @StreamRequestBody
  public static class DepthRecorder extends RequestHandler {
    private long total;

    public void prepare() {
      setMaxBodySize(SIZE);
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      total += chunk.remaining();
      int depth = Thread.currentThread().getStackTrace().length;
      deepest.accumulateAndGet(depth, Math::max);
      shallowest.accumulateAndGet(depth, Math::min);
      if (total > (8 << 20)) {
        started.complete(null);
      }
      return null;
    }

    public void put() {
      write(Long.toString(total));
    }
  }

  /** A small answer from the same loop. */
  public static class Hello extends RequestHandler {
    public void get() {
      write("hello");
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/upload", DepthRecorder::new)
        .route("/hello", Hello::new)
        .build();
  }

  @Test
  void readsThatFindBytesWaitingNeitherDeepenTheStackNorStarveOtherConnections(SquallClient client)
      throws Exception {
    deepest.set(0);
    shallowest.set(Integer.MAX_VALUE);
    CompletableFuture<String> upload = CompletableFuture.supplyAsync(() -> send(client.port()));
    started.get(60, TimeUnit.SECONDS);
    // while the upload keeps the loop busy, another connection on the same loop is answered
    for (int i = 0; i < 5; i++) {
      assertThat(client.fetch("/hello").text()).isEqualTo("hello");
    }
    String response = upload.get(120, TimeUnit.SECONDS);
    assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n" + SIZE);
    // one frame per chunk would be thousands here; going on in a loop keeps it flat
    assertThat(deepest.get() - shallowest.get()).isLessThan(40);
  }

  private static String send(int port) {
    byte[] chunk = new byte[1 << 20];
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(120_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /upload HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: "
                  + SIZE
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (long sent = 0; sent < SIZE; sent += chunk.length) {
        out.write(chunk);
      }
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
