package io.squall.iostream;

import static io.squall.iostream.LoopFixture.await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IOStreamWriteTest {
  private LoopFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoopFixture("write-test");
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(LoopFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("future succeeded");
  }

  @Test
  void smallWriteIsHandedToTheKernelAtOnce() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      boolean done =
          fx.call(
              () -> {
                CompletableFuture<Void> f = p.stream().write("hello".getBytes(US_ASCII));
                return f.isDone() && p.stream().writeBufferSize() == 0 && !p.stream().writing();
              });
      assertThat(done).isTrue();
      assertThat(new String(p.receive(5), US_ASCII)).isEqualTo("hello");
    }
  }

  @Test
  void gatheringWriteKeepsOrderAcrossBuffersAndCalls() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<Void> last =
          fx.call(
              () -> {
                p.stream().write(ByteBuffer.wrap(new byte[] {'a', 'b'}), ByteBuffer.allocate(0));
                p.stream().write(new byte[0]);
                ByteBuffer direct = ByteBuffer.allocateDirect(3);
                direct.put(new byte[] {'c', 'd', 'e'}).flip();
                return p.stream().write(direct, ByteBuffer.wrap(new byte[] {'f'}));
              });
      await(last);
      assertThat(new String(p.receive(6), US_ASCII)).isEqualTo("abcdef");
    }
  }

  @Test
  void producerWaitingOnWritableKeepsTheQueueBounded() throws Exception {
    long hwm = 64 * 1024;
    int chunk = 16 * 1024;
    long total = 8L * 1024 * 1024;
    IOStreamOptions opts =
        IOStreamOptions.builder().writeHighWaterMark(hwm).writeLowWaterMark(16 * 1024).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      AtomicLong maxQueued = new AtomicLong();
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> allQueued = new CompletableFuture<>();
      CompletableFuture<Void> firstStall = new CompletableFuture<>();
      fx.run(() -> pump(p.stream(), chunk, total, sent, maxQueued, allQueued, firstStall));

      // the peer does not read yet: the producer stalls, the queue stays bounded
      await(firstStall);
      assertThat(fx.call(() -> p.stream().isWritable())).isFalse();
      CompletableFuture<Void> writable = fx.call(() -> p.stream().writable());
      assertThat(writable).isNotDone();
      long queued = fx.call(() -> p.stream().writeBufferSize());
      assertThat(queued).isGreaterThan(hwm).isLessThanOrEqualTo(hwm + chunk);
      assertThat(sent.get()).isLessThan(total);

      // now read everything; the producer resumes each time the queue drains
      MessageDigest got = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long received = 0;
      while (received < total) {
        buf.clear();
        int n = p.peer().read(buf);
        assertThat(n).isPositive();
        got.update(buf.array(), 0, n);
        received += n;
      }
      await(allQueued);
      assertThat(received).isEqualTo(total);
      assertThat(got.digest()).isEqualTo(expectedDigest(chunk, total));
      assertThat(maxQueued.get()).isLessThanOrEqualTo(hwm + chunk);
      assertThat(writable).succeedsWithin(java.time.Duration.ofSeconds(5));
    }
  }

  private static byte[] chunkData(int chunk, long index) {
    byte[] b = new byte[chunk];
    Arrays.fill(b, (byte) index);
    return b;
  }

  private static byte[] expectedDigest(int chunk, long total) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (long i = 0; i * chunk < total; i++) {
      d.update(chunkData(chunk, i));
    }
    return d.digest();
  }

  private static void pump(
      IOStream s,
      int chunk,
      long total,
      AtomicLong sent,
      AtomicLong maxQueued,
      CompletableFuture<Void> done,
      CompletableFuture<Void> firstStall) {
    while (sent.get() < total && s.isWritable()) {
      s.write(chunkData(chunk, sent.get() / chunk));
      sent.addAndGet(chunk);
      maxQueued.accumulateAndGet(s.writeBufferSize(), Math::max);
    }
    if (sent.get() >= total) {
      s.write(new byte[0]).whenComplete((v, e) -> done.complete(null));
      return;
    }
    firstStall.complete(null);
    s.writable()
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                done.completeExceptionally(e);
              } else {
                pump(s, chunk, total, sent, maxQueued, done, firstStall);
              }
            });
  }

  @Test
  void closeFailsQueuedWritesAndWritableWaiters() throws Exception {
    IOStreamOptions opts = IOStreamOptions.builder().writeHighWaterMark(1024).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      CompletableFuture<Void> writable =
          fx.call(
              () -> {
                while (p.stream().writeBufferSize() == 0) { // fill the socket buffers
                  writes.add(p.stream().write(new byte[256 * 1024]));
                }
                writes.add(p.stream().write(new byte[1024]));
                return p.stream().writable();
              });
      CompletableFuture<Void> lastWrite = writes.get(writes.size() - 1);
      assertThat(lastWrite).isNotDone();
      fx.run(() -> p.stream().close());
      assertThat(failure(lastWrite)).isInstanceOf(StreamClosedError.class);
      assertThat(failure(writable)).isInstanceOf(StreamClosedError.class);
      assertThat(failure(fx.call(() -> p.stream().write(new byte[1]))))
          .isInstanceOf(StreamClosedError.class);
      assertThat(fx.call(() -> p.stream().writeBufferSize())).isZero();
    }
  }

  @Test
  void writeToResetPeerClosesTheStream() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      p.peer().setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
      p.peer().close();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      fx.run(() -> p.stream().setCloseCallback(() -> closed.complete(null)));
      // keep writing until the reset is noticed
      CompletableFuture<Void> failed = new CompletableFuture<>();
      fx.run(() -> writeUntilFailure(p.stream(), failed));
      assertThat(failure(failed)).isInstanceOf(StreamClosedError.class);
      await(closed);
      assertThat(fx.call(() -> p.stream().error())).isInstanceOf(IOException.class);
    }
  }

  private static void writeUntilFailure(IOStream s, CompletableFuture<Void> failed) {
    s.write(new byte[1024])
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                failed.completeExceptionally(e);
              } else {
                s.ioLoop().addCallback(() -> writeUntilFailure(s, failed));
              }
            });
  }

  @Test
  void transferFromSendsFileRegionsInOrderWithOtherWrites(@TempDir Path dir) throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 123];
    new Random(7).nextBytes(content);
    Path file = dir.resolve("data.bin");
    Files.write(file, content);
    try (LoopFixture.Pair p = fx.pair();
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
      CompletableFuture<Void> done =
          fx.call(
              () -> {
                p.stream().write("HEAD".getBytes(US_ASCII));
                p.stream().transferFrom(fc, 0, content.length);
                p.stream().write("MID".getBytes(US_ASCII));
                p.stream().transferFrom(fc, 1000, 500);
                return p.stream().write("TAIL".getBytes(US_ASCII));
              });
      byte[] head = p.receive(4);
      byte[] whole = p.receive(content.length);
      byte[] mid = p.receive(3);
      byte[] region = p.receive(500);
      byte[] tail = p.receive(4);
      await(done);
      assertThat(new String(head, US_ASCII)).isEqualTo("HEAD");
      assertThat(whole).isEqualTo(content);
      assertThat(new String(mid, US_ASCII)).isEqualTo("MID");
      assertThat(region).isEqualTo(Arrays.copyOfRange(content, 1000, 1500));
      assertThat(new String(tail, US_ASCII)).isEqualTo("TAIL");
    }
  }

  @Test
  void transferFromPastEndOfFileClosesTheStream(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("short.bin");
    Files.write(file, new byte[100]);
    try (LoopFixture.Pair p = fx.pair();
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
      CompletableFuture<Void> f = fx.call(() -> p.stream().transferFrom(fc, 0, 200));
      Throwable e = failure(f);
      assertThat(e).isInstanceOf(StreamClosedError.class);
      assertThat(e.getCause()).isInstanceOf(java.io.EOFException.class);
    }
  }

  @Test
  void aWritePastTheCapClosesTheStreamInsteadOfQueuing() throws Exception {
    long cap = 1024 * 1024;
    IOStreamOptions opts = IOStreamOptions.builder().maxWriteBufferSize(cap).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      AtomicLong maxQueued = new AtomicLong();
      CompletableFuture<Void> failed = new CompletableFuture<>();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      fx.run(
          () -> {
            p.stream().setCloseCallback(() -> closed.complete(null));
            // the peer reads nothing: write without waiting until the stream refuses
            for (int i = 0; i < 10_000 && !failed.isDone(); i++) {
              p.stream()
                  .write(new byte[64 * 1024])
                  .whenComplete(
                      (v, e) -> {
                        if (e != null) {
                          failed.completeExceptionally(e);
                        }
                      });
              maxQueued.accumulateAndGet(p.stream().writeBufferSize(), Math::max);
            }
          });
      assertThat(failure(failed)).isInstanceOf(StreamClosedError.class);
      await(closed);
      assertThat(fx.call(() -> p.stream().error())).isInstanceOf(StreamBufferFullError.class);
      assertThat(maxQueued.get()).isPositive().isLessThanOrEqualTo(cap);
    }
  }

  @Test
  void aWriteIntoAnEmptyQueueIsTakenWhateverItsSize() throws Exception {
    IOStreamOptions opts = IOStreamOptions.builder().maxWriteBufferSize(1024).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      byte[] big = new byte[4 * 1024 * 1024];
      new Random(7).nextBytes(big);
      CompletableFuture<Void> sent = fx.start(() -> p.stream().write(big));
      assertThat(p.receive(big.length)).isEqualTo(big);
      await(sent);
      assertThat(fx.call(() -> p.stream().closed())).isFalse();
    }
  }

  @Test
  void aPeerThatTakesNothingForTheWriteTimeoutGetsTheStreamClosed() throws Exception {
    IOStreamOptions opts =
        IOStreamOptions.builder().writeTimeout(java.time.Duration.ofMillis(200)).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      CompletableFuture<Void> closed = new CompletableFuture<>();
      CompletableFuture<Void> last =
          fx.call(
              () -> {
                p.stream().setCloseCallback(() -> closed.complete(null));
                CompletableFuture<Void> f = null;
                while (p.stream().writeBufferSize() == 0) { // fill the socket buffers
                  f = p.stream().write(new byte[256 * 1024]);
                }
                return f;
              });
      await(closed);
      assertThat(fx.call(() -> p.stream().error())).isInstanceOf(WriteTimeoutError.class);
      assertThat(failure(last)).isInstanceOf(StreamClosedError.class);
    }
  }

  @Test
  void withoutAStallTheWriteTimeoutNeverFires() throws Exception {
    IOStreamOptions opts =
        IOStreamOptions.builder().writeTimeout(java.time.Duration.ofMillis(50)).build();
    try (LoopFixture.Pair p = fx.pair(opts)) {
      for (int i = 0; i < 5; i++) {
        await(fx.start(() -> p.stream().write(new byte[1000])));
        p.receive(1000);
        Thread.sleep(100); // idle with an empty queue: longer than the timeout, nothing queued
      }
      assertThat(fx.call(() -> p.stream().closed())).isFalse();
    }
  }

  @Test
  void shutdownOutputSendsEndOfStreamAndReadsGoOn() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      await(fx.start(() -> p.stream().write("bye".getBytes(US_ASCII))));
      fx.run(() -> p.stream().shutdownOutput());
      assertThat(new String(p.receive(3), US_ASCII)).isEqualTo("bye");
      assertThat(p.peer().read(ByteBuffer.allocate(1))).isEqualTo(-1);
      CompletableFuture<byte[]> read = fx.start(() -> p.stream().readBytes(4));
      p.send("more".getBytes(US_ASCII));
      assertThat(new String(await(read), US_ASCII)).isEqualTo("more");
    }
  }
}
