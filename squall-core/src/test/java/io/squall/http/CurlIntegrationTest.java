package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server against curl, an independent client: keep-alive, chunked upload, 100-continue. */
class CurlIntegrationTest {
  private TestHttpServer server;

  @BeforeAll
  static void needCurl() {
    assumeTrue(
        new File("/usr/bin/curl").canExecute(), "curl is not installed (.ci/run installs it)");
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void keepAliveReusesTheConnection() throws Exception {
    server = TestHttpServer.start(r -> TestHttpServer.respond(r, 200, "hi " + r.path() + "\n"));
    String out = run(server.url("/one"), server.url("/two"));
    assertThat(out).contains("hi /one").contains("hi /two");
    assertThat(out).containsPattern("(?i)re-?using existing connection");
  }

  @Test
  void chunkedUploadArrivesWhole(@TempDir Path dir) throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    Path f = dir.resolve("data.bin");
    Files.write(f, data);
    server =
        TestHttpServer.start(
            r -> {
              try {
                TestHttpServer.respond(r, 200, r.body().length + " " + sha256(r.body()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    String out =
        run("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + f, server.url("/up"));
    assertThat(out).contains("Transfer-Encoding: chunked");
    assertThat(out).contains(data.length + " " + sha256(data));
  }

  @Test
  void expectContinueIsAnswered(@TempDir Path dir) throws Exception {
    byte[] data = new byte[200_000];
    Path f = dir.resolve("data.bin");
    Files.write(f, data);
    server = TestHttpServer.start(r -> TestHttpServer.respond(r, 200, "len=" + r.body().length));
    String out =
        run(
            "-H",
            "Expect: 100-continue",
            "-X",
            "PUT",
            "--data-binary",
            "@" + f,
            server.url("/put"));
    assertThat(out).contains("HTTP/1.1 100 Continue").contains("len=200000");
  }
}
