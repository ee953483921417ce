package io.squall.bench.template;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Renders the Fortunes page (13 rows, escaped, extending a base layout) with Squall, Pebble and
 * Mustache.java. Templates are compiled once in setup; each operation renders one page to a string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms512m", "-Xmx512m"})
public class TemplateBenchmark {
  private List<Fortune> rows;
  private Fortunes.Renderer squall;
  private Fortunes.Renderer pebble;
  private Fortunes.Renderer mustache;
  private Fortunes.Renderer squallLogic;
  private Fortunes.Renderer pebbleLogic;

  /** Compiles the templates and builds the rows. */
  @Setup
  public void setup() {
    rows = Fortunes.rows();
    squall = Fortunes.squall();
    pebble = Fortunes.pebble();
    mustache = Fortunes.mustache();
    squallLogic = Fortunes.squall("fortunes-logic.html");
    pebbleLogic = Fortunes.pebble("fortunes-logic.peb");
  }

  /** Squall's template engine. */
  @Benchmark
  public String squall() {
    return squall.render(rows);
  }

  /** Pebble. */
  @Benchmark
  public String pebble() {
    return pebble.render(rows);
  }

  /** Mustache.java. */
  @Benchmark
  public String mustache() {
    return mustache.render(rows);
  }

  /** Squall, with a per-row {@code if f.id % 2 == 0} (Mustache has no such logic). */
  @Benchmark
  public String squallLogic() {
    return squallLogic.render(rows);
  }

  /** Pebble, with the same per-row condition. */
  @Benchmark
  public String pebbleLogic() {
    return pebbleLogic.render(rows);
  }
}
