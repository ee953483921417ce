package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The compressResponse setting: gzip for clients that accept it, for bodies worth it. */
@SquallTest
class GzipTest {
  static final String BIG = "All work and no play makes Jack a dull boy. ".repeat(500);

  /** Writes a body of a given type and size. */
  public static class Body extends RequestHandler {
    public void get() {
      String type = getArgument("type", null);
      if (type != null) {
        setHeader("Content-Type", type);
      }
      String vary = getArgument("vary", null);
      if (vary != null) {
        setHeader("Vary", vary);
      }
      write(getArgument("small", null) != null ? "tiny" : BIG);
    }
  }

  /** Streams the big body in flushed pieces. */
  public static class Streamed extends RequestHandler {
    public void get() {
      for (int i = 0; i < 5; i++) {
        write(BIG.substring(i * 100, (i + 1) * 100));
        flush();
      }
      write(BIG.substring(500));
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/body", Body::new)
        .route("/streamed", Streamed::new)
        .settings(Settings.builder().compressResponse(true).build())
        .build();
  }

  private static final FetchOptions GZIP = FetchOptions.get().header("Accept-Encoding", "gzip");

  static String gunzip(byte[] body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void bigTextIsCompressed(SquallClient client) {
    FetchResponse r = client.fetch("/body", GZIP);
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(r.body().length).isLessThan(BIG.length() / 10);
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
    assertThat(gunzip(r.body())).isEqualTo(BIG);
  }

  @Test
  void acceptEncodingListsAndParameters(SquallClient client) {
    FetchResponse r =
        client.fetch("/body", FetchOptions.get().header("Accept-Encoding", "deflate, gzip;q=0.8"));
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(r.body())).isEqualTo(BIG);
  }

  @Test
  void noGzipWithoutAcceptEncodingButVaryAlways(SquallClient client) {
    FetchResponse r = client.fetch("/body");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(r.text()).isEqualTo(BIG);
    FetchResponse other =
        client.fetch("/body", FetchOptions.get().header("Accept-Encoding", "br, deflate"));
    assertThat(other.header("Content-Encoding")).isNull();
    assertThat(other.text()).isEqualTo(BIG);
  }

  @Test
  void varyIsAddedToAnExistingVary(SquallClient client) {
    FetchResponse r = client.fetch("/body?vary=Cookie", GZIP);
    assertThat(r.header("Vary")).isEqualTo("Cookie, Accept-Encoding");
  }

  @Test
  void smallBodiesAreNotCompressed(SquallClient client) {
    FetchResponse r = client.fetch("/body?small=1", GZIP);
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(r.text()).isEqualTo("tiny");
  }

  @Test
  void incompressibleTypesAreNotCompressed(SquallClient client) {
    FetchResponse r = client.fetch("/body?type=image/png", GZIP);
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.text()).isEqualTo(BIG);
    FetchResponse json = client.fetch("/body?type=application/json", GZIP);
    assertThat(json.header("Content-Encoding")).isEqualTo("gzip");
    FetchResponse js = client.fetch("/body?type=application/javascript;%20charset=UTF-8", GZIP);
    assertThat(js.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(js.body())).isEqualTo(BIG);
  }

  @Test
  void streamedResponseIsCompressedInDecodablePieces(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET /streamed HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
      RawConnection.Response r = raw.readResponse();
      assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(r.header("Content-Length")).isNull();
      assertThat(gunzip(r.body())).isEqualTo(BIG);
    }
  }

  @Test
  void headHasTheGzipHeadersButNoBody(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send(
          "HEAD /body HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
              + "GET /body?small=1 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.Response head = raw.readResponse(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
      RawConnection.Response next = raw.readResponse();
      assertThat(next.text()).isEqualTo("tiny");
    }
  }

  @Test
  void notModifiedIsNotCompressed(SquallClient client) {
    String etag = client.fetch("/body", GZIP).header("Etag");
    FetchResponse r =
        client.fetch(
            "/body",
            FetchOptions.get().header("Accept-Encoding", "gzip").header("If-None-Match", etag));
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.body()).isEmpty();
  }
}
