package io.squall.bench.load.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw figures of one harness run as run.sh writes them: {@code results.psv} (one line per
 * scenario, server and round: {@code scenario|server|round|rps|p50ms|p99ms|errors}) and {@code
 * idle.psv} ({@code server|kind|n|stillOpen|rssBeforeKiB|rssAfterKiB|heapBeforeKiB|heapAfterKiB},
 * heap -1 where there is no JVM heap).
 */
record LoadResults(List<Cell> cells, List<Idle> idle) {

  /** One measured round of one server in one scenario. */
  record Cell(
      String scenario, String server, int round, double rps, double p50, double p99, long errors) {}

  /** One idle measurement. */
  record Idle(
      String server,
      String kind,
      int n,
      int stillOpen,
      long rssBeforeKib,
      long rssAfterKib,
      long heapBeforeKib,
      long heapAfterKib) {}

  static LoadResults read(Path dir) throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (String[] f : rows(dir.resolve("results.psv"), 7)) {
      cells.add(
          new Cell(
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              num(f[3]),
              num(f[4]),
              num(f[5]),
              (long) num(f[6])));
    }
    List<Idle> idle = new ArrayList<>();
    for (String[] f : rows(dir.resolve("idle.psv"), 8)) {
      idle.add(
          new Idle(
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              Integer.parseInt(f[3]),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              Long.parseLong(f[7])));
    }
    return new LoadResults(cells, idle);
  }

  private static List<String[]> rows(Path file, int fields) throws IOException {
    List<String[]> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\\|", -1);
      if (f.length != fields) {
        throw new IOException(file + ": expected " + fields + " fields: " + line);
      }
      out.add(f);
    }
    return out;
  }

  private static double num(String s) {
    return s.isEmpty() || s.equals("-") ? Double.NaN : Double.parseDouble(s);
  }

  /** Scenarios in the order they were first run. */
  Set<String> scenarios() {
    Set<String> s = new LinkedHashSet<>();
    cells.forEach(c -> s.add(c.scenario()));
    return s;
  }

  /** Servers in the order they were first run. */
  Set<String> servers() {
    Set<String> s = new LinkedHashSet<>();
    cells.forEach(c -> s.add(c.server()));
    idle.forEach(i -> s.add(i.server()));
    return s;
  }

  /** The round with the highest rate, per scenario and server. */
  Map<String, Map<String, Cell>> best() {
    Map<String, Map<String, Cell>> best = new LinkedHashMap<>();
    for (Cell c : cells) {
      Map<String, Cell> m = best.computeIfAbsent(c.scenario(), k -> new LinkedHashMap<>());
      Cell b = m.get(c.server());
      if (b == null || c.rps() > b.rps()) {
        m.put(c.server(), c);
      }
    }
    return best;
  }

  /** Every round's rate, per scenario and server, in round order. */
  List<Cell> rounds(String scenario, String server) {
    List<Cell> out = new ArrayList<>();
    for (Cell c : cells) {
      if (c.scenario().equals(scenario) && c.server().equals(server)) {
        out.add(c);
      }
    }
    return out;
  }
}
