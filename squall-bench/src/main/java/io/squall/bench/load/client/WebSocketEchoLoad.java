package io.squall.bench.load.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The websocket-echo scenario's load client: N WebSocket connections on one selector thread, each
 * sending a 32-byte text message and waiting for its echo before sending the next (one message in
 * flight per connection, as wrk keeps one request in flight per connection). After a warm-up it
 * counts echoes for the duration and records each round trip.
 *
 * <pre>
 * WebSocketEchoLoad HOST PORT PATH CONNECTIONS WARMUP_SECONDS SECONDS
 * </pre>
 *
 * Prints {@code RESULT messages/s p50-ms p99-ms errors}.
 */
public final class WebSocketEchoLoad {
  private static final byte[] PAYLOAD =
      "squall-bench websocket echo 32 b".getBytes(StandardCharsets.US_ASCII);

  private WebSocketEchoLoad() {}

  private static final class Conn {
    final SocketChannel ch;
    final ByteBuffer in = ByteBuffer.allocate(4096);
    long sentAt;

    Conn(SocketChannel ch) {
      this.ch = ch;
    }
  }

  /**
   * Runs the load.
   *
   * @param args {@code HOST PORT PATH CONNECTIONS WARMUP_SECONDS SECONDS}
   * @throws IOException if the connections cannot be opened
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: WebSocketEchoLoad HOST PORT PATH CONNECTIONS WARMUP_S SECONDS");
      System.exit(2);
    }
    InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    String path = args[2];
    int n = Integer.parseInt(args[3]);
    long warmupNanos = (long) (Double.parseDouble(args[4]) * 1e9);
    long measureNanos = (long) (Double.parseDouble(args[5]) * 1e9);
    byte[] frame = ClientWire.textFrame(PAYLOAD);
    int echoLength = 2 + PAYLOAD.length;

    Selector selector = Selector.open();
    List<Conn> conns = new ArrayList<>(n);
    ByteBuffer setup = ByteBuffer.allocate(8192);
    for (int i = 0; i < n; i++) {
      SocketChannel ch = ClientWire.connect(address);
      int status = ClientWire.handshake(ch, args[0], path, setup);
      if (status != 101) {
        throw new IOException("handshake answered " + status + ", not 101");
      }
      ch.configureBlocking(false);
      Conn c = new Conn(ch);
      ch.register(selector, SelectionKey.OP_READ, c);
      conns.add(c);
    }

    long[] lat = new long[1 << 20];
    int count = 0;
    long errors = 0;
    long start = System.nanoTime();
    long measureFrom = start + warmupNanos;
    long end = measureFrom + measureNanos;
    for (Conn c : conns) {
      send(c, frame);
    }
    int open = n;
    while (open > 0) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      selector.select(Math.max(1, (end - now) / 1_000_000));
      for (SelectionKey key : selector.selectedKeys()) {
        Conn c = (Conn) key.attachment();
        int r;
        try {
          r = c.ch.read(c.in);
        } catch (IOException e) {
          r = -1;
        }
        if (r < 0) {
          errors++;
          open--;
          key.cancel();
          c.ch.close();
          continue;
        }
        // one message in flight, so at most one whole echo is buffered
        if (c.in.position() >= echoLength) {
          long t = System.nanoTime();
          byte b0 = c.in.get(0);
          byte b1 = c.in.get(1);
          if (b0 != (byte) 0x81 || b1 != PAYLOAD.length || c.in.position() != echoLength) {
            errors++;
          }
          c.in.clear();
          if (c.sentAt >= measureFrom && t <= end) {
            if (count == lat.length) {
              lat = Arrays.copyOf(lat, lat.length * 2);
            }
            lat[count++] = t - c.sentAt;
          }
          send(c, frame);
        }
      }
      selector.selectedKeys().clear();
    }
    for (Conn c : conns) {
      c.ch.close();
    }
    Arrays.sort(lat, 0, count);
    double seconds = measureNanos / 1e9;
    System.out.printf(
        "RESULT %.0f %.3f %.3f %d%n",
        count / seconds, percentile(lat, count, 0.50), percentile(lat, count, 0.99), errors);
  }

  private static void send(Conn c, byte[] frame) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(frame);
    c.sentAt = System.nanoTime();
    while (out.hasRemaining()) {
      c.ch.write(out); // 38 bytes to a socket with one message in flight: never blocks for long
    }
  }

  private static double percentile(long[] sorted, int count, double p) {
    if (count == 0) {
      return 0;
    }
    int i = (int) Math.min(count - 1, Math.ceil(p * count) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
