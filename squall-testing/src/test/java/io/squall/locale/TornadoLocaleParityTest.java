package io.squall.locale;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExternalTools;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squall's format_date, format_day, list and friendly_number against Tornado's own (Debian's
 * python3-tornado), case by case: several hundred dates around a pinned "now" in every branch
 * (seconds, minutes, hours, yesterday, weekdays, this year, older, the future), with time zone
 * offsets and all flag combinations, in English, a translated locale and 24-hour/Chinese clocks.
 */
class TornadoLocaleParityTest {
  static final long NOW = Instant.parse("2013-04-28T18:35:00Z").getEpochSecond();
  static final String CSV =
      "\"January\",\"enero\"\n\"April\",\"abril\"\n\"Sunday\",\"domingo\"\n"
          + "\"Monday\",\"lunes\"\n\"yesterday at %(time)s\",\"ayer a las %(time)s\"\n"
          + "\"%(month_name)s %(day)s, %(year)s\",\"%(day)s de %(month_name)s de %(year)s\"\n"
          + "\"1 minute ago\",\"hace un minuto\",\"singular\"\n"
          + "\"%(minutes)d minutes ago\",\"hace %(minutes)d minutos\",\"plural\"\n"
          + "\"%(commas)s and %(last)s\",\"%(commas)s y %(last)s\"\n";

  @TempDir Path dir;

  @Test
  void sameOutputAsTornado() throws Exception {
    ExternalTools.requirePythonModule("tornado", "python3-tornado");
    Files.writeString(dir.resolve("es.csv"), CSV);
    for (String code : new String[] {"de", "zh_CN", "en_GB", "fa_IR", "en"}) {
      Files.writeString(dir.resolve(code + ".csv"), "\"school\",\"" + code + "\"\n");
    }
    Path script = dir.resolve("tornado_format_date.py");
    try (InputStream in = getClass().getResourceAsStream("/locale/tornado_format_date.py")) {
      Files.write(script, in.readAllBytes());
    }

    Translations t = Translations.fromCsv(dir);
    Instant now = Instant.ofEpochSecond(NOW);
    List<String> cases = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    long[] agos = {
      -7 * 86400,
      -86430,
      -3600,
      -59,
      -30,
      0,
      1,
      49,
      50,
      89,
      90,
      149,
      150,
      2999,
      3000,
      5400,
      43200,
      84600,
      86399,
      86400,
      100_000,
      140_000,
      172_800,
      4 * 86400 + 86399,
      5 * 86400,
      40 * 86400,
      333 * 86400,
      334 * 86400,
      400 * 86400,
      3000 * 86400
    };
    Random random = new Random(42);
    List<Long> all = new ArrayList<>();
    for (long a : agos) {
      all.add(a);
    }
    for (int i = 0; i < 60; i++) {
      all.add((long) random.nextInt(800 * 86400) - 2 * 86400);
    }
    int[] offsets = {0, -120, 300, 480, -330};
    String[] codes = {"en_US", "es", "de", "zh_CN", "en_GB"};
    int k = 0;
    for (long ago : all) {
      for (int flags = 0; flags < 8; flags++) {
        String code = codes[k % codes.length];
        int offset = offsets[(k / codes.length) % offsets.length];
        k++;
        boolean relative = (flags & 1) == 0;
        boolean shorter = (flags & 2) != 0;
        boolean full = (flags & 4) != 0;
        long date = NOW - ago;
        cases.add(
            String.join(
                "\t",
                "date",
                code,
                Long.toString(date),
                Integer.toString(offset),
                relative ? "1" : "0",
                shorter ? "1" : "0",
                full ? "1" : "0"));
        ours.add(
            t.get(code)
                .formatDate(Instant.ofEpochSecond(date), offset, relative, shorter, full, now));
      }
      String code = codes[k % codes.length];
      cases.add(String.join("\t", "day", code, Long.toString(NOW - ago), "-60", "1"));
      ours.add(t.get(code).formatDay(Instant.ofEpochSecond(NOW - ago), -60, true));
      cases.add(String.join("\t", "day", code, Long.toString(NOW - ago), "0", "0"));
      ours.add(t.get(code).formatDay(Instant.ofEpochSecond(NOW - ago), 0, false));
    }
    for (String code : new String[] {"en_US", "es", "fa_IR"}) {
      for (List<String> parts :
          List.of(List.of("A"), List.of("A", "B"), List.of("A", "B", "C", "D"))) {
        cases.add("list\t" + code + "\t" + String.join("\t", parts));
        ours.add(t.get(code).list(parts));
      }
    }
    for (long n : new long[] {0, 7, 999, 1000, 123456, 1234567, 1_000_000_000_000L}) {
      for (String code : new String[] {"en_US", "en", "de"}) {
        cases.add("number\t" + code + "\t" + n);
        ours.add(t.get(code).friendlyNumber(n));
      }
    }

    List<String> theirs = runTornado(script, cases);
    assertThat(theirs).hasSameSizeAs(cases);
    int differences = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < cases.size(); i++) {
      if (!theirs.get(i).equals(ours.get(i)) && !tornadoFutureQuirk(cases.get(i))) {
        differences++;
        report.append(cases.get(i)).append(" -> tornado '").append(theirs.get(i));
        report.append("' squall '").append(ours.get(i)).append("'\n");
      }
    }
    assertThat(differences)
        .as("%d of %d cases differ:\n%s", differences, cases.size(), report)
        .isZero();
  }

  /**
   * Tornado treats a date more than a day ahead as "now" when its seconds-within-the-day part is
   * under a minute (it reads {@code timedelta.seconds}); Squall compares the whole difference.
   */
  private static boolean tornadoFutureQuirk(String c) {
    String[] f = c.split("\t");
    if (!f[0].equals("date") || !f[4].equals("1")) {
      return false;
    }
    long ahead = Long.parseLong(f[2]) - NOW;
    return ahead >= 60 && ahead % 86400 < 60;
  }

  private static List<String> runTornado(Path script, List<String> cases) throws Exception {
    Process p =
        new ProcessBuilder(
                ExternalTools.python().toString(),
                script.toString(),
                Long.toString(NOW),
                script.getParent().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try (var stdin = p.getOutputStream()) {
      stdin.write((String.join("\n", cases) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tornado script finished").isTrue();
      assertThat(p.exitValue()).as("tornado script exit status").isZero();
      return out.get(60, TimeUnit.SECONDS).lines().toList();
    } finally {
      p.destroyForcibly();
    }
  }
}
