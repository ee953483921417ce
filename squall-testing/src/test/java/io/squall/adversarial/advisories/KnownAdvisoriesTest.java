package io.squall.adversarial.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.http.MultipartLimits;
import io.squall.testing.ExpectLog;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Published advisories against Tornado, each replayed against a live Squall server to show it is
 * not affected. The request-smuggling cases of Netty and Jetty are in {@link
 * SmugglingClassicsTest}; CVE-2024-52804 (quadratic cookie parsing) is measured by {@code
 * HostileHeaderBenchmark} in squall-bench, since speed is never asserted in a unit test.
 */
@SquallTest
class KnownAdvisoriesTest {
  static final AtomicInteger smuggled = new AtomicInteger();

  /** Answers with what it received: the number of fields, arguments and files. */
  public static class Echo extends RequestHandler {
    public void get() {
      write("repeat=" + request().headers().getAll("X-Repeat").size());
    }

    public void post() {
      write("args=" + request().bodyArguments().size() + " files=" + request().files().size());
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
        .route("/", Echo::new)
        .route("/smuggled", Smuggled::new)
        .settings(Settings.builder().multipartLimits(new MultipartLimits(5, 1024)).build())
        .build();
  }

  @BeforeEach
  void resetCount() {
    smuggled.set(0);
  }

  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";

  /** GHSA-753j-mpmx-qq6g: {@code Transfer-Encoding: chunked} twice must not count as once. */
  @Test
  void ghsa753jDuplicateChunkedIsRefused(SquallClient client) {
    String[] heads = {
      "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
      "Transfer-Encoding: chunked, chunked\r\n",
      "Transfer-Encoding: chunked,chunked\r\n",
    };
    for (String te : heads) {
      try (RawConnection c = client.raw()) {
        c.send("POST / HTTP/1.1\r\nHost: h\r\n" + te + "\r\n0\r\n\r\n" + SMUGGLED);
        RawConnection.Response r = c.readResponse();
        assertThat(r.status()).as(te).isEqualTo(400);
        assertThat(c.readAll()).as(te).doesNotContain("HTTP/1.1");
      }
    }
    assertThat(smuggled).hasValue(0);
  }

  /**
   * GHSA-c98p-7wgm-6p64 (CVE-2025-67725): repeated fields of one name are kept as separate fields,
   * not coalesced into one growing string per field, and their number is bounded (431 past 256).
   */
  @Test
  void ghsaC98pRepeatedHeadersStayFieldsAndAreBounded(SquallClient client) {
    String fields = "X-Repeat: v\r\n".repeat(250);
    try (RawConnection c = client.raw()) {
      c.send("GET / HTTP/1.1\r\nHost: h\r\n" + fields + "\r\n");
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("repeat=250");
    }
    try (RawConnection c = client.raw()) {
      c.send("GET / HTTP/1.1\r\nHost: h\r\n" + "X-Repeat: v\r\n".repeat(300) + "\r\n");
      assertThat(c.readResponse().status()).isEqualTo(431);
      assertThat(c.isClosedByServer()).isTrue();
    }
  }

  private static String multipart(int parts, boolean malformed) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      b.append("--B\r\n");
      if (malformed) {
        b.append("Content-Disposition: form-data\r\n\r\nno name ").append(i).append("\r\n");
      } else {
        b.append("Content-Disposition: form-data; name=\"f")
            .append(i)
            .append("\"\r\n\r\nv")
            .append(i)
            .append("\r\n");
      }
    }
    return b.append("--B--\r\n").toString();
  }

  private static String post(String body) {
    return "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=B\r\n"
        + "Content-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /**
   * CVE-2025-47287 (GHSA-7cx3-6m66-7c5m): a body of many malformed parts logs one line for the
   * request, not one per part.
   */
  @Test
  void cve202547287MalformedMultipartLogsOnce(SquallClient client) {
    try (ExpectLog warnings =
        ExpectLog.expect("io.squall.http.HttpServerRequest", "Invalid multipart/form-data")) {
      try (RawConnection c = client.raw()) {
        c.send(post(multipart(5, true)));
        RawConnection.Response r = c.readResponse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("args=0 files=0");
      }
      assertThat(warnings.count()).isEqualTo(1);
    }
    // thousands of malformed parts: still one line (parsing stops at the first bad part)
    try (ExpectLog warnings = ExpectLog.capture("io.squall.http.HttpServerRequest", "")) {
      try (RawConnection c = client.raw()) {
        c.send(post(multipart(5000, true)));
        assertThat(c.readResponse().status()).isEqualTo(200);
      }
      assertThat(warnings.count()).isEqualTo(1);
    }
  }

  /**
   * GHSA-qjxf-f2mg-c6mc: the number of multipart parts is limited ({@code
   * Settings.multipartLimits}, 5 in this application, 100 by default); beyond it the answer is 413.
   */
  @Test
  void ghsaQjxfPartCountIsLimited(SquallClient client) {
    try (RawConnection c = client.raw()) {
      c.send(post(multipart(5, false)));
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("args=5 files=0");
    }
    try (RawConnection c = client.raw()) {
      c.send(post(multipart(6, false)));
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(413);
    }
  }

  /** The default limit is Tornado's: 100 parts. */
  @Test
  void defaultPartLimitIsTornados() {
    assertThat(Settings.defaults().multipartLimits().maxParts()).isEqualTo(100);
  }
}
