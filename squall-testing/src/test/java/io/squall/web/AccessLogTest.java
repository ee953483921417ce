package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The access log line of every request, at a level by status, and the logFunction setting. */
@SquallTest
class AccessLogTest {

  /** Answers with the status asked for. */
  public static class Status extends RequestHandler {
    public void get() {
      int code = Integer.parseInt(getArgument("code", "200"));
      if (code >= 400) {
        throw new HttpError(code);
      }
      setStatus(code);
    }
  }

  /** Fails. */
  public static class Fails extends RequestHandler {
    public void get() {
      throw new IllegalStateException("broken");
    }
  }

  @TestApplication
  Application app() {
    return Application.builder().route("/path", Status::new).route("/fails", Fails::new).build();
  }

  private static final String TIME = " \\d+\\.\\d{2}ms$";

  @Test
  void successIsInfo(SquallClient client) {
    try (ExpectLog log =
        ExpectLog.expect(
            "squall.access", "^200 GET /path\\?x=1 \\(127\\.0\\.0\\.1\\)" + TIME, Level.INFO)) {
      client.fetch("/path?x=1");
    }
    try (ExpectLog log =
        ExpectLog.expect("squall.access", "^302 GET /path\\?code=302 ", Level.INFO)) {
      client.fetch("/path?code=302", FetchOptions.get().followRedirects(false));
    }
  }

  @Test
  void clientErrorsAreWarnings(SquallClient client) {
    try (ExpectLog log =
        ExpectLog.expect(
            "squall.access", "^404 GET /nowhere \\(127\\.0\\.0\\.1\\)" + TIME, Level.WARN)) {
      client.fetch("/nowhere");
    }
    try (ExpectLog log = ExpectLog.expect("squall.access", "^405 POST /path ", Level.WARN)) {
      client.fetch("/path", FetchOptions.post());
    }
  }

  @Test
  void serverErrorsAreErrors(SquallClient client) {
    try (ExpectLog handler = ExpectLog.expect("io.squall.web", "Uncaught exception GET /fails");
        ExpectLog log =
            ExpectLog.expect(
                "squall.access", "^500 GET /fails \\(127\\.0\\.0\\.1\\)" + TIME, Level.ERROR)) {
      client.fetch("/fails");
    }
    try (ExpectLog log = ExpectLog.expect("squall.access", "^503 GET /path", Level.ERROR)) {
      client.fetch("/path?code=503");
    }
  }

  @Test
  void oneLinePerRequest(SquallClient client) {
    try (ExpectLog log = ExpectLog.capture("squall.access", "GET /path")) {
      for (int i = 0; i < 5; i++) {
        client.fetch("/path");
      }
      assertThat(log.count()).isEqualTo(5);
    }
  }

  @Test
  void logFunctionReplacesTheAccessLog() throws InterruptedException {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    Application app =
        Application.builder()
            .route("/path", Status::new)
            .settings(
                Settings.builder()
                    .logFunction(
                        h -> {
                          seen.add(h.getStatus() + " " + h.request().uri());
                          two.countDown();
                        })
                    .build())
            .build();
    try (SquallClient client = SquallClient.start(app);
        ExpectLog log = ExpectLog.forbid("squall.access", "")) {
      client.fetch("/path?a=1");
      client.fetch("/missing");
      assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seen).containsExactly("200 /path?a=1", "404 /missing");
  }
}
