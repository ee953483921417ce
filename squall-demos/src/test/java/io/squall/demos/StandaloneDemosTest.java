package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.demos.hello.HelloDemo;
import io.squall.demos.slow.SlowDemo;
import io.squall.demos.upload.UploadDemo;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each demo is also a small application of its own: what its {@code main} serves works alone. */
class StandaloneDemosTest {
  @Test
  void helloDemoServesAlone() {
    try (SquallClient client = SquallClient.start(HelloDemo.app())) {
      assertThat(client.fetch("/hello").text()).isEqualTo("Hello, world");
      assertThat(client.fetch("/").status()).isEqualTo(404);
    }
  }

  @Test
  void slowDemoServesAlone() {
    try (SquallClient client = SquallClient.start(SlowDemo.standalone())) {
      assertThat(client.fetch("/slow/").text()).contains("<h1>Slow requests</h1>");
      assertThat(client.fetch("/slow/fast").text()).isEqualTo("fast\n");
      assertThat(client.fetch("/slow/async?seconds=0").text())
          .isEqualTo("waited 0.0s with callLater\n");
      assertThat(client.fetch("/hello").status()).isEqualTo(404);
    }
  }

  @Test
  void slowDemoAppWorksUnmountedToo() {
    // Its page links are relative, so the app also works at the root.
    try (SquallClient client = SquallClient.start(SlowDemo.app())) {
      FetchResponse page = client.fetch("/");
      assertThat(page.text()).contains("<h1>Slow requests</h1>");
      assertThat(client.fetch(page.uri().resolve("fast").toString()).text()).isEqualTo("fast\n");
    }
  }

  @Test
  void uploadDemoServesAlone() {
    try (SquallClient client = SquallClient.start(UploadDemo.standalone())) {
      assertThat(client.fetch("/upload/").text()).contains("enctype=\"multipart/form-data\"");
      FetchResponse put =
          client.fetch(
              "/upload/raw/a.txt",
              FetchOptions.method("PUT", "abc".getBytes(StandardCharsets.UTF_8)));
      assertThat(put.json().get("size").asInt()).isEqualTo(3);
      assertThat(put.json().get("sha256").asText())
          .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      assertThat(client.fetch("/hello").status()).isEqualTo(404);
    }
  }
}
