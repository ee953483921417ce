package io.squall.adversarial.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential HTTP/1.1 request parsing (issue 16): every input of {@link HttpCorpus} goes to
 * Squall's {@code Http1RequestParser}, Netty's {@code HttpRequestDecoder} and Python's h11, and the
 * accepted messages (method, target, body, and so where each message ends) are compared. Where
 * Squall is not the stricter, {@link Settlements} must name the RFC 9112 rule that makes it right;
 * otherwise the test fails. The table of disagreements is printed and written to {@code
 * target/adversarial/differential-http.md}.
 */
class DifferentialParsingTest {
  private static List<HttpCorpus.Case> corpus;
  private static List<Outcome> squall;
  private static List<Outcome> netty;
  private static List<Outcome> h11;

  @BeforeAll
  static void parseEverything(@TempDir Path tmp) throws Exception {
    corpus = HttpCorpus.generate();
    squall = new ArrayList<>();
    netty = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>();
    for (HttpCorpus.Case c : corpus) {
      squall.add(SquallOracle.parse(c.bytes()));
      netty.add(NettyOracle.parse(c.bytes()));
      inputs.add(c.bytes());
    }
    h11 = H11Oracle.parseAll(inputs, tmp);
  }

  @Test
  void corpusIsLargeAndCoversEveryValidBase() {
    assertThat(corpus).hasSizeGreaterThan(2000);
    for (int i = 0; i < corpus.size(); i++) {
      if (corpus.get(i).kind().equals("valid")) {
        assertThat(squall.get(i).end())
            .as(corpus.get(i).id())
            .isIn(Outcome.End.OK, Outcome.End.CLOSED);
        assertThat(squall.get(i).messages())
            .as(corpus.get(i).id())
            .isEqualTo(h11.get(i).messages());
        assertThat(squall.get(i).messages())
            .as(corpus.get(i).id())
            .isEqualTo(netty.get(i).messages());
      }
    }
  }

  @Test
  void squallDoesNotDependOnHowBytesArrive() {
    Random r = new Random(16);
    for (int i = 0; i < corpus.size(); i++) {
      Outcome split = SquallOracle.parse(corpus.get(i).bytes(), r);
      Outcome whole = squall.get(i);
      assertThat(split.messages()).as(corpus.get(i).id()).isEqualTo(whole.messages());
      assertThat(split.end()).as(corpus.get(i).id()).isEqualTo(whole.end());
    }
  }

  @Test
  void squallIsTheStricterOrAnRfcRuleSaysWhy() throws IOException {
    List<String> unsettled = new ArrayList<>();
    Map<String, Map<Comparison, int[]>> byKind = new TreeMap<>();
    Map<String, List<String>> byRule = new TreeMap<>();
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < corpus.size(); i++) {
      HttpCorpus.Case c = corpus.get(i);
      Outcome s = squall.get(i);
      StringBuilder why = new StringBuilder();
      boolean interesting = false;
      String[] names = {"netty", "h11"};
      Outcome[] others = {netty.get(i), h11.get(i)};
      Comparison[] cmps = new Comparison[2];
      for (int k = 0; k < 2; k++) {
        Comparison cmp = Comparison.of(s, others[k]);
        cmps[k] = cmp;
        byKind.computeIfAbsent(names[k] + " " + c.kind(), x -> new EnumMap<>(Comparison.class))
            .computeIfAbsent(cmp, x -> new int[1])[0]++;
        if (cmp != Comparison.AGREE) {
          interesting = true;
        }
        if (cmp.needsSettling()) {
          String rule = Settlements.settle(c, names[k], cmp, s, others[k]);
          if (rule == null) {
            unsettled.add(
                c.id()
                    + " vs "
                    + names[k]
                    + ": "
                    + cmp
                    + " squall="
                    + s.summary()
                    + " "
                    + names[k]
                    + "="
                    + others[k].summary()
                    + " input="
                    + escape(c.text()));
          } else {
            why.append(names[k]).append(": ").append(rule).append("; ");
            byRule.computeIfAbsent(names[k] + " | " + rule, x -> new ArrayList<>()).add(c.id());
          }
        }
      }
      if (interesting) {
        rows.append("| `")
            .append(c.id())
            .append("` | `")
            .append(escape(c.text()).replace("|", "\\|"))
            .append("` | ")
            .append(s.summary().replace("|", "\\|"))
            .append(" | ")
            .append(cmps[0])
            .append(" | ")
            .append(cmps[1])
            .append(" | ")
            .append(why.toString().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    StringBuilder report = new StringBuilder();
    report
        .append("# Differential HTTP parsing: Squall vs Netty ")
        .append(io.netty.util.Version.identify().values().iterator().next().artifactVersion())
        .append(" vs h11\n\n")
        .append(corpus.size())
        .append(" inputs.\n\n| oracle kind | ");
    for (Comparison cmp : Comparison.values()) {
      report.append(cmp).append(" | ");
    }
    report.append("\n|---|---|---|---|---|---|\n");
    byKind.forEach(
        (kind, counts) -> {
          report.append("| ").append(kind).append(" | ");
          for (Comparison cmp : Comparison.values()) {
            int[] n = counts.get(cmp);
            report.append(n == null ? "" : String.valueOf(n[0])).append(" | ");
          }
          report.append('\n');
        });
    report
        .append("\n## Where Squall is the more lenient, and the rule that settles it\n\n")
        .append("| oracle | rule | inputs | e.g. |\n|---|---|---|---|\n");
    byRule.forEach(
        (rule, ids) ->
            report
                .append("| ")
                .append(rule)
                .append(" | ")
                .append(ids.size())
                .append(" | `")
                .append(ids.get(0))
                .append("` |\n"));
    report
        .append("\n## Inputs where a parser disagrees with Squall\n\n")
        .append(
            "| case | input | Squall | vs Netty | vs h11 | settled by |\n|---|---|---|---|---|---|\n")
        .append(rows);
    Path out = Path.of("target", "adversarial", "differential-http.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    Files.write(out.resolveSibling("unsettled.txt"), unsettled, StandardCharsets.UTF_8);
    System.out.println(report.substring(0, report.indexOf("## Inputs")));
    System.out.println("Full table: " + out.toAbsolutePath());
    assertThat(unsettled)
        .as("disagreements where Squall is the more lenient, without an RFC rule")
        .isEmpty();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '\r') {
        b.append("\\r");
      } else if (ch == '\n') {
        b.append("\\n");
      } else if (ch == '\t') {
        b.append("\\t");
      } else if (ch < 0x20 || ch >= 0x7f) {
        b.append(String.format("\\x%02x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.length() > 160 ? b.substring(0, 160) + "..." : b.toString();
  }
}
