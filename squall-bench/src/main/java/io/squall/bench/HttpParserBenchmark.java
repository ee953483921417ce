package io.squall.bench;

import io.squall.http.HttpHeaders;
import io.squall.http.internal.Http1RequestParser;
import io.squall.http.internal.RequestHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one request with {@link Http1RequestParser}, the way a connection does: reset, feed until
 * the head, feed until the message is complete. Run with {@code -prof gc} to see the bytes
 * allocated per request ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpParserBenchmark {

  /** What Chrome sends for a script on a page it has visited: about 700 bytes, 15 fields. */
  static final String BROWSER_GET =
      "GET /static/app.js?v=3f2a9c HTTP/1.1\r\n"
          + "Host: localhost:8888\r\n"
          + "Connection: keep-alive\r\n"
          + "sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"\r\n"
          + "sec-ch-ua-mobile: ?0\r\n"
          + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36\r\n"
          + "sec-ch-ua-platform: \"Linux\"\r\n"
          + "Accept: */*\r\n"
          + "Sec-Fetch-Site: same-origin\r\n"
          + "Sec-Fetch-Mode: no-cors\r\n"
          + "Sec-Fetch-Dest: script\r\n"
          + "Referer: http://localhost:8888/tasks\r\n"
          + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
          + "Accept-Language: en-US,en;q=0.9\r\n"
          + "Cookie: _xsrf=2|7d1c8e0f|5b3f4f0e6a1c2d3e4f5a6b7c8d9e0f1a|1717000000;"
          + " user=\"2|1:0|10:1717000000|4:user|8:YWxpY2U=|0123456789abcdef\"\r\n"
          + "\r\n";

  /** A small form POST from a script. */
  static final String SMALL_POST =
      "POST /api/tasks HTTP/1.1\r\n"
          + "Host: localhost:8888\r\n"
          + "User-Agent: curl/8.5.0\r\n"
          + "Accept: */*\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: 38\r\n"
          + "\r\n"
          + "title=Buy+milk&due=2024-06-01&prio=high";

  private ByteBuffer get;
  private ByteBuffer getDirect;
  private ByteBuffer post;
  private Http1RequestParser parser;
  private Sink sink;

  /** Keeps what the parser reports, so nothing is optimised away. */
  static final class Sink implements Http1RequestParser.Listener {
    RequestHead head;
    long bodyBytes;
    HttpHeaders trailers;

    @Override
    public void onHead(RequestHead h) {
      head = h;
    }

    @Override
    public void onBodyChunk(ByteBuffer chunk) {
      bodyBytes += chunk.remaining();
    }

    @Override
    public void onMessageComplete(HttpHeaders t) {
      trailers = t;
    }
  }

  @Setup
  public void setup() {
    get = ByteBuffer.wrap(BROWSER_GET.getBytes(StandardCharsets.ISO_8859_1));
    byte[] g = BROWSER_GET.getBytes(StandardCharsets.ISO_8859_1);
    getDirect = ByteBuffer.allocateDirect(g.length).put(g).flip();
    post = ByteBuffer.wrap(SMALL_POST.getBytes(StandardCharsets.ISO_8859_1));
    parser = new Http1RequestParser();
    sink = new Sink();
    if (parse(get) == null || parse(post).contentLength() != 38 || parse(getDirect) == null) {
      throw new IllegalStateException("benchmark requests do not parse");
    }
  }

  private RequestHead parse(ByteBuffer buf) {
    buf.rewind();
    parser.reset();
    parser.feed(buf, sink); // up to the head
    parser.feed(buf, sink); // the body, if any, and completion
    if (parser.state() != Http1RequestParser.State.MESSAGE_COMPLETE) {
      throw new IllegalStateException("incomplete: " + parser.state());
    }
    return sink.head;
  }

  /** A typical browser GET, about 700 bytes of head, from a heap buffer. */
  @Benchmark
  public RequestHead browserGet() {
    return parse(get);
  }

  /** The same GET from a direct buffer (the parser copies lines out of it). */
  @Benchmark
  public RequestHead browserGetDirect() {
    return parse(getDirect);
  }

  /** A small urlencoded POST with a 38-byte body. */
  @Benchmark
  public RequestHead smallPost() {
    return parse(post);
  }
}
