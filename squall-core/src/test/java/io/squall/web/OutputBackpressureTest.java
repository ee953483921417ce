package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.HttpServer;
import io.squall.http.HttpServerOptions;
import io.squall.http.internal.Http1ServerConnection;
import io.squall.iostream.WriteTimeoutError;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handler streaming a large body to a client that stops reading: waiting on {@link
 * RequestHandler#flush()}'s future keeps the connection's queued output at one chunk; ignoring it
 * runs into the per-connection cap, which closes the connection instead of growing the heap.
 */
class OutputBackpressureTest {
  private static final long CAP = 4L * 1024 * 1024;
  private static final int CHUNK = 256 * 1024;
  private static final long GIB = 1L << 30;

  /** What the handlers saw, shared with the test thread. */
  static final class Watch {
    final AtomicLong maxQueued = new AtomicLong();
    final CountDownLatch stalled = new CountDownLatch(1);
    final CompletableFuture<Long> sent = new CompletableFuture<>();
    final AtomicReference<Throwable> flushFailure = new AtomicReference<>();

    void sample(RequestHandler h) {
      long q = ((Http1ServerConnection) h.request().connection()).writeBufferSize();
      maxQueued.accumulateAndGet(q, Math::max);
    }
  }

  /** Writes 1 GiB in chunks, waiting for each flush before the next. */
  public static final class Patient extends RequestHandler {
    private final Watch watch;
    private final byte[] chunk = new byte[CHUNK];
    private long sent;

    Patient(Watch watch) {
      this.watch = watch;
    }

    public CompletableFuture<Void> get(String... pathArgs) {
      setHeader("Content-Type", "application/octet-stream");
      setHeader("Content-Length", Long.toString(GIB));
      CompletableFuture<Void> done = new CompletableFuture<>();
      sampleUntil(done);
      pump(done);
      return done;
    }

    /** Samples the connection's queued output on every millisecond of the loop while it streams. */
    private void sampleUntil(CompletableFuture<Void> done) {
      if (!done.isDone()) {
        watch.sample(this);
        loop().callLater(java.time.Duration.ofMillis(1), () -> sampleUntil(done));
      }
    }

    private void pump(CompletableFuture<Void> done) {
      while (sent < GIB) {
        write(chunk);
        sent += CHUNK;
        CompletableFuture<Void> f = flush();
        watch.sample(this);
        if (!f.isDone()) {
          watch.stalled.countDown();
          f.whenComplete(
              (v, e) -> {
                if (e != null) {
                  watch.flushFailure.compareAndSet(null, e);
                  watch.sent.complete(sent);
                  done.completeExceptionally(e);
                } else {
                  pump(done);
                }
              });
          return;
        }
      }
      watch.sent.complete(sent);
      done.complete(null);
    }
  }

  /** Writes 1 GiB as fast as it can, never waiting for a flush. */
  public static final class Careless extends RequestHandler {
    private final Watch watch;

    Careless(Watch watch) {
      this.watch = watch;
    }

    @Override
    public void get() {
      byte[] chunk = new byte[CHUNK];
      long sent = 0;
      while (sent < GIB && watch.flushFailure.get() == null) {
        write(chunk);
        sent += CHUNK;
        flush()
            .whenComplete(
                (v, e) -> {
                  if (e != null) {
                    watch.flushFailure.compareAndSet(null, e);
                  }
                });
        watch.sample(this);
      }
      watch.sent.complete(sent);
    }
  }

  private final Watch watch = new Watch();
  private HttpServer server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private int start() {
    return start(HttpServerOptions.builder().maxWriteBufferSize(CAP).build());
  }

  private int start(HttpServerOptions options) {
    Application app =
        Application.builder()
            .route("/patient", () -> new Patient(watch))
            .route("/careless", () -> new Careless(watch))
            .build();
    server = app.serve(0, 1, options);
    return server.port();
  }

  private static Socket get(int port, String path) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(30_000);
    s.getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  /** Reads the response head and returns it; the stream is left at the first body byte. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("EOF in the head: " + sb);
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Test
  void aHandlerWaitingOnFlushStreamsAGibibyteWithTheQueueBoundedByOneChunk() throws Exception {
    int port = start();
    try (Socket s = get(port, "/patient")) {
      InputStream in = s.getInputStream();
      // not reading: the socket buffers fill and a flush stays pending
      assertThat(watch.stalled.await(30, TimeUnit.SECONDS)).isTrue();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-Length: " + GIB);
      byte[] buf = new byte[256 * 1024];
      long got = 0;
      int n;
      while (got < GIB && (n = in.read(buf)) >= 0) {
        got += n;
      }
      assertThat(got).isEqualTo(GIB);
    }
    assertThat(watch.sent.get(30, TimeUnit.SECONDS)).isEqualTo(GIB);
    // the queue never held more than what one flush handed over (plus the head)
    assertThat(watch.maxQueued.get()).isPositive().isLessThanOrEqualTo(CHUNK + 1024);
  }

  @Test
  void aHandlerIgnoringFlushRunsIntoTheCapAndTheConnectionCloses() throws Exception {
    int port = start();
    try (Socket s = get(port, "/careless")) {
      // the client reads nothing
      assertThat(watch.sent.get(30, TimeUnit.SECONDS)).isLessThan(GIB);
      assertThat(watch.flushFailure.get()).isNotNull();
      assertThat(watch.maxQueued.get()).isLessThanOrEqualTo(CAP);
      // the server closed the connection: the client reads what the kernel held, then the end
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256 * 1024];
      long got = 0;
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          got += n;
        }
      } catch (java.net.SocketException reset) {
        // closed with the client's request unread on the server side: also an end
      }
      assertThat(got).isLessThan(GIB);
    }
  }

  @Test
  void aResponseTheClientStopsReadingIsClosedAtTheWriteTimeout() throws Exception {
    int port = start(HttpServerOptions.builder().writeTimeout(Duration.ofMillis(300)).build());
    try (Socket s = get(port, "/patient")) {
      // the client never reads: the flush the handler waits on fails once the timeout passed
      assertThat(watch.sent.get(30, TimeUnit.SECONDS)).isLessThan(GIB);
      Throwable failure = watch.flushFailure.get();
      while (failure.getCause() != null && !(failure instanceof WriteTimeoutError)) {
        failure = failure.getCause();
      }
      assertThat(failure).isInstanceOf(WriteTimeoutError.class);
    }
  }
}
