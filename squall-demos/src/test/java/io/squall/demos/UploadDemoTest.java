package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Json;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code /upload/} demo in the hub: a multipart form and a streamed raw body. */
@SquallTest
class UploadDemoTest {
  private static final String BOUNDARY = "----squall-test-boundary-7MA4YWxk";

  @TestApplication
  Application app() {
    return DemoHub.app();
  }

  @Test
  void multipartFormAnswersWithEachFilesSizeAndDigest(SquallClient client) throws Exception {
    byte[] text = "first file\r\nwith two lines\r\n".getBytes(StandardCharsets.UTF_8);
    // Binary, and with the boundary's dashes and CRLFs inside, as real files have.
    byte[] binary = random(100_000, 1);
    System.arraycopy("\r\n------".getBytes(StandardCharsets.US_ASCII), 0, binary, 500, 8);

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, "note", "a plain field, not a file");
    file(body, "file", "notes.txt", "text/plain", text);
    file(body, "file", "photo.bin", "application/octet-stream", binary);
    body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));

    FetchResponse r =
        client.fetch(
            "/upload",
            FetchOptions.post()
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .body(body.toByteArray()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode files = r.json();
    assertThat(files.isArray()).isTrue();
    assertThat(files).hasSize(2);
    assertFile(files.get(0), "file", "notes.txt", text);
    assertFile(files.get(1), "file", "photo.bin", binary);
  }

  /**
   * The multipart form keeps the server's default limit (100 MiB) although the raw route raises its
   * own: a form one byte over it is answered 413 from its headers, and a client that goes on
   * sending the body still reads the answer (the server drains before it closes).
   */
  @Test
  void multipartFormOverTheDefaultLimitIsRefusedWith413(SquallClient client) throws Exception {
    long size = (100L << 20) + 1;
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", client.port())) {
      s.setSoTimeout(30_000);
      java.io.OutputStream out = s.getOutputStream();
      out.write(
          ("POST /upload HTTP/1.1\r\nHost: test\r\n"
                  + "Content-Type: multipart/form-data; boundary="
                  + BOUNDARY
                  + "\r\nContent-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = random(64 * 1024, 4);
      for (int i = 0; i < 16; i++) { // the first MiB of the body, as a browser would start it
        out.write(chunk);
      }
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 413 ");
      assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).isNotBlank();
    }
    // the server is still there for the next form
    assertThat(client.fetch("/upload/").status()).isEqualTo(200);
  }

  @Test
  void rawPutOfSeveralMegabytesAnswersWithSizeAndDigest(SquallClient client) throws Exception {
    byte[] data = random(5 * 1024 * 1024 + 7, 2);
    FetchResponse r = client.fetch("/upload/raw/big.bin", FetchOptions.method("PUT", data));
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("name").asText()).isEqualTo("big.bin");
    assertThat(j.get("size").asLong()).isEqualTo(data.length);
    assertThat(j.get("sha256").asText()).isEqualTo(sha256(data));
  }

  /**
   * Streams more than the test JVM's whole heap (-Xmx1g) and more than the server's default body
   * limit (100 MiB): the raw route raises its own limit and keeps nothing but a digest, so memory
   * stays flat. Prints the process's RSS growth.
   */
  @Test
  void rawPutLargerThanTheHeapAndTheDefaultLimitStreamsThrough(SquallClient client)
      throws Exception {
    long size = 1200L << 20;
    byte[] chunk = random(1 << 20, 3);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    long rssBefore = rssKiB();
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", client.port())) {
      s.setSoTimeout(120_000);
      java.io.OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /upload/raw/huge.bin HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (long sent = 0; sent < size; sent += chunk.length) {
        chunk[0] = (byte) (sent >>> 20); // every MiB differs, so a lost or repeated one shows
        md.update(chunk);
        out.write(chunk);
      }
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      long rssAfter = rssKiB();
      System.out.printf(
          "raw upload of %d MiB: RSS %d -> %d KiB (%+d MiB)%n",
          size >> 20, rssBefore, rssAfter, (rssAfter - rssBefore) >> 10);
      assertThat(response).startsWith("HTTP/1.1 200 ");
      JsonNode j = Json.mapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(j.get("size").asLong()).isEqualTo(size);
      assertThat(j.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(md.digest()));
    }
  }

  private static long rssKiB() throws java.io.IOException {
    for (String line :
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  @Test
  void rawPutInChunkedCodingStreamsToo(SquallClient client) throws Exception {
    byte[] data = random(3 * 1024 * 1024, 3);
    try (RawConnection c = client.raw()) {
      c.send(
          "PUT /upload/raw/chunked.bin HTTP/1.1\r\nHost: test\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");
      int piece = 64 * 1024;
      for (int off = 0; off < data.length; off += piece) {
        int n = Math.min(piece, data.length - off);
        c.send(Integer.toHexString(n) + "\r\n");
        byte[] chunk = new byte[n];
        System.arraycopy(data, off, chunk, 0, n);
        c.send(chunk);
        c.send("\r\n");
      }
      c.send("0\r\n\r\n");
      RawConnection.Response r = c.readResponse();
      assertThat(r.status()).isEqualTo(200);
      JsonNode j = Json.mapper().readTree(r.body());
      assertThat(j.get("name").asText()).isEqualTo("chunked.bin");
      assertThat(j.get("size").asLong()).isEqualTo(data.length);
      assertThat(j.get("sha256").asText()).isEqualTo(sha256(data));
    }
  }

  @Test
  void pageHasAMultipartFormAndAFetchScriptForRawBodies(SquallClient client) {
    FetchResponse r = client.fetch("/upload/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    String html = r.text();
    assertThat(html)
        .containsPattern("<form[^>]*method=\"post\"")
        .containsPattern("<form[^>]*action=\"/upload\"")
        .containsPattern("<form[^>]*enctype=\"multipart/form-data\"")
        .contains("type=\"file\"")
        .containsPattern("<script src=\"/upload/static/upload\\.js\\?v=[0-9a-f]+\"");
    assertThat(client.fetch("/upload/static/upload.js").text())
        .contains("fetch(\"/upload/raw/\"", "method: \"PUT\"");
  }

  private static void assertFile(JsonNode f, String field, String filename, byte[] content)
      throws Exception {
    assertThat(f.get("field").asText()).isEqualTo(field);
    assertThat(f.get("filename").asText()).isEqualTo(filename);
    assertThat(f.get("size").asLong()).isEqualTo(content.length);
    assertThat(f.get("sha256").asText()).isEqualTo(sha256(content));
  }

  private static void field(ByteArrayOutputStream out, String name, String value) {
    out.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void file(
      ByteArrayOutputStream out, String name, String filename, String type, byte[] content) {
    out.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\""
                + filename
                + "\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
