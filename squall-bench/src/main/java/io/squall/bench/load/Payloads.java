package io.squall.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
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
}
