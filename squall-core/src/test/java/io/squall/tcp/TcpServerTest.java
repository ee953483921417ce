package io.squall.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStream;
import io.squall.iostream.LoopFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpServerTest {
  private static final byte[] NL = {'\n'};

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    cleanup.add(c);
    return c;
  }

  /** Echoes lines back, noting which loop served each connection. */
  private static StreamHandler echo(Map<String, AtomicInteger> servedBy) {
    return (stream, address) -> {
      servedBy.computeIfAbsent(IOLoop.current().name(), k -> new AtomicInteger()).incrementAndGet();
      echoLines(stream);
    };
  }

  private static void echoLines(IOStream stream) {
    stream
        .readUntil(NL, 1024)
        .thenAccept(
            line -> {
              stream.write(line);
              echoLines(stream);
            });
  }

  private static void runClients(int port, int clients, int messages) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        results.add(
            pool.submit(
                () -> {
                  try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), US_ASCII));
                    for (int m = 0; m < messages; m++) {
                      String msg = "client " + id + " message " + m;
                      out.write((msg + "\n").getBytes(US_ASCII));
                      out.flush();
                      assertThat(in.readLine()).isEqualTo(msg);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void echoServerOnOneLoopServesConcurrentClients() throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    TcpServer server = track(new TcpServer(echo(servedBy)));
    server.bind(0, "127.0.0.1", TcpServer.DEFAULT_BACKLOG, false);
    server.start(1);
    assertThat(server.port()).isPositive();
    runClients(server.port(), 50, 100);
    assertThat(servedBy).hasSize(1);
    assertThat(servedBy.values().iterator().next()).hasValue(50);
  }

  @Test
  void addSocketsServesChannelsBoundElsewhere() throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    LoopFixture fx = track(new LoopFixture("add-sockets"));
    TcpServer server = track(new TcpServer(echo(servedBy)));
    java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open();
    ch.bind(new InetSocketAddress("127.0.0.1", 0));
    fx.run(() -> server.addSockets(List.of(ch)));
    assertThat(server.port()).isEqualTo(((InetSocketAddress) ch.getLocalAddress()).getPort());
    runClients(server.port(), 5, 10);
    assertThat(servedBy.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(5);
    java.nio.channels.ServerSocketChannel unbound = java.nio.channels.ServerSocketChannel.open();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.addSocket(unbound))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      unbound.close();
    }
    fx.run(server::stop);
    assertThat(ch.isOpen()).isFalse();
  }

  @ParameterizedTest(name = "reusePort={0}, address={1}")
  @CsvSource({"false, 127.0.0.1", "true, 127.0.0.1", "true, ''"})
  void echoServerOnTwoLoopsSpreadsConnections(boolean reusePort, String address) throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    TcpServer server = track(new TcpServer(echo(servedBy)));
    server.bind(0, address, TcpServer.DEFAULT_BACKLOG, reusePort); // '' is all interfaces
    server.start(2);
    assertThat(server.loops()).hasSize(2);
    runClients(server.port(), 50, 100);
    assertThat(servedBy).hasSize(2);
    assertThat(servedBy.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(50);
    if (!reusePort) { // round robin
      assertThat(servedBy.values()).allSatisfy(n -> assertThat(n).hasValue(25));
    }
  }

  @Test
  void aConnectionForALoopThatHasClosedIsClosedNotLeaked() throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    TcpServer server = track(new TcpServer(echo(servedBy)));
    server.bind(0, "127.0.0.1", TcpServer.DEFAULT_BACKLOG, false);
    server.start(2); // loop 0 accepts and hands every second connection to loop 1
    server.loops().get(1).close(true);
    try (java.net.Socket first = new java.net.Socket("127.0.0.1", server.port());
        java.net.Socket second = new java.net.Socket("127.0.0.1", server.port())) {
      first.setSoTimeout(10_000);
      second.setSoTimeout(10_000);
      first.getOutputStream().write("ping\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(
              new String(
                  first.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("ping\n");
      // the second went to the closed loop: the server closes it at once (EOF), it does not hang
      assertThat(second.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void closeEndsTheLoopsAndTheirConnections() throws Exception {
    TcpServer server = new TcpServer((stream, address) -> echoLines(stream));
    server.bind(0, "127.0.0.1", 16, false);
    server.start(2);
    List<IOLoop> loops = server.loops();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.getOutputStream().write("x\n".getBytes(US_ASCII));
      assertThat(s.getInputStream().read()).isEqualTo('x');
      server.close();
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().read()).isEqualTo('\n');
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(loops).allSatisfy(l -> assertThat(l.isClosed()).isTrue());
    assertThat(server.port()).isEqualTo(-1);
  }

  @Test
  void exceptionInHandlerClosesOnlyThatStream() throws Exception {
    AtomicInteger n = new AtomicInteger();
    TcpServer server =
        track(
            new TcpServer(
                (stream, address) -> {
                  if (n.incrementAndGet() == 1) {
                    throw new IllegalStateException("boom (expected by the test)");
                  }
                  echoLines(stream);
                }));
    server.bind(0, "127.0.0.1", 16, false);
    server.start(1);
    try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      bad.setSoTimeout(5000);
      assertThat(bad.getInputStream().read()).isEqualTo(-1);
    }
    runClients(server.port(), 2, 3);
  }

  @Test
  void subclassOverridesHandleStream() throws Exception {
    class Greeter extends TcpServer {
      @Override
      protected void handleStream(IOStream stream, InetSocketAddress address) {
        stream.write("hi\n".getBytes(US_ASCII)).thenRun(stream::close);
      }
    }
    Greeter server = track(new Greeter());
    server.bind(0, "127.0.0.1", 16, false);
    server.start(1);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      assertThat(new String(s.getInputStream().readAllBytes(), US_ASCII)).isEqualTo("hi\n");
    }
  }

  @Test
  void stopStopsAcceptingButKeepsLiveConnections() throws Exception {
    TcpServer server = track(new TcpServer((stream, address) -> echoLines(stream)));
    server.bind(0, "127.0.0.1", 16, false);
    server.start(1);
    int port = server.port();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), US_ASCII));
      s.getOutputStream().write("before\n".getBytes(US_ASCII));
      assertThat(in.readLine()).isEqualTo("before");
      server.stop();
      assertThat(server.loops().get(0).isRunning()).isTrue();
      s.getOutputStream().write("after\n".getBytes(US_ASCII));
      assertThat(in.readLine()).isEqualTo("after");
      assertThat(canConnect(port)).isFalse();
    }
  }

  private static boolean canConnect(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void tenThousandConnectionsLeakNoDescriptors() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    LoopFixture fx = track(new LoopFixture("fd-test"));
    int cycles = 10_000;
    Semaphore inFlight = new Semaphore(256);
    CountDownLatch allClosed = new CountDownLatch(cycles + 10);
    TcpServer server =
        new TcpServer(
            (stream, address) -> {
              stream.setCloseCallback(
                  () -> {
                    inFlight.release();
                    allClosed.countDown();
                  });
              if (address.getPort() % 2 == 0) {
                stream.close(); // server closes first; otherwise the peer does
              }
            });
    fx.run(
        () -> {
          try {
            server.listen(0, "127.0.0.1");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    int port = server.port();
    for (int i = 0; i < 10; i++) { // warm up lazily opened descriptors
      connectAndClose(port, inFlight);
    }
    long before = openFds();
    long start = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      connectAndClose(port, inFlight);
    }
    assertThat(allClosed.await(30, TimeUnit.SECONDS)).as("all server streams closed").isTrue();
    fx.run(() -> {}); // one more loop iteration: cancelled keys are deregistered
    long after = openFds();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(after - before).as("descriptors leaked (%d ms)", millis).isLessThan(20);
    assertThat(fx.call(() -> fx.loop.handlerCount())).isEqualTo(1); // the listening socket
    server.stop();
    assertThat(fx.call(() -> fx.loop.handlerCount())).isZero();
  }

  private static void connectAndClose(int port, Semaphore inFlight) throws Exception {
    assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      if (s.getLocalPort() % 2 == 0) {
        s.setSoTimeout(10_000);
        assertThat(s.getInputStream().read()).isEqualTo(-1); // the server closed first
      }
    }
  }
}
