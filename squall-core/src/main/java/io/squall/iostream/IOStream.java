package io.squall.iostream;

import io.squall.ioloop.IOLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A buffered non-blocking stream over a connected {@link SocketChannel} (Tornado's {@code
 * IOStream}). See {@link BaseIOStream} for reading, writing, back-pressure and closing.
 *
 * <pre>{@code
 * IOStream stream = new IOStream(channel);            // on the loop thread
 * stream.write("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
 * stream.readUntil("\r\n\r\n".getBytes(US_ASCII), 65536)
 *     .thenAccept(head -> System.out.println(new String(head, US_ASCII)));
 * }</pre>
 *
 * <p>{@link #transferFrom} sends file regions with {@link FileChannel#transferTo}, without copying
 * them through the JVM.
 */
public class IOStream extends BaseIOStream {
  private final SocketChannel channel;
  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;

  /** Wraps {@code channel} on the {@linkplain IOLoop#current() current} loop, default options. */
  public IOStream(SocketChannel channel) {
    this(channel, IOLoop.current(), IOStreamOptions.defaults());
  }

  /** Wraps {@code channel} on the {@linkplain IOLoop#current() current} loop. */
  public IOStream(SocketChannel channel, IOStreamOptions options) {
    this(channel, IOLoop.current(), options);
  }

  /**
   * Wraps the connected {@code channel} on {@code loop}, switching it to non-blocking mode and
   * registering it. Call on the loop thread or before the loop starts.
   */
  public IOStream(SocketChannel channel, IOLoop loop, IOStreamOptions options) {
    super(connected(channel), loop, options);
    this.channel = channel;
    this.remoteAddress = address(channel, true);
    this.localAddress = address(channel, false);
  }

  private static SocketChannel connected(SocketChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (!channel.isConnected()) {
      throw new IllegalArgumentException("channel is not connected: " + channel);
    }
    return channel;
  }

  private static InetSocketAddress address(SocketChannel channel, boolean remote) {
    try {
      SocketAddress a = remote ? channel.getRemoteAddress() : channel.getLocalAddress();
      return a instanceof InetSocketAddress inet ? inet : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The underlying channel. */
  public final SocketChannel channel() {
    return channel;
  }

  /** The peer's address (kept after the stream closes), or null if it could not be read. */
  public final InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** This end's address (kept after the stream closes), or null if it could not be read. */
  public final InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Sets {@code TCP_NODELAY}; ignored once the stream is closed. */
  @Override
  public void setNoDelay(boolean noDelay) {
    if (closed()) {
      return;
    }
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    } catch (IOException e) {
      // the socket went away under us; the next read or write reports it
    }
  }

  @Override
  protected int readFromTransport(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  protected long writeToTransport(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return channel.write(srcs, offset, length);
  }

  @Override
  protected long transferToTransport(FileChannel file, long position, long count)
      throws IOException {
    return file.transferTo(position, count, channel);
  }

  @Override
  protected void closeTransport() throws IOException {
    channel.close();
  }

  @Override
  protected void shutdownTransportOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public String toString() {
    return "IOStream[" + remoteAddress + (closed() ? ", closed" : "") + "]";
  }
}
