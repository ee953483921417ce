package io.squall.bench.load.report;

import io.squall.bench.load.report.LoadResults.Cell;
import io.squall.bench.load.report.LoadResults.Idle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns one run of {@code squall-bench/load/run.sh} into {@code results.md} (tables) and {@code
 * results.png} (chart) in the run's directory.
 *
 * <pre>
 * LoadReport RUN_DIR      (reads RUN_DIR/results.psv, idle.psv and meta.md)
 * </pre>
 */
public final class LoadReport {
  /** Scenarios whose slow-mix parts get their own table rather than the main one. */
  static final String SLOW_ALONE = "slow-mix-fast-alone";

  static final String SLOW_WITH = "slow-mix-fast-with-slow";
  static final String SLOW_SLOW = "slow-mix-slow";

  private LoadReport() {}

  /**
   * Writes the report.
   *
   * @param args {@code RUN_DIR}
   * @throws IOException if the run's files cannot be read or the report written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LoadReport RUN_DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    LoadResults r = LoadResults.read(dir);
    Path meta = dir.resolve("meta.md");
    String header = Files.exists(meta) ? Files.readString(meta) : "";
    Files.writeString(dir.resolve("results.md"), markdown(r, header));
    LoadChart.write(r, dir.resolve("results.png"));
    System.out.println("wrote " + dir.resolve("results.md") + " and " + dir.resolve("results.png"));
  }

  static String markdown(LoadResults r, String header) {
    StringBuilder b = new StringBuilder();
    b.append(header.strip()).append("\n\n");
    Map<String, Map<String, Cell>> best = r.best();
    if (best.keySet().stream().allMatch(sc -> sc.startsWith("slow-mix"))) {
      slowMix(r, best, b);
      idle(r.idle(), b);
      return b.toString();
    }
    b.append("## Throughput and latency\n\n")
        .append("Best round per server (by rate); p50/p99 are that round's. websocket-echo is in ")
        .append("messages/s (one message in flight per connection), every other row in ")
        .append("requests/s. × is the rate as a multiple of `squall-web` in the same scenario.\n\n")
        .append("| scenario | server | req/s | × squall-web | p50 ms | p99 ms | errors | ")
        .append("every round req/s |\n|---|---|---:|---:|---:|---:|---:|---|\n");
    for (var e : best.entrySet()) {
      String scenario = e.getKey();
      if (scenario.startsWith("slow-mix")) {
        continue;
      }
      Cell ref = e.getValue().get("squall-web");
      for (Cell c : e.getValue().values()) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f | %s | %s | %s | %d | %s |%n",
                scenario,
                c.server(),
                c.rps(),
                ref != null && ref.rps() > 0
                    ? String.format(Locale.ROOT, "%.2f", c.rps() / ref.rps())
                    : "-",
                ms(c.p50()),
                ms(c.p99()),
                r.rounds(scenario, c.server()).stream().mapToLong(Cell::errors).sum(),
                r.rounds(scenario, c.server()).stream()
                    .map(x -> String.format(Locale.ROOT, "%.0f", x.rps()))
                    .collect(Collectors.joining(" "))));
      }
    }
    slowMix(r, best, b);
    idle(r.idle(), b);
    return b.toString();
  }

  private static void slowMix(LoadResults r, Map<String, Map<String, Cell>> best, StringBuilder b) {
    Map<String, Cell> alone = best.get(SLOW_ALONE);
    if (alone == null) {
      return;
    }
    Map<String, Cell> with = best.getOrDefault(SLOW_WITH, Map.of());
    Map<String, Cell> slow = best.getOrDefault(SLOW_SLOW, Map.of());
    b.append("\n## slow-mix\n\n")
        .append("Fast requests (`/hello`) alone, then the same fast load while a second wrk ")
        .append("drives `/slow` (a blocking handler sleeping 100 ms) on connections of its ")
        .append(
            "own (the split is in the header above). The p99 ratio is fast p99 with the slow load ÷ fast p99 alone ")
        .append("(target: at most 2). Best round of each by rate.\n\n")
        .append(
            "| server | fast alone req/s | p99 ms | fast with slow req/s | p99 ms | p99 ratio |")
        .append(" slow req/s | slow p50 ms | slow p99 ms | errors |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cell a : alone.values()) {
      Cell w = with.get(a.server());
      Cell s = slow.get(a.server());
      long errors = 0;
      for (String sc : List.of(SLOW_ALONE, SLOW_WITH, SLOW_SLOW)) {
        errors += r.rounds(sc, a.server()).stream().mapToLong(Cell::errors).sum();
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %s | %s | %s | %s | %s | %s | %s | %d |%n",
              a.server(),
              a.rps(),
              ms(a.p99()),
              w == null ? "-" : String.format(Locale.ROOT, "%,.0f", w.rps()),
              w == null ? "-" : ms(w.p99()),
              w == null || !(a.p99() > 0)
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", w.p99() / a.p99()),
              s == null ? "-" : String.format(Locale.ROOT, "%,.0f", s.rps()),
              s == null ? "-" : ms(s.p50()),
              s == null ? "-" : ms(s.p99()),
              errors));
    }
  }

  private static void idle(List<Idle> idle, StringBuilder b) {
    if (idle.isEmpty()) {
      return;
    }
    b.append("\n## idle\n\n")
        .append("A freshly started server, warmed up with a few requests; then N idle ")
        .append("connections held open by `IdleConnections` (`http`: one keep-alive GET each; ")
        .append("`ws`: a WebSocket handshake each). Memory is read before and after opening them, ")
        .append("each time after a full GC (`jcmd GC.run`) for the JVMs: RSS from ")
        .append(
            "`/proc/PID/status` (summed over a server's processes), heap used (survivor, eden and old ")
        .append("generations) from `jstat -gc`. Per connection = (after − before) ÷ N.\n\n")
        .append(
            "| server | kind | N | still open | RSS before MiB | RSS after MiB | RSS per conn KiB |")
        .append(" heap per conn KiB |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Idle i : idle) {
      double rssPer = i.n() > 0 ? (i.rssAfterKib() - i.rssBeforeKib()) / (double) i.n() : 0;
      String heap =
          i.heapBeforeKib() < 0 || i.n() == 0
              ? "-"
              : String.format(
                  Locale.ROOT, "%.2f", (i.heapAfterKib() - i.heapBeforeKib()) / (double) i.n());
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %.0f | %.0f | %.2f | %s |%n",
              i.server(),
              i.kind(),
              i.n(),
              i.stillOpen(),
              i.rssBeforeKib() / 1024.0,
              i.rssAfterKib() / 1024.0,
              rssPer,
              heap));
    }
  }

  private static String ms(double v) {
    return Double.isNaN(v) || v <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }
}
