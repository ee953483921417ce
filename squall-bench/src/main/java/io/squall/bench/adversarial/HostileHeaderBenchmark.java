package io.squall.bench.adversarial;

import io.squall.http.Cookies;
import io.squall.http.HttpHeaders;
import io.squall.http.internal.Http1RequestParser;
import io.squall.http.internal.ParserLimits;
import io.squall.http.internal.RequestHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * Headers built to make parsing quadratic, at 1k, 10k and 100k pieces. Linear parsing shows as a
 * time per operation that grows ten-fold from one size to the next (per piece: constant); a
 * quadratic one grows a hundred-fold.
 *
 * <ul>
 *   <li>{@code cookies}: a {@code Cookie} header of {@code n} {@code name=value} pairs
 *       (CVE-2024-52804, Tornado's quadratic cookie parsing).
 *   <li>{@code cookiesWithoutEquals}: {@code n} pieces without {@code '='} ({@code "a;a;a..."}),
 *       the shape that was quadratic in Squall's own {@link Cookies} before the fix (it looked for
 *       {@code '='} up to the end of the header for every piece).
 *   <li>{@code cookiesQuoted}: quoted values with escapes, which take the unquoting path.
 *   <li>{@code repeatedHeaders}: a request head with {@code n} fields of one name, parsed with the
 *       count and size limits lifted (GHSA-c98p-7wgm-6p64, Tornado's quadratic coalescing of
 *       repeated headers). With the default limits a head stops at 256 fields or 64 KiB.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostileHeaderBenchmark {
  @Param({"1000", "10000", "100000"})
  public int n;

  private String cookies;
  private String cookiesWithoutEquals;
  private String cookiesQuoted;
  private byte[] repeatedHead;
  private Http1RequestParser parser;

  @Setup
  public void setUp() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < n; i++) {
      a.append("c").append(i).append("=v").append(i).append("; ");
      b.append("a;");
      q.append("q").append(i).append("=\"x\\\\y\\073z\"; ");
    }
    cookies = a.toString();
    cookiesWithoutEquals = b.toString();
    cookiesQuoted = q.toString();
    StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < n; i++) {
      head.append("X-Repeat: v\r\n");
    }
    repeatedHead = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    parser =
        new Http1RequestParser(
            ParserLimits.DEFAULT.withMaxHeaderCount(n + 10).withMaxHeaderSize(repeatedHead.length));
  }

  @Benchmark
  public Map<String, String> cookies() {
    return Cookies.parse(cookies);
  }

  @Benchmark
  public Map<String, String> cookiesWithoutEquals() {
    return Cookies.parse(cookiesWithoutEquals);
  }

  @Benchmark
  public Map<String, String> cookiesQuoted() {
    return Cookies.parse(cookiesQuoted);
  }

  @Benchmark
  public int repeatedHeaders() throws Exception {
    parser.reset();
    RequestHead[] out = new RequestHead[1];
    parser.feed(
        ByteBuffer.wrap(repeatedHead),
        new Http1RequestParser.Listener() {
          @Override
          public void onHead(RequestHead head) {
            out[0] = head;
          }

          @Override
          public void onBodyChunk(ByteBuffer chunk) {}

          @Override
          public void onMessageComplete(HttpHeaders trailers) {}
        });
    return out[0].headers().getJoined("X-Repeat").length();
  }
}
