package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import org.junit.jupiter.api.Test;

/** With debug an error page shows the stack trace; without it, a plain page with no stack. */
class DemoHubDebugTest {
  @Test
  void withoutDebugAnErrorIsAPlainPageWithNoStack() {
    try (SquallClient hub = SquallClient.start(DemoHub.app(false));
        ExpectLog log =
            ExpectLog.expect(
                "io.squall.web.RequestHandler", "Uncaught exception GET /errors/raise")) {
      FetchResponse r = hub.fetch("/errors/raise");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.text())
          .contains("500: Internal Server Error")
          .doesNotContain("IllegalStateException")
          .doesNotContain("failed on purpose")
          .doesNotContain("\tat ");
      assertThat(hub.fetch("/errors/").text()).contains("debug is <strong>off</strong>");
    }
  }

  @Test
  void withDebugAnErrorShowsTheTraceback() {
    try (SquallClient hub = SquallClient.start(DemoHub.app(true));
        ExpectLog log =
            ExpectLog.expect(
                "io.squall.web.RequestHandler", "Uncaught exception GET /errors/raise")) {
      FetchResponse r = hub.fetch("/errors/raise");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text())
          .contains("java.lang.IllegalStateException: the errors demo failed on purpose")
          .contains("\tat io.squall.demos.errors.ErrorsDemo$RaiseHandler.get(");
      assertThat(hub.fetch("/errors/").text()).contains("debug is <strong>on</strong>");
    }
  }

  @Test
  void anHttpErrorNeverShowsAStack() {
    try (SquallClient hub = SquallClient.start(DemoHub.app(true));
        ExpectLog log = ExpectLog.capture("squall.general", ".*")) {
      FetchResponse r = hub.fetch("/errors/missing");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text()).doesNotContain("\tat ");
    }
  }
}
