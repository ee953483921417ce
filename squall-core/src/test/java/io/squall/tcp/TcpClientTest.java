package io.squall.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.squall.iostream.IOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.iostream.LoopFixture;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private LoopFixture fx;
  private TcpServer server;

  @BeforeEach
  void setUp() throws Exception {
    fx = new LoopFixture("client-test");
    server =
        new TcpServer(
            (stream, address) ->
                stream
                    .readUntil(new byte[] {'\n'})
                    .thenCompose(
                        line ->
                            stream.write(("echo " + new String(line, US_ASCII)).getBytes(US_ASCII)))
                    .thenRun(stream::close));
    server.bind(0, "127.0.0.1", 16, false);
    server.start(1);
  }

  @AfterEach
  void tearDown() {
    server.close();
    fx.close();
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("future succeeded");
  }

  private String roundTrip(String host, int port) throws Exception {
    CompletableFuture<String> result =
        fx.start(
            () ->
                TcpClient.connect(host, port, TIMEOUT, IOStreamOptions.defaults())
                    .thenCompose(
                        stream -> {
                          assertThat(stream.ioLoop().inLoopThread()).isTrue();
                          stream.write("hello\n".getBytes(US_ASCII));
                          return stream.readUntilClose();
                        })
                    .thenApply(b -> new String(b, US_ASCII)));
    return LoopFixture.await(result);
  }

  @Test
  void connectsToAnIpLiteral() throws Exception {
    assertThat(roundTrip("127.0.0.1", server.port())).isEqualTo("echo hello\n");
  }

  @Test
  void resolvesHostNamesOffTheLoop() throws Exception {
    // "localhost" may resolve to ::1 first, where nothing listens: the next address is tried
    assertThat(roundTrip("localhost", server.port())).isEqualTo("echo hello\n");
  }

  @Test
  void connectedStreamKnowsItsAddresses() throws Exception {
    IOStream stream =
        LoopFixture.await(fx.start(() -> TcpClient.connect("127.0.0.1", server.port(), TIMEOUT)));
    assertThat(stream.remoteAddress().getPort()).isEqualTo(server.port());
    assertThat(stream.localAddress().getAddress().isLoopbackAddress()).isTrue();
    fx.run(stream::close);
    assertThat(fx.call(() -> fx.loop.handlerCount())).isZero();
  }

  @Test
  void refusedConnectionFailsWithTheIoException() throws Exception {
    int port;
    try (ServerSocketChannel ss = ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
    }
    Throwable e = failure(fx.start(() -> TcpClient.connect("127.0.0.1", port, TIMEOUT)));
    assertThat(e).isInstanceOf(ConnectException.class);
    assertThat(fx.call(() -> fx.loop.handlerCount())).isZero();
  }

  @Test
  void connectThatNeverCompletesTimesOut() throws Exception {
    // a listener whose accept queue is full drops further SYNs, so a connect hangs
    try (ServerSocketChannel ss = ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      InetSocketAddress addr = (InetSocketAddress) ss.getLocalAddress();
      List<SocketChannel> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          SocketChannel c = SocketChannel.open();
          c.configureBlocking(false);
          c.connect(addr);
          fillers.add(c);
        }
        long start = System.nanoTime();
        Throwable e =
            failure(
                fx.start(
                    () -> TcpClient.connect("127.0.0.1", addr.getPort(), Duration.ofMillis(300))));
        assertThat(e).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(fx.call(() -> fx.loop.handlerCount())).isZero();
      } finally {
        for (SocketChannel c : fillers) {
          c.close();
        }
      }
    }
  }
}
