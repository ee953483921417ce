package io.squall.adversarial.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.websocket.WebSocketHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A soak (issue 16): mixed traffic for a bounded time — keep-alive GETs, JSON, POSTed bodies,
 * pipelined requests, malformed requests, clients that vanish mid-request, and WebSocket messages —
 * with zero unexpected answers, no heap growth after GC between two equal rounds, and no leaked
 * file descriptors or connections once the clients are gone.
 *
 * <p>Each round lasts {@code -Dsquall.soak.seconds} (default 8: two rounds, the short CI version);
 * the longer run is {@code ./mvnw -pl squall-testing -am test -Dtest=SoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsquall.soak.seconds=300}. Figures go to standard
 * output.
 */
@SquallTest
class SoakTest {
  private static final long SECONDS = Long.getLong("squall.soak.seconds", 8);
  private static final int HTTP_WORKERS = 6;
  private static final int WEBSOCKETS = 4;

  /** Says hello. */
  public static class Hello extends RequestHandler {
    @Override
    public void get() {
      write("Hello, world");
    }
  }

  /** A JSON object, serialised per request. */
  public static class Json extends RequestHandler {
    @Override
    public void get() {
      write(Map.of("message", "Hello, World!"));
    }
  }

  /** Echoes a POSTed body. */
  public static class Echo extends RequestHandler {
    @Override
    public void post() {
      write(request().bodyText());
    }
  }

  /** Echoes WebSocket messages. */
  public static class WsEcho extends WebSocketHandler {
    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/hello", Hello::new)
        .route("/json", Json::new)
        .route("/echo", Echo::new)
        .route("/ws", WsEcho::new)
        .build();
  }

  /** What one round did. */
  record Round(long requests, long messages, List<String> errors) {}

  @Test
  void mixedTrafficLeavesNoErrorsNoHeapGrowthAndNoLeakedDescriptors(SquallClient client)
      throws Exception {
    round(client, 2); // warm-up: JIT, pools, lazily created buffers
    settle(client);
    long heapBefore = usedHeapAfterGc();
    long fdsBefore = openFileDescriptors();

    Round first = round(client, SECONDS);
    settle(client);
    long heapMiddle = usedHeapAfterGc();
    Round second = round(client, SECONDS);
    settle(client);
    long heapAfter = usedHeapAfterGc();
    long fdsAfter = openFileDescriptors();

    System.out.printf(
        "soak: %d s x2, %d + %d requests (%.0f/s), %d + %d WebSocket messages; heap after GC %d KiB"
            + " -> %d KiB -> %d KiB; fds %d -> %d%n",
        SECONDS,
        first.requests(),
        second.requests(),
        (first.requests() + second.requests()) / (2.0 * SECONDS),
        first.messages(),
        second.messages(),
        heapBefore / 1024,
        heapMiddle / 1024,
        heapAfter / 1024,
        fdsBefore,
        fdsAfter);

    assertThat(first.errors()).as("unexpected answers in round 1").isEmpty();
    assertThat(second.errors()).as("unexpected answers in round 2").isEmpty();
    assertThat(first.requests()).as("requests served").isGreaterThan(1000);
    assertThat(first.messages()).as("WebSocket messages echoed").isGreaterThan(100);
    assertThat(client.server().connectionCount()).as("open HTTP connections").isZero();
    // Retaining even 100 bytes per request would grow the heap by several MiB per round.
    assertThat(heapAfter - heapMiddle)
        .as("heap growth over the second round, in bytes")
        .isLessThan(8L << 20);
    if (fdsBefore >= 0) {
      assertThat(fdsAfter - fdsBefore).as("file descriptors leaked").isLessThanOrEqualTo(2);
    }
  }

  private static Round round(SquallClient client, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong requests = new AtomicLong();
    AtomicLong messages = new AtomicLong();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    List<Future<?>> work = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < HTTP_WORKERS; w++) {
        int worker = w;
        work.add(pool.submit(() -> httpWorker(client.port(), worker, end, requests, errors)));
      }
      for (int w = 0; w < WEBSOCKETS; w++) {
        work.add(pool.submit(() -> webSocketWorker(client.port(), end, messages, errors)));
      }
      for (Future<?> f : work) {
        f.get(seconds + 60, TimeUnit.SECONDS);
      }
    }
    return new Round(requests.get(), messages.get(), List.copyOf(errors));
  }

  private static Void httpWorker(
      int port, int worker, long end, AtomicLong requests, ConcurrentLinkedQueue<String> errors) {
    long i = 0;
    while (System.nanoTime() < end && errors.size() < 10) {
      try (RawConnection c = RawConnection.open("127.0.0.1", port).timeout(10_000)) {
        for (int n = 0; n < 50 && System.nanoTime() < end; n++, i++) {
          switch ((int) ((i + worker) % 10)) {
            case 0, 1, 2, 3 -> {
              c.send("GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n");
              expect(c.readResponse(), 200, "Hello, world", errors);
            }
            case 4, 5 -> {
              c.send("GET /json HTTP/1.1\r\nHost: soak\r\n\r\n");
              expect(c.readResponse(), 200, "{\"message\":\"Hello, World!\"}", errors);
            }
            case 6 -> {
              String body = "x".repeat((int) (i % 5000));
              c.send(
                  "POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body);
              expect(c.readResponse(), 200, body, errors);
            }
            case 7 -> {
              c.send("GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n".repeat(8)); // pipelined
              for (int k = 0; k < 8; k++) {
                expect(c.readResponse(), 200, "Hello, world", errors);
              }
              requests.addAndGet(7);
            }
            case 8 -> {
              c.send("GET /missing HTTP/1.1\r\nHost: soak\r\n\r\n");
              RawConnection.Response r = c.readResponse();
              if (r.status() != 404) {
                errors.add("404 expected, got " + r.statusLine());
              }
            }
            default -> {
              // abusive: a malformed request on its own connection, and one that vanishes
              try (RawConnection bad = RawConnection.open("127.0.0.1", port).timeout(10_000)) {
                bad.send("GET /hello HTTP/1.1\r\nHost: soak\r\nBad Header: x\r\n\r\n");
                RawConnection.Response r = bad.readResponse();
                if (r.status() != 400) {
                  errors.add("400 expected, got " + r.statusLine());
                }
              }
              try (RawConnection gone = RawConnection.open("127.0.0.1", port)) {
                gone.send("POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: 100\r\n\r\nabc");
              }
              c.send("GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n");
              expect(c.readResponse(), 200, "Hello, world", errors);
            }
          }
          requests.incrementAndGet();
        }
      } catch (RuntimeException e) {
        errors.add("worker " + worker + ": " + e);
      }
    }
    return null;
  }

  private static void expect(
      RawConnection.Response r, int status, String body, ConcurrentLinkedQueue<String> errors) {
    if (r.status() != status || !r.text().equals(body)) {
      errors.add(
          "expected "
              + status
              + " "
              + abbreviate(body)
              + ", got "
              + r.statusLine()
              + " "
              + abbreviate(r.text()));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  private static Void webSocketWorker(
      int port, long end, AtomicLong messages, ConcurrentLinkedQueue<String> errors)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try {
      while (System.nanoTime() < end && errors.size() < 10) {
        java.util.concurrent.LinkedBlockingQueue<String> echoes =
            new java.util.concurrent.LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws =
            http.newWebSocketBuilder()
                .buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/ws"),
                    new WebSocket.Listener() {
                      @Override
                      public CompletionStage<?> onText(
                          WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                          echoes.add(partial.toString());
                          partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                      }
                    })
                .get(10, TimeUnit.SECONDS);
        for (int n = 0; n < 200 && System.nanoTime() < end; n++) {
          String m = "message " + n + " " + "y".repeat(n * 37 % 3000);
          ws.sendText(m, true).get(10, TimeUnit.SECONDS);
          String back = echoes.poll(10, TimeUnit.SECONDS);
          if (!m.equals(back)) {
            errors.add("WebSocket echo of " + abbreviate(m) + " was " + back);
            break;
          }
          messages.incrementAndGet();
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
      }
    } finally {
      http.shutdownNow();
      http.awaitTermination(Duration.ofSeconds(10));
    }
    return null;
  }

  /** Waits until the server holds no HTTP connection (the clients have all closed theirs). */
  private static void settle(SquallClient client) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (client.server().connectionCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling a count the loop updates; there is no event to wait for
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static long openFileDescriptors() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (var s = Files.list(fds)) {
      return s.count();
    }
  }
}
