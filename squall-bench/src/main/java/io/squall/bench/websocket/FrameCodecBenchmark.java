package io.squall.bench.websocket;

import io.squall.websocket.internal.FrameListener;
import io.squall.websocket.internal.FrameParser;
import io.squall.websocket.internal.FrameWriter;
import io.squall.websocket.internal.Role;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebSocket frame codec without compression: {@code serverText} frames a text message as the
 * server sends it ({@link FrameWriter}, unmasked, one frame), {@code parseClientText} decodes the
 * masked frame a client sends ({@link FrameParser} on the server side, with UTF-8 validation and
 * the message handed to the listener as a {@code String}). Sizes: 16 B, 1 KiB and 64 KiB of ASCII
 * text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCodecBenchmark {
  @Param({"16", "1024", "65536"})
  public int size;

  private String message;
  private FrameWriter serverWriter;
  private FrameParser serverParser;
  private ByteBuffer clientFrame;
  private final Received received = new Received();

  /** Keeps the last message so the parse is not optimised away. */
  static final class Received implements FrameListener {
    String text;

    @Override
    public void onText(String message) {
      text = message;
    }

    @Override
    public void onBinary(byte[] message) {}

    @Override
    public void onPing(byte[] payload) {}

    @Override
    public void onPong(byte[] payload) {}

    @Override
    public void onClose(int code, String reason) {}
  }

  /** ASCII text of {@code n} bytes that looks like a chat payload. */
  static String text(int n) {
    String unit = "{\"user\":\"alice\",\"text\":\"hello there\"} ";
    StringBuilder sb = new StringBuilder(n);
    while (sb.length() < n) {
      sb.append(unit);
    }
    sb.setLength(n);
    return sb.toString();
  }

  /** Concatenates framed buffers into one heap buffer. */
  static ByteBuffer concat(ByteBuffer[] parts) {
    int n = 0;
    for (ByteBuffer b : parts) {
      n += b.remaining();
    }
    ByteBuffer all = ByteBuffer.allocate(n);
    for (ByteBuffer b : parts) {
      all.put(b.duplicate());
    }
    return all.flip();
  }

  @Setup
  public void setup() throws Exception {
    message = text(size);
    serverWriter = new FrameWriter(Role.SERVER, null, 0);
    serverParser = new FrameParser(Role.SERVER, 16 << 20, null, received);
    FrameWriter clientWriter = new FrameWriter(Role.CLIENT, null, 0, new SplittableRandom(42));
    clientFrame = concat(clientWriter.text(message));
    parseClientText();
    if (!message.equals(received.text)) {
      throw new IllegalStateException("the parsed message differs");
    }
  }

  /** Frames one text message as the server sends it. */
  @Benchmark
  public ByteBuffer[] serverText() {
    return serverWriter.text(message);
  }

  /** Parses one masked text frame from a client. */
  @Benchmark
  public String parseClientText() throws Exception {
    serverParser.feed(clientFrame.duplicate());
    return received.text;
  }
}
