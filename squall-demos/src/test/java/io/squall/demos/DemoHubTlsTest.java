package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExternalTools;
import io.squall.testing.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./demo --tls-cert=FILE --tls-key=FILE}: the hub in a child JVM serves HTTPS with a PEM
 * pair made for the test, fetched with {@code curl --cacert}; one flag without the other is
 * refused.
 */
class DemoHubTlsTest {
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at (https://localhost:(\\d+)/)");

  private static String curl(Path caFile, String url) throws Exception {
    Path curl = ExternalTools.require("curl", "curl");
    Process p =
        new ProcessBuilder(
                List.of(
                    curl.toString(),
                    "-sS",
                    "--max-time",
                    "30",
                    "--cacert",
                    caFile.toString(),
                    "-w",
                    "\n%{http_code} %{scheme}",
                    url))
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void servesTheHubOverHttpsWithAPemPair(@TempDir Path dir) throws Exception {
    SelfSignedCertificate cert =
        SelfSignedCertificate.create(dir.resolve("tls"), "localhost", "dns:localhost");
    try (HubProcess hub =
        HubProcess.start(
            "--port=0",
            "--data-dir=" + dir.resolve("data"),
            "--tls-cert=" + cert.certificatePem(),
            "--tls-key=" + cert.privateKeyPem())) {
      Matcher m = hub.awaitLine(READY);
      String out = curl(cert.certificatePem(), m.group(1));
      assertThat(out).contains("Squall").endsWith("\n200 HTTPS");
    }
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused(@TempDir Path dir) throws Exception {
    try (HubProcess hub =
        HubProcess.start("--port=0", "--data-dir=" + dir, "--tls-cert=" + dir.resolve("x.pem"))) {
      assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process().exitValue()).isEqualTo(2);
      assertThat(hub.outputToTheEnd()).contains("--tls-cert and --tls-key go together");
    }
  }
}
