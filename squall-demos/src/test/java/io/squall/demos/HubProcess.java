package io.squall.demos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo hub in a child JVM on this test's class path, with the demos' own logging set-up (not
 * the tests' logback-test.xml); its output lines are queued as they come. Closing it kills it.
 */
public final class HubProcess implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final CompletableFuture<Void> eof = new CompletableFuture<>();

  private HubProcess(Process process) {
    this.process = process;
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<read failed: " + e + ">");
              } finally {
                eof.complete(null);
              }
            });
  }

  /** Starts {@link DemoHub} with {@code args}. */
  public static HubProcess start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-Dlogback.configurationFile=logback.xml");
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(DemoHub.class.getName());
    cmd.addAll(List.of(args));
    return new HubProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  /** The child process. */
  public Process process() {
    return process;
  }

  /** Waits for a line matching {@code pattern} (found anywhere in it), seen before or to come. */
  public Matcher awaitLine(Pattern pattern) throws InterruptedException {
    for (String line : seen) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("the hub never printed " + pattern + "; output:\n" + output());
      }
      seen.add(line);
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m;
      }
    }
  }

  /** Everything the hub printed so far. */
  public String output() {
    lines.drainTo(seen);
    return String.join("\n", seen);
  }

  /** Everything the hub printed, once it closed its output (it has exited). */
  public String outputToTheEnd() throws Exception {
    eof.get(WAIT_SECONDS, TimeUnit.SECONDS);
    return output();
  }

  /** Kills the hub and waits for it to be gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
