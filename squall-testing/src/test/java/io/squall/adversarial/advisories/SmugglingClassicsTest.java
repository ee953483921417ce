package io.squall.adversarial.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published request-smuggling cases of Netty, Jetty and Tornado, and the classic CL.TE / TE.CL /
 * TE.TE shapes, sent to a live server: each is refused with a 4xx/5xx, the connection is closed,
 * and the request hidden in it never reaches a handler.
 */
@SquallTest
class SmugglingClassicsTest {
  static final AtomicInteger smuggled = new AtomicInteger();

  /** Takes any method. */
  public static class Any extends RequestHandler {
    public void get() {
      write("ok");
    }

    public void post() {
      write("ok");
    }
  }

  /** Counts requests that should never have been parsed. */
  public static class Smuggled extends RequestHandler {
    public void get() {
      smuggled.incrementAndGet();
      write("smuggled");
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/", Any::new)
        .route("/smuggled", Smuggled::new)
        .route("/a.*", Any::new)
        .build();
  }

  @BeforeEach
  void resetCount() {
    smuggled.set(0);
  }

  static Stream<Arguments> cases() {
    return io.squall.adversarial.http.SmugglingCases.ALL.entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedAndHidesNothing(String name, String request, SquallClient client) {
    try (RawConnection c = client.raw()) {
      c.send(request.getBytes(StandardCharsets.ISO_8859_1));
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).as(name).isIn(400, 501, 505);
      String rest = c.readAll();
      assertThat(rest).as(name + ": nothing after the error").doesNotContain("HTTP/1.1");
    }
    assertThat(smuggled).as(name).hasValue(0);
  }
}
