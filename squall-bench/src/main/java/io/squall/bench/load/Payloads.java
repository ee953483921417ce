package io.squall.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** What every load server answers, and the helpers the peers share. */
final class Payloads {
  static final String HELLO_TEXT = "Hello, world";
  static final byte[] HELLO = HELLO_TEXT.getBytes(StandardCharsets.US_ASCII);
  static final String MESSAGE = "Hello, World!";
  static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
  static final String APPLICATION_JSON = "application/json; charset=UTF-8";
  static final String TEXT_HTML = "text/html; charset=UTF-8";

  /** The static scenario's file: {@code /static/64k.bin}, 65,536 bytes. */
  static final String STATIC_NAME = "64k.bin";

  static final int STATIC_SIZE = 64 * 1024;

  /**
   * How long {@code /slow} blocks its thread, as a blocking call (JDBC, a file, a remote) would.
   */
  static final long SLOW_MILLIS = 100;

  static final byte[] SLOW = "slow".getBytes(StandardCharsets.US_ASCII);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static volatile DateValue date = new DateValue(0, "");

  private record DateValue(long second, String text) {}

  private Payloads() {}

  /** The JSON body, serialized anew for each request. */
  static byte[] json() {
    try {
      return MAPPER.writeValueAsBytes(Map.of("message", MESSAGE));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Date} header value, formatted at most once a second. */
  static String date() {
    long second = System.currentTimeMillis() / 1000;
    DateValue d = date;
    if (d.second() != second) {
      String text =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
      d = new DateValue(second, text);
      date = d;
    }
    return d.text();
  }

  /** Blocks the calling thread for {@link #SLOW_MILLIS}. */
  static void sleepSlow() {
    try {
      Thread.sleep(SLOW_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The directory holding {@link #STATIC_NAME}: {@code dir} (the file is written if missing or of
   * the wrong size), or a new temporary directory when {@code dir} is null.
   */
  static Path staticDir(Path dir) {
    try {
      Path d = dir != null ? dir : Files.createTempDirectory("squall-bench-static");
      Files.createDirectories(d);
      Path file = d.resolve(STATIC_NAME);
      if (!Files.exists(file) || Files.size(file) != STATIC_SIZE) {
        Files.write(file, staticBytes());
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The content of the static file: a fixed, incompressible-looking byte pattern. */
  static byte[] staticBytes() {
    byte[] b = new byte[STATIC_SIZE];
    int x = 0x2545F491;
    for (int i = 0; i < b.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      b[i] = (byte) x;
    }
    return b;
  }
}
