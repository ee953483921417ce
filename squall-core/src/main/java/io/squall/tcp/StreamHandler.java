package io.squall.tcp;

import io.squall.iostream.IOStream;
import java.net.InetSocketAddress;

/**
 * Handles a connection accepted by a {@link TcpServer}. Runs on the loop that owns the stream; an
 * exception it throws is logged and closes that stream only.
 */
@FunctionalInterface
public interface StreamHandler {
  /**
   * Takes over a newly accepted connection.
   *
   * @param stream the connection, owned by the current loop for its whole life
   * @param address the peer's address
   */
  void handleStream(IOStream stream, InetSocketAddress address) throws Exception;
}
