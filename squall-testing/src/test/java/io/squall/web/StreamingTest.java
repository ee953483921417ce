package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServerOptions;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.testing.TestServerOptions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * @StreamRequestBody: bodies handed over in pieces, with limits and back-pressure.
 */
@SquallTest
class StreamingTest {
  static final int LIMIT = 1024 * 1024;
  static final int CHUNK = 64 * 1024;

  private final List<String> events = new CopyOnWriteArrayList<>();

  /** Counts and checksums the pieces; never keeps one. */
  @StreamRequestBody
  public static class Receiver extends RequestHandler {
    private final CRC32 crc = new CRC32();
    private long total;
    private int calls;
    private int largest;

    public void prepare() {
      // a big upload endpoint raises the server's limit for itself, as in Tornado
      request().connection().setMaxBodySize(128L * 1024 * 1024);
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      calls++;
      largest = Math.max(largest, chunk.remaining());
      total += chunk.remaining();
      crc.update(chunk);
      return null;
    }

    public void put() {
      write(calls + " " + largest + " " + total + " " + Long.toHexString(crc.getValue()));
    }

    public void post() {
      put();
    }
  }

  /** Streams without raising the limit. */
  @StreamRequestBody
  public static class Limited extends RequestHandler {
    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      return null;
    }

    public void put() {
      write("accepted");
    }
  }

  /** Accepts only small bodies. */
  @StreamRequestBody
  public static class Lowered extends RequestHandler {
    public void prepare() {
      setMaxBodySize(100);
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      return null;
    }

    public void put() {
      write("small enough");
    }
  }

  /** Records the order of calls; holds each piece back a little (back-pressure). */
  @StreamRequestBody
  public class Ordered extends RequestHandler {
    public void prepare() {
      events.add("prepare");
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      events.add("data " + chunk.remaining());
      CompletableFuture<Void> later = new CompletableFuture<>();
      loop().addCallback(() -> later.complete(null));
      return later;
    }

    public void post() {
      events.add("post");
      write("body()=" + request().body().length);
    }
  }

  /** Raises the limit in an asynchronous prepare: no data may arrive before it completes. */
  @StreamRequestBody
  public class AsyncPrepare extends RequestHandler {
    public CompletableFuture<Void> prepare() {
      events.add("prepare start");
      return loop()
          .runInExecutor(() -> 8L * LIMIT)
          .thenAccept(
              limit -> {
                setMaxBodySize(limit);
                events.add("prepare done");
              });
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      if (!events.contains("data")) {
        events.add("data");
      }
      return null;
    }

    public void put() {
      events.add("put");
      write("ok");
    }
  }

  /** Refuses the upload in prepare, before any of the body is read. */
  @StreamRequestBody
  public class EarlyReturn extends RequestHandler {
    public void prepare() {
      throw new HttpError(401);
    }

    @Override
    public CompletionStage<?> dataReceived(ByteBuffer chunk) {
      events.add("data");
      return null;
    }

    public void put() {
      events.add("put");
    }
  }

  /** A buffered (non-streaming) handler, for the limit. */
  public static class Buffered extends RequestHandler {
    public void put() {
      write("got " + request().body().length);
    }
  }

  @TestServerOptions
  HttpServerOptions options() {
    return HttpServerOptions.builder().maxBodySize(LIMIT).chunkSize(CHUNK).build();
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/receive", Receiver::new)
        .route("/limited", Limited::new)
        .route("/ordered", Ordered::new)
        .route("/buffered", Buffered::new)
        .route("/async-prepare", AsyncPrepare::new)
        .route("/early", EarlyReturn::new)
        .route("/lowered", Lowered::new)
        .build();
  }

  @Test
  void bigBodyArrivesInPiecesAndPutRunsAfterTheLast(SquallClient client) {
    byte[] body = new byte[64 * 1024 * 1024];
    new Random(42).nextBytes(body);
    CRC32 crc = new CRC32();
    crc.update(body);
    FetchResponse r = client.fetch("/receive", FetchOptions.method("PUT", body));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    String[] parts = r.text().split(" ");
    int calls = Integer.parseInt(parts[0]);
    int largest = Integer.parseInt(parts[1]);
    assertThat(calls).isGreaterThan(1);
    assertThat(largest).isLessThanOrEqualTo(CHUNK);
    assertThat(Long.parseLong(parts[2])).isEqualTo(body.length);
    assertThat(parts[3]).isEqualTo(Long.toHexString(crc.getValue()));
  }

  @Test
  void chunkedRequestBodyIsStreamedToo(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("POST /receive HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      raw.send("5\r\nhello\r\n");
      raw.send("6\r\n world\r\n0\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(200);
      CRC32 crc = new CRC32();
      crc.update("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(r.text()).endsWith(" 11 " + Long.toHexString(crc.getValue()));
    }
  }

  @Test
  void prepareBeforeDataThenVerbAfterAll(SquallClient client) {
    byte[] body = new byte[3 * CHUNK];
    FetchResponse r = client.fetch("/ordered", FetchOptions.post().body(body));
    assertThat(r.text()).isEqualTo("body()=0");
    assertThat(events.get(0)).isEqualTo("prepare");
    assertThat(events.get(events.size() - 1)).isEqualTo("post");
    long received =
        events.stream()
            .filter(e -> e.startsWith("data "))
            .mapToLong(e -> Long.parseLong(e.substring(5)))
            .sum();
    assertThat(received).isEqualTo(body.length);
  }

  @Test
  void asynchronousPrepareCompletesBeforeTheBodyIsRead(SquallClient client) {
    FetchResponse r =
        client.fetch("/async-prepare", FetchOptions.method("PUT", new byte[4 * LIMIT]));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(events).containsExactly("prepare start", "prepare done", "data", "put");
  }

  @Test
  void answerFromPrepareSkipsTheBodyAndClosesTheConnection(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /early HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("Connection")).isEqualTo("close");
      assertThat(raw.isClosedByServer()).isTrue();
    }
    assertThat(events).isEmpty();
  }

  @Test
  void streamingHandlerOverTheServerLimitGets413(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /limited HTTP/1.1\r\nHost: x\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(413);
      assertThat(raw.isClosedByServer()).isTrue();
    }
  }

  @Test
  void handlerCanLowerTheLimit(SquallClient client) {
    assertThat(client.fetch("/lowered", FetchOptions.method("PUT", new byte[100])).text())
        .isEqualTo("small enough");
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /lowered HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(413);
    }
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /lowered HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      raw.send("c8\r\n" + "y".repeat(200) + "\r\n0\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(413);
    }
  }

  @Test
  void chunkedBodyOverTheLimitGets413(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /limited HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      String piece = Integer.toHexString(CHUNK) + "\r\n" + "x".repeat(CHUNK) + "\r\n";
      for (int sent = 0; sent <= LIMIT; sent += CHUNK) {
        raw.send(piece);
      }
      RawConnection.Response r = raw.readResponse();
      assertThat(r.status()).isEqualTo(413);
    }
  }

  @Test
  void bufferedHandlerOverTheLimitGets413(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("PUT /buffered HTTP/1.1\r\nHost: x\r\nContent-Length: " + (2 * LIMIT) + "\r\n\r\n");
      assertThat(raw.readResponse().status()).isEqualTo(413);
    }
    FetchResponse ok = client.fetch("/buffered", FetchOptions.method("PUT", new byte[LIMIT]));
    assertThat(ok.text()).isEqualTo("got " + LIMIT);
  }
}
