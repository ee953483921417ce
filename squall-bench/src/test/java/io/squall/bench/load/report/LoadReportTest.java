package io.squall.bench.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportTest {
  @TempDir Path dir;

  @Test
  void writesTheTablesAndAPngFromARunsFiles() throws Exception {
    Files.writeString(
        dir.resolve("results.psv"),
        String.join(
            "\n",
            "plaintext|squall-web|1|1000|1.5|9|0",
            "plaintext|squall-web|2|2000|1.0|8|0",
            "plaintext|netty|1|3000|0.5|4|2",
            "plaintext|netty|2|2500|0.4|3|0",
            "slow-mix-fast-alone|squall-web|1|900|1|4|0",
            "slow-mix-fast-with-slow|squall-web|1|800|1|10|0",
            "slow-mix-slow|squall-web|1|50|101|120|0",
            ""));
    Files.writeString(
        dir.resolve("idle.psv"), "squall-web|ws|1000|999|102400|112640|20480|25600\n");
    Files.writeString(dir.resolve("meta.md"), "# Load harness results\n\nmachine: test\n");

    LoadReport.main(new String[] {dir.toString()});

    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).startsWith("# Load harness results\n\nmachine: test");
    // best round by rate: squall-web round 2, netty round 1 (1.50 × squall-web), errors summed
    assertThat(md)
        .contains("| plaintext | squall-web | 2,000 | 1.00 | 1.00 | 8.00 | 0 | 1000 2000 |");
    assertThat(md).contains("| plaintext | netty | 3,000 | 1.50 | 0.50 | 4.00 | 2 | 3000 2500 |");
    // slow-mix: p99 with slow ÷ p99 alone
    assertThat(md)
        .contains("| squall-web | 900 | 4.00 | 800 | 10.00 | 2.50 | 50 | 101.00 | 120.00 | 0 |");
    // idle: (112640 - 102400) / 1000 KiB RSS, (25600 - 20480) / 1000 KiB heap
    assertThat(md).contains("| squall-web | ws | 1000 | 999 | 100 | 110 | 10.24 | 5.12 |");
    byte[] png = Files.readAllBytes(dir.resolve("results.png"));
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }
}
