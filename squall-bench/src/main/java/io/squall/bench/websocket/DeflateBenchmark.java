package io.squall.bench.websocket;

import io.squall.websocket.internal.FrameParser;
import io.squall.websocket.internal.FrameWriter;
import io.squall.websocket.internal.MessageCompressor;
import io.squall.websocket.internal.MessageDecompressor;
import io.squall.websocket.internal.Role;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * permessage-deflate (RFC 7692) on a 1 KiB JSON message, through the codec as a connection uses it:
 * {@code compress*} frames the message on the server's {@link FrameWriter} with a {@link
 * MessageCompressor} (default level), with and without context takeover; {@code decompress} parses
 * a compressed, masked client frame with a server {@link FrameParser} and a {@link
 * MessageDecompressor} ({@code no_context_takeover}, so the same frame can be fed again and again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeflateBenchmark {
  private String message;
  private MessageCompressor takeover;
  private MessageCompressor noTakeover;
  private MessageCompressor clientCompressor;
  private MessageDecompressor decompressor;
  private FrameWriter withTakeover;
  private FrameWriter withoutTakeover;
  private FrameParser parser;
  private ByteBuffer clientFrame;
  private final FrameCodecBenchmark.Received received = new FrameCodecBenchmark.Received();

  /** A 1 KiB JSON document: a list of tasks, as an application would push. */
  static String json1k() {
    StringBuilder sb = new StringBuilder("{\"tasks\":[");
    for (int i = 0; sb.length() < 1000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":")
          .append(1000 + i)
          .append(",\"title\":\"Task number ")
          .append(i)
          .append("\",\"done\":")
          .append(i % 3 == 0)
          .append(",\"owner\":\"user")
          .append(i % 7)
          .append("\"}");
    }
    sb.append("]}");
    return sb.toString();
  }

  @Setup
  public void setup() throws Exception {
    message = json1k();
    takeover = new MessageCompressor(Deflater.DEFAULT_COMPRESSION, false);
    noTakeover = new MessageCompressor(Deflater.DEFAULT_COMPRESSION, true);
    withTakeover = new FrameWriter(Role.SERVER, takeover, 0);
    withoutTakeover = new FrameWriter(Role.SERVER, noTakeover, 0);
    clientCompressor = new MessageCompressor(Deflater.DEFAULT_COMPRESSION, true);
    FrameWriter client = new FrameWriter(Role.CLIENT, clientCompressor, 0, new SplittableRandom(7));
    clientFrame = FrameCodecBenchmark.concat(client.text(message));
    decompressor = new MessageDecompressor(true);
    parser = new FrameParser(Role.SERVER, 1 << 20, decompressor, received);
    decompress();
    decompress();
    if (!message.equals(received.text)) {
      throw new IllegalStateException("the inflated message differs");
    }
  }

  @TearDown
  public void tearDown() {
    takeover.close();
    noTakeover.close();
    clientCompressor.close();
    decompressor.close();
  }

  /** Compresses and frames one message, keeping the window between messages (the default). */
  @Benchmark
  public ByteBuffer[] compressContextTakeover() {
    return withTakeover.text(message);
  }

  /** Compresses and frames one message with the window reset after each. */
  @Benchmark
  public ByteBuffer[] compressNoContextTakeover() {
    return withoutTakeover.text(message);
  }

  /** Parses, unmasks and inflates one compressed client message. */
  @Benchmark
  public String decompress() throws Exception {
    parser.feed(clientFrame.duplicate());
    return received.text;
  }
}
