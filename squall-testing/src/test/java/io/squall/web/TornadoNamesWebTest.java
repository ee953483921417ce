package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.SquallClient;
import org.junit.jupiter.api.Test;

/** Application.addHandlers and HttpServerRequest.getSslCertificate under Tornado's names. */
class TornadoNamesWebTest {
  /** Writes a fixed text and whether the request carries a TLS certificate. */
  public static class Text extends RequestHandler {
    private final String text;

    public Text(String text) {
      this.text = text;
    }

    @Override
    public void get() {
      write(text + " " + request().getSslCertificate().isPresent());
    }
  }

  @Test
  void addHandlersRoutesByHostBeforeAnyHost() throws Exception {
    Application app =
        Application.builder()
            .addHandlers(".*", r -> r.route("/", () -> new Text("any")))
            .addHandlers("www\\.example\\.com", r -> r.route("/", () -> new Text("www")))
            .build();
    try (SquallClient client = SquallClient.start(app)) {
      assertThat(client.fetch("/").text()).isEqualTo("any false");
      assertThat(client.fetch("/", FetchOptions.get().header("Host", "www.example.com")).text())
          .isEqualTo("www false");
    }
  }
}
