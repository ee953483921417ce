package io.squall.iostream;

import static io.squall.iostream.LoopFixture.await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IOStreamReadTest {
  private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(US_ASCII);

  private LoopFixture fx;

  @BeforeEach
  void setUp() {
    fx = new LoopFixture("read-test");
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String str(byte[] b) {
    return new String(b, US_ASCII);
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(LoopFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("future succeeded: " + f.join());
  }

  /** Sends {@code message} in pieces cut at {@code cuts}, waiting until each piece was read. */
  private void sendInPieces(LoopFixture.Pair p, byte[] message, int... cuts) throws Exception {
    int from = 0;
    int buffered = 0;
    for (int cut : cuts) {
      p.send(Arrays.copyOfRange(message, from, cut));
      buffered += cut - from;
      int expected = buffered;
      fx.awaitOnLoop(() -> p.stream().readBufferSize() == expected);
      from = cut;
    }
    p.send(Arrays.copyOfRange(message, from, message.length));
  }

  @Test
  void readUntilFindsDelimiterSplitAtEveryBoundary() throws Exception {
    byte[] message = ascii("GET /abcdef HTTP\r\n\r\n"); // 20 bytes, 4-byte delimiter
    assertThat(message).hasSize(20);
    for (int cut = 1; cut < message.length; cut++) {
      try (LoopFixture.Pair p = fx.pair()) {
        CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF, 100));
        sendInPieces(p, message, cut);
        assertThat(str(await(f))).as("cut at %d", cut).isEqualTo(str(message));
        fx.run(() -> p.stream().close());
      }
    }
  }

  @Test
  void readUntilFindsDelimiterArrivingOneByteAtATime() throws Exception {
    // near-misses of the delimiter before the real one, which ends at byte 14
    byte[] message = ascii("abc\r\nd\r\r\n\r\r\n\r\n\r\nrest");
    int[] cuts = new int[13];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF));
      sendInPieces(p, message, cuts);
      assertThat(str(await(f))).isEqualTo("abc\r\nd\r\r\n\r\r\n\r\n");
      CompletableFuture<byte[]> rest = fx.start(() -> p.stream().readBytes(6));
      assertThat(str(await(rest))).isEqualTo("\r\nrest");
    }
  }

  @Test
  void readUntilLeavesFollowingBytesBufferedAndServesThemWithoutSocketRead() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      p.send(ascii("one\r\n\r\ntwo\r\n\r\nthree"));
      fx.awaitOnLoop(() -> p.stream().readBufferSize() > 0 || p.stream().reading());
      CompletableFuture<byte[]> first = fx.start(() -> p.stream().readUntil(CRLFCRLF));
      assertThat(str(await(first))).isEqualTo("one\r\n\r\n");
      fx.awaitOnLoop(() -> p.stream().readBufferSize() == "two\r\n\r\nthree".length());
      // data already buffered: the future is complete when readUntil returns
      boolean doneAtOnce = fx.call(() -> p.stream().readUntil(CRLFCRLF).isDone());
      assertThat(doneAtOnce).isTrue();
      assertThat(fx.call(() -> p.stream().readBufferSize())).isEqualTo(5);
    }
  }

  @Test
  void pipelinedMessagesReadFromCompletionCallbacksDoNotDeepenTheStack() throws Exception {
    int count = 20_000;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i).append('\n');
    }
    byte[] all = ascii(sb.toString());
    try (LoopFixture.Pair p = fx.pair(IOStreamOptions.builder().readChunkSize(1 << 20).build())) {
      List<String> got = new ArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();
      AtomicInteger maxDepth = new AtomicInteger();
      int baseDepth = fx.call(() -> Thread.currentThread().getStackTrace().length);
      fx.run(() -> readLines(p.stream(), got, count, done, maxDepth));
      p.send(all);
      await(done);
      assertThat(got).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(got.get(i)).isEqualTo(i + "\n");
      }
      // each read started inside a completion must not nest another completion
      assertThat(maxDepth.get() - baseDepth).isLessThan(200);
    }
  }

  private static void readLines(
      IOStream s, List<String> got, int count, CompletableFuture<Void> done, AtomicInteger depth) {
    s.readUntil(new byte[] {'\n'})
        .whenComplete(
            (line, e) -> {
              if (e != null) {
                done.completeExceptionally(e);
                return;
              }
              got.add(new String(line, US_ASCII));
              if (got.size() % 1000 == 0) { // sampled: stack walks are slow
                depth.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
              }
              if (got.size() == count) {
                done.complete(null);
              } else {
                readLines(s, got, count, done, depth);
              }
            });
  }

  @Test
  void onlyOneReadMayBePending() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      fx.start(() -> p.stream().readBytes(10));
      assertThatThrownBy(() -> fx.call(() -> p.stream().readUntil(CRLFCRLF)))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void readBytesWaitsForAllBytesUnlessPartial() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readBytes(10));
      p.send(ascii("abc"));
      fx.awaitOnLoop(() -> p.stream().readBufferSize() == 3);
      assertThat(f).isNotDone();
      p.send(ascii("defghijKL"));
      assertThat(str(await(f))).isEqualTo("abcdefghij");

      CompletableFuture<byte[]> partial = fx.start(() -> p.stream().readBytes(10, true));
      assertThat(str(await(partial))).isEqualTo("KL"); // what was there, without waiting for 10

      CompletableFuture<byte[]> partial2 = fx.start(() -> p.stream().readBytes(3, true));
      p.send(ascii("12345"));
      assertThat(str(await(partial2))).isEqualTo("123"); // never more than asked
      assertThat(str(await(fx.start(() -> p.stream().readBytes(0))))).isEmpty();
      assertThat(str(await(fx.start(() -> p.stream().readBytes(2))))).isEqualTo("45");
    }
  }

  @Test
  void readIntoFillsTheTargetFromBufferThenSocket() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      ByteBuffer target = ByteBuffer.allocate(10);
      CompletableFuture<Integer> f = fx.start(() -> p.stream().readInto(target));
      p.send(ascii("hello"));
      fx.awaitOnLoop(() -> target.position() == 5);
      assertThat(f).isNotDone();
      p.send(ascii("world!!"));
      assertThat(await(f)).isEqualTo(10);
      assertThat(str(target.array())).isEqualTo("helloworld");

      // "!!" may be buffered or still in the socket: a partial read returns it without waiting
      ByteBuffer t2 = ByteBuffer.allocateDirect(10);
      CompletableFuture<Integer> g = fx.start(() -> p.stream().readInto(t2, true));
      assertThat(await(g)).isEqualTo(2);
      t2.flip();
      byte[] out = new byte[t2.remaining()];
      t2.get(out);
      assertThat(str(out)).isEqualTo("!!");
      assertThat(await(fx.start(() -> p.stream().readInto(ByteBuffer.allocate(0))))).isZero();
    }
  }

  @Test
  void readUntilRegexMatchesAcrossChunks() throws Exception {
    Pattern p2 = Pattern.compile("(\\d+);");
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntilRegex(p2, 100));
      byte[] msg = ascii("abc 12345; tail");
      sendInPieces(p, msg, 6, 9);
      assertThat(str(await(f))).isEqualTo("abc 12345;");
      assertThat(str(await(fx.start(() -> p.stream().readBytes(5))))).isEqualTo(" tail");

      // high bytes are matched as ISO-8859-1 characters
      CompletableFuture<byte[]> g =
          fx.start(() -> p.stream().readUntilRegex(Pattern.compile("\u00ff\u00fe")));
      p.send(new byte[] {'x', (byte) 0xff, (byte) 0xfe, 'y'});
      assertThat(await(g)).containsExactly('x', 0xff, 0xfe);
    }
  }

  @Test
  void readUntilRegexBeyondMaxBytesFails() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f =
          fx.start(() -> p.stream().readUntilRegex(Pattern.compile("def"), 5));
      p.send(ascii("abcdef"));
      assertThat(failure(f)).isInstanceOf(UnsatisfiableReadError.class);
      assertThat(fx.call(() -> p.stream().closed())).isTrue();
    }
  }

  @Test
  void readUntilMaxBytesIsExact() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(ascii("def"), 6));
      p.send(ascii("abcdef"));
      assertThat(str(await(f))).isEqualTo("abcdef"); // just enough room
    }
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(ascii("def"), 5));
      p.send(ascii("abcdef")); // the delimiter arrives, but ends past the limit
      Throwable e = failure(f);
      assertThat(e).isInstanceOf(UnsatisfiableReadError.class);
      assertThat(fx.call(() -> p.stream().closed())).isTrue();
      assertThat(fx.call(() -> p.stream().error())).isSameAs(e);
    }
  }

  @Test
  void readUntilMaxBytesExceededWithoutDelimiterFailsAndClosesEvenWhenBuffered() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      AtomicBoolean closedCallback = new AtomicBoolean();
      CompletableFuture<Void> closed = new CompletableFuture<>();
      fx.run(
          () ->
              p.stream()
                  .setCloseCallback(
                      () -> {
                        closedCallback.set(true);
                        closed.complete(null);
                      }));
      p.send(ascii("0123456789012345678901234567890"));
      fx.awaitOnLoop(() -> p.stream().readBufferSize() > 0);
      // inline: the buffered bytes already break the limit
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF, 10));
      assertThat(failure(f)).isInstanceOf(UnsatisfiableReadError.class);
      await(closed);
      assertThat(closedCallback).isTrue();
      // later reads fail with StreamClosedError carrying the reason
      Throwable later = failure(fx.start(() -> p.stream().readUntil(CRLFCRLF)));
      assertThat(later).isInstanceOf(StreamClosedError.class);
      assertThat(later.getCause()).isInstanceOf(UnsatisfiableReadError.class);
    }
  }

  @Test
  void readBeyondMaxBufferSizeFailsWithBufferFull() throws Exception {
    IOStreamOptions small =
        IOStreamOptions.builder().maxBufferSize(1024).readChunkSize(256).build();
    try (LoopFixture.Pair p = fx.pair(small)) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF));
      p.send(new byte[4096]);
      assertThat(failure(f)).isInstanceOf(StreamBufferFullError.class);
      assertThat(fx.call(() -> p.stream().closed())).isTrue();
      assertThat(fx.call(() -> p.stream().readBufferSize())).isLessThanOrEqualTo(1024);
    }
  }

  @Test
  void idleStreamStopsReadingInsteadOfBufferingWithoutBound() throws Exception {
    IOStreamOptions small =
        IOStreamOptions.builder().maxBufferSize(4096).readChunkSize(1024).build();
    try (LoopFixture.Pair p = fx.pair(small)) {
      byte[] data = new byte[100 * 1024];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) i;
      }
      Thread sender =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      p.send(data);
                    } catch (Exception e) {
                      // fails the assertions below
                    }
                  });
      fx.awaitOnLoop(() -> p.stream().readBufferSize() > 0);
      assertThat(fx.call(() -> p.stream().readBufferSize())).isLessThanOrEqualTo(1024);
      // small reads drain it gradually, never exceeding the limit
      for (int off = 0; off < data.length; off += 1000) {
        int n = Math.min(1000, data.length - off);
        byte[] got = await(fx.start(() -> p.stream().readBytes(n)));
        assertThat(got).isEqualTo(Arrays.copyOfRange(data, off, off + n));
        assertThat(fx.call(() -> p.stream().readBufferSize())).isLessThanOrEqualTo(4096);
      }
      sender.join();
    }
  }

  @Test
  void peerResetMidReadFailsWithStreamClosedErrorCarryingTheCause() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF));
      p.send(ascii("partial"));
      fx.awaitOnLoop(() -> p.stream().readBufferSize() == 7);
      p.peer().setOption(StandardSocketOptions.SO_LINGER, 0);
      p.peer().close(); // RST
      Throwable e = failure(f);
      assertThat(e).isInstanceOf(StreamClosedError.class);
      assertThat(e.getCause()).isInstanceOf(SocketException.class);
      assertThat(fx.call(() -> p.stream().error())).isSameAs(e.getCause());
    }
  }

  @Test
  void eofMidReadFailsWithStreamClosedError() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntil(CRLFCRLF));
      p.send(ascii("abc"));
      p.peer().shutdownOutput();
      Throwable e = failure(f);
      assertThat(e).isInstanceOf(StreamClosedError.class);
      assertThat(e.getCause()).isInstanceOf(EOFException.class);
      // the unconsumed bytes may still be read
      assertThat(str(await(fx.start(() -> p.stream().readBytes(3))))).isEqualTo("abc");
    }
  }

  @Test
  void halfCloseDeliversBufferedMessagesBeforeFailing() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      p.send(ascii("line1\nline2\npartial"));
      p.peer().shutdownOutput();
      byte[] nl = {'\n'};
      assertThat(str(await(fx.start(() -> p.stream().readUntil(nl))))).isEqualTo("line1\n");
      assertThat(str(await(fx.start(() -> p.stream().readUntil(nl))))).isEqualTo("line2\n");
      assertThat(failure(fx.start(() -> p.stream().readUntil(nl))))
          .isInstanceOf(StreamClosedError.class);
      assertThat(fx.call(() -> p.stream().closed())).isTrue();
    }
  }

  @Test
  void readUntilCloseReturnsEverythingAtEof() throws Exception {
    try (LoopFixture.Pair p = fx.pair(IOStreamOptions.builder().readChunkSize(4096).build())) {
      byte[] data = new byte[300_000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31);
      }
      CompletableFuture<byte[]> f = fx.start(() -> p.stream().readUntilClose());
      p.send(data);
      p.peer().close();
      assertThat(await(f)).isEqualTo(data);
      // after the close, a new readUntilClose gets what is left: nothing
      assertThat(await(fx.start(() -> p.stream().readUntilClose()))).isEmpty();
    }
  }

  @Test
  void readUntilCloseAfterPartialReadsReturnsTheRest() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      p.send(ascii("1234"));
      assertThat(str(await(fx.start(() -> p.stream().readBytes(1))))).isEqualTo("1");
      p.peer().close();
      assertThat(str(await(fx.start(() -> p.stream().readUntilClose())))).isEqualTo("234");
    }
  }

  @Test
  void localCloseFailsPendingReadAndRunsCloseCallbackLater() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<Void> callback = new CompletableFuture<>();
      List<String> order = new ArrayList<>();
      CompletableFuture<byte[]> f =
          fx.call(
              () -> {
                p.stream()
                    .setCloseCallback(
                        () -> {
                          order.add("callback");
                          callback.complete(null);
                        });
                CompletableFuture<byte[]> r = p.stream().readBytes(5);
                r.whenComplete((v, e) -> order.add("read failed"));
                p.stream().close();
                order.add("closed");
                return r;
              });
      Throwable e = failure(f);
      assertThat(e).isInstanceOf(StreamClosedError.class);
      assertThat(e.getCause()).isNull();
      await(callback);
      assertThat(order).containsExactly("read failed", "closed", "callback");
      assertThat(p.peer().read(ByteBuffer.allocate(1))).isEqualTo(-1);
    }
  }

  @Test
  void closeCallbackOnIdleStreamRunsWhenPeerCloses() throws Exception {
    try (LoopFixture.Pair p = fx.pair()) {
      CompletableFuture<Throwable> closed = new CompletableFuture<>();
      fx.run(() -> p.stream().setCloseCallback(() -> closed.complete(p.stream().error())));
      p.peer().close();
      assertThat(await(closed)).isInstanceOf(EOFException.class);
      assertThat(fx.call(() -> p.stream().ioLoop().handlerCount())).isZero();
    }
  }
}
