package io.squall.adversarial.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.squall.http.internal.ParserLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Jazzer targets for {@code Http1RequestParser} and its chunked decoder. Per input: the only
 * failure is an {@code HttpParseException} with a documented status; the outcome does not depend on
 * how the bytes are split; nothing accepted exceeds the limits; every accepted request, written out
 * again, parses to the same request. {@code ./mvnw verify} replays the inputs under {@code
 * src/test/resources/io/squall/adversarial/http/HttpParserFuzzTestInputs}; see docs/adversarial.md
 * for fuzzing mode.
 */
class HttpParserFuzzTest {
  static final ParserLimits SMALL = new ParserLimits(2048, 512, 64, 32);

  @FuzzTest(maxDuration = "30s")
  void requestParser(byte[] input) {
    check(input);
  }

  /** The fuzzer's bytes as the body of a chunked POST: aims at the chunked decoder. */
  @FuzzTest(maxDuration = "30s")
  void chunkedBody(byte[] body) {
    byte[] head =
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] input = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, input, head.length, body.length);
    check(input);
  }

  private static void check(byte[] input) {
    Outcome whole = SquallOracle.parse(input, null, SMALL);
    Outcome split = SquallOracle.parse(input, new Random(Arrays.hashCode(input)), SMALL);
    assertThat(split.messages()).isEqualTo(whole.messages());
    assertThat(split.end()).isEqualTo(whole.end());
    if (whole.end() == Outcome.End.ERROR) {
      assertThat(whole.detail()).matches("(400|414|431|501|505) .+");
    }
    long bodyBytes = 0;
    for (Outcome.Message m : whole.messages()) {
      assertThat(m.target().length()).isLessThanOrEqualTo(SMALL.maxRequestLineLength());
      bodyBytes += m.body().length;
      Outcome again = SquallOracle.parse(serialise(m), null, SMALL);
      assertThat(again.messages()).containsExactly(m);
    }
    assertThat(bodyBytes).isLessThanOrEqualTo(input.length);
  }

  private static byte[] serialise(Outcome.Message m) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] head =
        (m.method()
                + " "
                + m.target()
                + " HTTP/1.1\r\nHost: h\r\nContent-Length: "
                + m.body().length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    b.write(head, 0, head.length);
    b.write(m.body(), 0, m.body().length);
    return b.toByteArray();
  }
}
