package io.squall.tcp.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Creates bound, listening server sockets (Tornado's {@code netutil.bind_sockets}). Not API. */
public final class SocketBinder {
  private SocketBinder() {}

  /** Whether the platform supports {@code SO_REUSEPORT} on server sockets. */
  public static boolean reusePortSupported() {
    try (ServerSocketChannel ch = ServerSocketChannel.open()) {
      return ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** A bound listening socket and the protocol family it was opened with (null: dual stack). */
  public record Bound(ServerSocketChannel channel, StandardProtocolFamily family) {}

  /**
   * Binds one listening socket per address {@code host} resolves to, or a single dual-stack
   * wildcard socket if {@code host} is null or empty. With port 0 the sockets after the first reuse
   * the first one's port. On failure, sockets already bound are closed.
   */
  public static List<Bound> bind(int port, String host, int backlog, boolean reusePort)
      throws IOException {
    List<Bound> bound = new ArrayList<>();
    try {
      if (host == null || host.isEmpty()) {
        bound.add(new Bound(bindOne(null, new InetSocketAddress(port), backlog, reusePort), null));
        return bound;
      }
      Set<InetAddress> addresses = new LinkedHashSet<>(List.of(InetAddress.getAllByName(host)));
      int boundPort = port;
      for (InetAddress a : addresses) {
        StandardProtocolFamily family =
            a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        ServerSocketChannel ch =
            bindOne(family, new InetSocketAddress(a, boundPort), backlog, reusePort);
        bound.add(new Bound(ch, family));
        boundPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
      return bound;
    } catch (IOException | RuntimeException e) {
      for (Bound b : bound) {
        try {
          b.channel().close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Binds one more listening socket to exactly {@code address} (for {@code SO_REUSEPORT}). */
  public static ServerSocketChannel bindOne(
      StandardProtocolFamily family, InetSocketAddress address, int backlog, boolean reusePort)
      throws IOException {
    ServerSocketChannel ch =
        family == null ? ServerSocketChannel.open() : ServerSocketChannel.open(family);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      if (reusePort) {
        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      ch.bind(address, backlog);
      ch.configureBlocking(false);
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }
}
