package io.squall.tcp;

import io.squall.ioloop.ChannelHandler;
import io.squall.ioloop.IOLoop;
import io.squall.ioloop.LoopClosedException;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.IOStream;
import io.squall.iostream.IOStreamOptions;
import io.squall.iostream.SslIOStream;
import io.squall.tcp.internal.SocketBinder;
import io.squall.tcp.internal.TlsEngines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking TCP server (Tornado's {@code TCPServer}): accepts connections and hands each, as
 * an {@link IOStream}, to {@link #handleStream}. Supply the handler as a lambda or override the
 * method.
 *
 * <p>On one loop, the current one:
 *
 * <pre>{@code
 * TcpServer server = new TcpServer((stream, address) -> echo(stream));
 * server.listen(8888);
 * IOLoop.current().start();
 * }</pre>
 *
 * <p>On N loops, each on its own thread:
 *
 * <pre>{@code
 * TcpServer server = new TcpServer(handler);
 * server.bind(8888, null, TcpServer.DEFAULT_BACKLOG, true);
 * server.start(4);
 * ...
 * server.close(); // stops accepting and ends the four loops
 * }</pre>
 *
 * <p>A connection belongs to one loop for its whole life, so its handler needs no locks; state
 * shared between connections of different loops must be thread-safe. With {@code reusePort} on a
 * platform that has {@code SO_REUSEPORT}, every loop gets its own listening socket and the kernel
 * spreads connections; otherwise the first loop accepts and hands connections to the loops in turn.
 *
 * <p>An exception thrown by the handler is logged and closes that connection only.
 */
public class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);
  private static final AtomicInteger SERVER_IDS = new AtomicInteger();

  /** Default listen backlog. */
  public static final int DEFAULT_BACKLOG = 1024;

  /** Most connections accepted per readiness event, so one listener cannot starve the loop. */
  private static final int ACCEPT_BATCH = 128;

  /** Pause after an accept error (such as too many open files) before accepting again. */
  private static final Duration ACCEPT_ERROR_PAUSE = Duration.ofMillis(100);

  private final IOStreamOptions options;
  private final TlsServerOptions tls;
  private final StreamHandler handler;
  private final int id = SERVER_IDS.incrementAndGet();
  private final List<Pending> pending = new ArrayList<>();
  private final List<Acceptor> acceptors = new ArrayList<>();
  private final List<IOLoop> loops = new ArrayList<>();
  private boolean started;

  private record Pending(SocketBinder.Bound bound, int backlog, boolean reusePort) {}

  /** A server whose connections go to {@code handler}, with default stream options. */
  public TcpServer(StreamHandler handler) {
    this(IOStreamOptions.defaults(), handler);
  }

  /** A server whose connections go to {@code handler}, as streams with {@code options}. */
  public TcpServer(IOStreamOptions options, StreamHandler handler) {
    this(options, null, handler);
  }

  /**
   * A server whose connections speak TLS with {@code tls} (null: plain TCP) and go to {@code
   * handler} as {@link SslIOStream}s once their handshake is done. A failed handshake (an untrusted
   * client certificate, bytes that are not TLS, a client that stalls past the handshake timeout) is
   * logged and closes that connection only.
   */
  public TcpServer(IOStreamOptions options, TlsServerOptions tls, StreamHandler handler) {
    this.options = Objects.requireNonNull(options, "options");
    this.tls = tls;
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** For subclasses that override {@link #handleStream}; default stream options. */
  protected TcpServer() {
    this(IOStreamOptions.defaults());
  }

  /** For subclasses that override {@link #handleStream}. */
  protected TcpServer(IOStreamOptions options) {
    this(options, (TlsServerOptions) null);
  }

  /** For subclasses that override {@link #handleStream}; TLS with {@code tls} (null: none). */
  protected TcpServer(IOStreamOptions options, TlsServerOptions tls) {
    this.options = Objects.requireNonNull(options, "options");
    this.tls = tls;
    this.handler = null;
  }

  /** The TLS settings of this server's connections, empty for plain TCP. */
  public final Optional<TlsServerOptions> tlsOptions() {
    return Optional.ofNullable(tls);
  }

  /** The options of the streams this server creates. */
  public final IOStreamOptions streamOptions() {
    return options;
  }

  /**
   * Takes over a new connection; runs on the loop that owns {@code stream}. The default passes it
   * to the handler given to the constructor. An exception is logged and closes the stream.
   */
  protected void handleStream(IOStream stream, InetSocketAddress address) throws Exception {
    if (handler == null) {
      throw new UnsupportedOperationException(
          getClass().getName() + " must override handleStream or pass a StreamHandler");
    }
    handler.handleStream(stream, address);
  }

  /** Listens on {@code port} on all interfaces, accepting on the current loop. */
  public void listen(int port) throws IOException {
    listen(port, null);
  }

  /**
   * Listens on {@code port} on every address {@code address} resolves to (all interfaces if null or
   * empty), accepting on the {@linkplain IOLoop#current() current} loop. Call on that loop's thread
   * or before it starts. Port 0 picks a free port; see {@link #port()}.
   */
  public synchronized void listen(int port, String address) throws IOException {
    IOLoop loop = IOLoop.current();
    for (SocketBinder.Bound b : SocketBinder.bind(port, address, DEFAULT_BACKLOG, false)) {
      Acceptor a = new Acceptor(b.channel(), loop, new IOLoop[] {loop});
      acceptors.add(a);
      a.register();
    }
  }

  /**
   * Accepts connections on sockets bound elsewhere (Tornado's {@code add_sockets}), on the
   * {@linkplain IOLoop#current() current} loop; for sockets made by a process manager or bound
   * before privileges were dropped. Call on that loop's thread or before it starts. The server owns
   * the channels from now on: {@link #stop()} closes them.
   *
   * @throws IllegalArgumentException if a channel is not bound or already closed
   */
  public synchronized void addSockets(List<ServerSocketChannel> channels) {
    for (ServerSocketChannel ch : channels) {
      try {
        if (!ch.isOpen() || ch.getLocalAddress() == null) {
          throw new IllegalArgumentException("not a bound, open listening socket: " + ch);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("not a bound, open listening socket: " + ch, e);
      }
    }
    IOLoop loop = IOLoop.current();
    for (ServerSocketChannel ch : channels) {
      Acceptor a = new Acceptor(ch, loop, new IOLoop[] {loop});
      acceptors.add(a);
      a.register();
    }
  }

  /** One socket for {@link #addSockets} (Tornado's {@code add_socket}). */
  public void addSocket(ServerSocketChannel channel) {
    addSockets(List.of(channel));
  }

  /**
   * Binds listening sockets for a later {@link #start(int)}. The kernel queues connections from now
   * on. {@code reusePort} asks for one listening socket per loop with {@code SO_REUSEPORT}; where
   * the platform lacks it, a single acceptor is used instead.
   */
  public synchronized void bind(int port, String address, int backlog, boolean reusePort)
      throws IOException {
    if (started) {
      throw new IllegalStateException("bind must come before start");
    }
    boolean reuse = reusePort && SocketBinder.reusePortSupported();
    if (reusePort && !reuse) {
      log.info("SO_REUSEPORT is not supported here; one loop will accept for all");
    }
    for (SocketBinder.Bound b : SocketBinder.bind(port, address, backlog, reuse)) {
      pending.add(new Pending(b, backlog, reuse));
    }
  }

  /**
   * Starts {@code loopCount} loops, each on its own thread, and serves the sockets from {@link
   * #bind} on them. Returns once every loop accepts. {@link #close()} ends the loops.
   */
  public void start(int loopCount) throws IOException {
    if (loopCount < 1) {
      throw new IllegalArgumentException("need at least one loop: " + loopCount);
    }
    // register outside the lock: a loop thread may call into this server meanwhile
    for (Acceptor a : prepareStart(loopCount)) {
      onLoop(a.loop, a::register);
    }
  }

  private synchronized List<Acceptor> prepareStart(int loopCount) throws IOException {
    if (started) {
      throw new IllegalStateException("already started");
    }
    if (pending.isEmpty()) {
      throw new IllegalStateException("nothing bound: call bind first");
    }
    started = true;
    for (int i = 0; i < loopCount; i++) {
      loops.add(IOLoop.startOnNewThread("squall-tcp-" + id + "-" + i));
    }
    IOLoop[] all = loops.toArray(IOLoop[]::new);
    List<Acceptor> created = new ArrayList<>();
    try {
      for (Pending p : pending) {
        ServerSocketChannel first = p.bound().channel();
        if (p.reusePort() && loopCount > 1) {
          InetSocketAddress local = (InetSocketAddress) first.getLocalAddress();
          for (int i = 0; i < loopCount; i++) {
            ServerSocketChannel ch =
                i == 0 ? first : bindAgain(p.bound().family(), local, p.backlog());
            created.add(new Acceptor(ch, all[i], new IOLoop[] {all[i]}));
          }
        } else {
          created.add(new Acceptor(first, all[0], all));
        }
      }
    } catch (IOException e) {
      for (Acceptor a : created) {
        closeQuietly(a.channel);
      }
      throw e;
    } finally {
      pending.clear();
    }
    acceptors.addAll(created);
    return created;
  }

  private static ServerSocketChannel bindAgain(
      StandardProtocolFamily family, InetSocketAddress local, int backlog) throws IOException {
    return SocketBinder.bindOne(family, local, backlog, true);
  }

  /** The port the server listens on (the real one if 0 was asked), or -1 if it listens on none. */
  public synchronized int port() {
    List<InetSocketAddress> a = addresses();
    return a.isEmpty() ? -1 : a.get(0).getPort();
  }

  /** The addresses of the listening sockets. */
  public synchronized List<InetSocketAddress> addresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Pending p : pending) {
      addAddress(out, p.bound().channel());
    }
    for (Acceptor a : acceptors) {
      addAddress(out, a.channel);
    }
    return out;
  }

  private static void addAddress(List<InetSocketAddress> out, ServerSocketChannel ch) {
    try {
      if (ch.getLocalAddress() instanceof InetSocketAddress inet && !out.contains(inet)) {
        out.add(inet);
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** The loops {@link #start(int)} created (empty before it, and for {@link #listen}). */
  public synchronized List<IOLoop> loops() {
    return List.copyOf(loops);
  }

  /**
   * Stops accepting: closes the listening sockets. Connections already accepted live on. Safe from
   * any thread.
   */
  public void stop() {
    List<Pending> bound;
    List<Acceptor> listening;
    synchronized (this) {
      bound = List.copyOf(pending);
      listening = List.copyOf(acceptors);
      pending.clear();
      acceptors.clear();
    }
    for (Pending p : bound) {
      closeQuietly(p.bound().channel());
    }
    for (Acceptor a : listening) {
      onLoop(a.loop, a::unregister);
    }
  }

  /**
   * Stops accepting and ends the loops {@link #start(int)} created, closing the connections that
   * still live on them. Loops given to {@link #listen} are left running.
   */
  @Override
  public void close() {
    stop();
    List<IOLoop> own;
    synchronized (this) {
      own = List.copyOf(loops);
      loops.clear();
    }
    boolean onOwnLoop = own.stream().anyMatch(IOLoop::inLoopThread);
    Runnable shutdown = () -> own.forEach(IOLoop::shutdown);
    if (onOwnLoop) {
      Thread.ofPlatform().name("squall-tcp-" + id + "-shutdown").start(shutdown);
    } else {
      shutdown.run();
    }
  }

  /**
   * Runs {@code task} on {@code loop}'s thread (now, if that is this thread or it is not running).
   */
  private static void onLoop(IOLoop loop, Runnable task) {
    if (!loop.isRunning() || loop.inLoopThread()) {
      task.run();
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("task on loop {} did not finish", loop.name(), e);
    }
  }

  private void serve(SocketChannel channel, IOLoop loop) {
    if (tls != null) {
      serveTls(channel, loop);
      return;
    }
    IOStream stream;
    try {
      stream = new IOStream(channel, loop, options);
    } catch (RuntimeException e) {
      log.debug("cannot set up accepted connection {}", channel, e);
      closeQuietly(channel);
      return;
    }
    dispatch(stream);
  }

  private void serveTls(SocketChannel channel, IOLoop loop) {
    String peer = peerOf(channel);
    CompletableFuture<SslIOStream> handshake;
    try {
      handshake =
          SslIOStream.handshake(
              channel, loop, options, TlsEngines.server(tls), tls.handshakeTimeout());
    } catch (RuntimeException e) {
      log.debug("cannot set up accepted connection {}", channel, e);
      closeQuietly(channel);
      return;
    }
    handshake.whenComplete(
        (stream, e) -> {
          if (e == null) {
            dispatch(stream);
          } else {
            Throwable cause = Futures.unwrap(e);
            log.info("TLS handshake with {} failed: {}", peer, cause.toString());
          }
        });
  }

  private static String peerOf(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "a closed peer";
    }
  }

  private void dispatch(IOStream stream) {
    try {
      handleStream(stream, stream.remoteAddress());
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
        throw fatal;
      }
      log.error("Error in connection callback for {}", stream.remoteAddress(), e);
      if (!stream.closed()) {
        stream.close(e);
      }
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /** Accepts on one listening socket, on one loop, for one or more loops. */
  private final class Acceptor implements ChannelHandler {
    final ServerSocketChannel channel;
    final IOLoop loop;
    final IOLoop[] targets;
    int next;

    Acceptor(ServerSocketChannel channel, IOLoop loop, IOLoop[] targets) {
      this.channel = channel;
      this.loop = loop;
      this.targets = targets;
    }

    void register() {
      loop.addHandler(channel, SelectionKey.OP_ACCEPT, this);
    }

    void unregister() {
      loop.removeHandler(channel);
      closeQuietly(channel);
    }

    @Override
    public void handleEvents(SelectableChannel ch, int readyOps) {
      for (int i = 0; i < ACCEPT_BATCH; i++) {
        SocketChannel accepted;
        try {
          accepted = channel.accept();
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          log.warn("accept failed on {}; pausing {}", channel, ACCEPT_ERROR_PAUSE, e);
          pause();
          return;
        }
        if (accepted == null) {
          return;
        }
        IOLoop target = targets[next];
        next = next + 1 == targets.length ? 0 : next + 1;
        if (target == loop) {
          serve(accepted, loop);
        } else {
          handOff(accepted, target);
        }
      }
    }

    /**
     * Hands {@code accepted} to {@code target}'s thread. If that loop has closed, or closes before
     * the hand-off runs (its queued callbacks are then dropped), the socket is closed, not leaked.
     */
    private void handOff(SocketChannel accepted, IOLoop target) {
      CompletableFuture<Void> handed = target.failOnClose(new CompletableFuture<>());
      handed.whenComplete(
          (v, e) -> {
            if (e != null) {
              closeQuietly(accepted);
            }
          });
      try {
        target.addCallback(
            () -> {
              if (handed.complete(null)) {
                serve(accepted, target);
              }
            });
      } catch (LoopClosedException closed) {
        handed.completeExceptionally(closed);
      }
    }

    private void pause() {
      try {
        loop.updateHandler(channel, 0);
      } catch (RuntimeException e) {
        return;
      }
      loop.callLater(
          ACCEPT_ERROR_PAUSE,
          () -> {
            if (channel.isOpen()) {
              try {
                loop.updateHandler(channel, SelectionKey.OP_ACCEPT);
              } catch (RuntimeException e) {
                // stopped meanwhile
              }
            }
          });
    }
  }
}
