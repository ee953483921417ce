package io.squall.bench.http;

import io.squall.http.DateHeaderCache;
import io.squall.http.HttpHeaders;
import io.squall.http.ResponseStartLine;
import io.squall.ioloop.IOLoop;
import io.squall.iostream.IOStream;
import io.squall.iostream.IOStreamOptions;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The response head as the server frames it: the connection's own {@code ResponseFramer} (package
 * private in {@code io.squall.http.internal}, reached by reflection once in setup) turns a status
 * line and {@link HttpHeaders} into bytes, adds {@code Date} from the {@link DateHeaderCache}, and
 * queues the head on its output batcher. The batcher's queue is emptied after each operation; the
 * stream is never written (its loop never runs), so one operation is the encoding alone.
 *
 * <p>The headers are the ones Squall's web layer sends for {@code /hello} and {@code /json} ({@code
 * Content-Type}, {@code Server}, {@code Etag}, {@code Content-Length}; the framer adds {@code
 * Date}). {@code helloWithHeaders} also builds the {@link HttpHeaders} per operation the way {@code
 * RequestHandler} does (a copy of its defaults, then three {@code set}s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseHeadBenchmark {
  private static final ResponseStartLine OK = new ResponseStartLine("HTTP/1.1", 200, "OK");
  private static final HttpHeaders DEFAULTS =
      HttpHeaders.of("Content-Type", "text/html; charset=UTF-8", "Server", "Squall");
  private static final String HELLO_ETAG = "\"ba1a1ee1c8df8c4e9b8ac6b5d7c52f51a41c9a1b\"";
  private static final String JSON_ETAG = "\"2ef7bde608ce5404e97d5f042f95f89f1c232871\"";

  private ServerSocketChannel listener;
  private SocketChannel client;
  private SocketChannel accepted;
  private IOLoop loop;
  private IOStream stream;
  private Object framer;
  private List<?> queued;
  private MethodHandle reset;
  private MethodHandle writeHead;
  private HttpHeaders hello;
  private HttpHeaders json;

  @Setup
  public void setup() throws Throwable {
    listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    client = SocketChannel.open(listener.getLocalAddress());
    accepted = listener.accept();
    loop = new IOLoop("head-bench"); // never started: nothing is written
    stream = new IOStream(accepted, loop, IOStreamOptions.defaults());

    Class<?> batcherClass = Class.forName("io.squall.http.internal.OutputBatcher");
    Class<?> framerClass = Class.forName("io.squall.http.internal.ResponseFramer");
    Constructor<?> bc = batcherClass.getDeclaredConstructor(IOStream.class);
    bc.setAccessible(true);
    Object batcher = bc.newInstance(stream);
    Constructor<?> fc =
        framerClass.getDeclaredConstructor(IOStream.class, batcherClass, DateHeaderCache.class);
    fc.setAccessible(true);
    framer = fc.newInstance(stream, batcher, DateHeaderCache.shared());
    Field out = batcherClass.getDeclaredField("out");
    out.setAccessible(true);
    queued = (List<?>) out.get(batcher);

    MethodHandles.Lookup lookup =
        MethodHandles.privateLookupIn(framerClass, MethodHandles.lookup());
    reset =
        lookup
            .findVirtual(framerClass, "reset", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class));
    writeHead =
        lookup
            .findVirtual(
                framerClass,
                "writeHead",
                MethodType.methodType(
                    CompletableFuture.class,
                    ResponseStartLine.class,
                    HttpHeaders.class,
                    boolean.class,
                    boolean.class,
                    byte[].class))
            .asType(
                MethodType.methodType(
                    CompletableFuture.class,
                    Object.class,
                    ResponseStartLine.class,
                    HttpHeaders.class,
                    boolean.class,
                    boolean.class,
                    byte[].class));

    hello = helloHeaders();
    json = new HttpHeaders(DEFAULTS);
    json.set("Content-Type", "application/json; charset=UTF-8");
    json.set("Etag", JSON_ETAG);
    json.set("Content-Length", "27");

    frame(hello);
    ByteBuffer head = (ByteBuffer) queued.get(0);
    String text =
        new String(
            head.array(),
            head.position(),
            head.remaining(),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 200 OK\r\n")
        || !text.contains("\r\nDate: ")
        || !text.endsWith("\r\n\r\n")) {
      throw new IllegalStateException("unexpected head: " + text);
    }
    queued.clear();
  }

  private static HttpHeaders helloHeaders() {
    HttpHeaders h = new HttpHeaders(DEFAULTS);
    h.set("Content-Type", "text/plain; charset=UTF-8");
    h.set("Etag", HELLO_ETAG);
    h.set("Content-Length", "12");
    return h;
  }

  @TearDown
  public void tearDown() throws IOException {
    stream.close();
    loop.close(true);
    client.close();
    accepted.close();
    listener.close();
  }

  private Object frame(HttpHeaders headers) throws Throwable {
    reset.invokeExact(framer);
    Object f =
        (CompletableFuture<?>)
            writeHead.invokeExact(framer, OK, headers, true, true, (byte[]) null);
    queued.clear();
    return f;
  }

  /** The /hello head: 6 fields with Date. */
  @Benchmark
  public Object helloHead() throws Throwable {
    return frame(hello);
  }

  /** The /json head. */
  @Benchmark
  public Object jsonHead() throws Throwable {
    return frame(json);
  }

  /** The /hello head with its {@link HttpHeaders} built per operation as the web layer does. */
  @Benchmark
  public Object helloWithHeaders() throws Throwable {
    return frame(helloHeaders());
  }
}
