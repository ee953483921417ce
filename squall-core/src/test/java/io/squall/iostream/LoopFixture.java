package io.squall.iostream;

import io.squall.ioloop.IOLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** A loop on its own thread for tests, with helpers to run code on it and to make stream pairs. */
public final class LoopFixture implements AutoCloseable {
  public static final long TIMEOUT_SECONDS = 10;

  public final IOLoop loop;

  public LoopFixture(String name) {
    loop = IOLoop.startOnNewThread(name);
  }

  /** Runs {@code task} on the loop and returns its result. */
  public <T> T call(Callable<T> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            f.complete(task.call());
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  /** Runs {@code task} on the loop and waits for it. */
  public void run(Runnable task) throws Exception {
    call(
        () -> {
          task.run();
          return null;
        });
  }

  /** Starts {@code op} on the loop and returns its future (completed on the loop). */
  public <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> op) {
    CompletableFuture<T> out = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            op.get()
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        out.completeExceptionally(e);
                      } else {
                        out.complete(v);
                      }
                    });
          } catch (Throwable e) {
            out.completeExceptionally(e);
          }
        });
    return out;
  }

  /** Waits for {@code f}. */
  public static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} on the loop until it holds (fails after the timeout). */
  public void awaitOnLoop(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!call(condition)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("condition not reached");
      }
      LockSupport.parkNanos(200_000);
    }
  }

  /** A server-side stream on this loop and the blocking client channel connected to it. */
  public record Pair(IOStream stream, SocketChannel peer) implements AutoCloseable {
    /** Writes all of {@code data} from the peer. */
    public void send(byte[] data) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        peer.write(b);
      }
    }

    /** Reads exactly {@code n} bytes at the peer. */
    public byte[] receive(int n) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining()) {
        if (peer.read(b) < 0) {
          throw new IOException("EOF after " + b.position() + " bytes");
        }
      }
      return b.array();
    }

    @Override
    public void close() throws IOException {
      peer.close();
    }
  }

  /** Connects a blocking client to a stream on this loop (created with {@code options}). */
  public Pair pair(IOStreamOptions options) throws Exception {
    try (ServerSocketChannel ss = ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      SocketChannel peer = SocketChannel.open(ss.getLocalAddress());
      SocketChannel accepted = ss.accept();
      IOStream stream = call(() -> new IOStream(accepted, loop, options));
      return new Pair(stream, peer);
    }
  }

  public Pair pair() throws Exception {
    return pair(IOStreamOptions.defaults());
  }

  @Override
  public void close() {
    loop.shutdown();
  }
}
