package io.squall.bench.load.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The idle scenario's client: opens N connections to a server and holds them idle, so run.sh can
 * read the server's memory. {@code http}: each connection makes one keep-alive {@code GET /hello}
 * and then waits; {@code ws}: each completes a WebSocket handshake on {@code /ws} and then waits.
 *
 * <pre>
 * IdleConnections HOST PORT http|ws N
 * </pre>
 *
 * Prints {@code READY n} once all are open, then waits for a line on standard input, prints {@code
 * STILL_OPEN k} (the connections the server has not closed meanwhile) and closes them all.
 */
public final class IdleConnections {
  private IdleConnections() {}

  /**
   * Runs the client.
   *
   * @param args {@code HOST PORT http|ws N}
   * @throws IOException if a connection cannot be opened or is refused
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4 || !(args[2].equals("http") || args[2].equals("ws"))) {
      System.err.println("usage: IdleConnections HOST PORT http|ws N");
      System.exit(2);
    }
    String host = args[0];
    InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(args[1]));
    boolean ws = args[2].equals("ws");
    int n = Integer.parseInt(args[3]);
    List<SocketChannel> open = new ArrayList<>(n);
    ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    try {
      for (int i = 0; i < n; i++) {
        SocketChannel ch = ClientWire.connect(address);
        open.add(ch);
        int status =
            ws
                ? ClientWire.handshake(ch, host, "/ws", buf)
                : ClientWire.get(ch, host, "/hello", buf);
        if (status != (ws ? 101 : 200)) {
          throw new IOException("connection " + i + " answered " + status);
        }
      }
      System.out.println("READY " + open.size());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      int still = 0;
      ByteBuffer probe = ByteBuffer.allocate(1);
      for (SocketChannel ch : open) {
        ch.configureBlocking(false);
        probe.clear();
        try {
          if (ch.read(probe) >= 0) {
            still++;
          }
        } catch (IOException e) {
          // reset by the server: not open
        }
      }
      System.out.println("STILL_OPEN " + still);
    } finally {
      for (SocketChannel ch : open) {
        ch.close();
      }
    }
  }
}
